export interface HttpFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  data: unknown;
  hasResponse: boolean;
}

/** The parts of Octokit's RequestError that matter; its request (and so its headers) is left behind. */
export function httpFailureOf(error: unknown): HttpFailure | null {
  const status = (error as { status?: unknown } | null)?.status;
  if (!(error instanceof Error) || typeof status !== "number") return null;
  const response = (error as { response?: { headers?: Record<string, string>; data?: unknown } }).response;
  return {
    status,
    message: error.message,
    headers: response?.headers ?? {},
    data: response?.data,
    hasResponse: response !== undefined,
  };
}

/** GitHub's own words: the message of its error object, on one line. */
export function githubMessage(failure: HttpFailure): string {
  const data = failure.data as { message?: unknown } | undefined;
  const text =
    typeof data?.message === "string" ? data.message : failure.message.replace(/ - https?:\/\/\S+$/, "");
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function isPrimaryRateLimit(failure: HttpFailure): boolean {
  return (
    (failure.status === 403 || failure.status === 429) && failure.headers["x-ratelimit-remaining"] === "0"
  );
}

export function isSecondaryRateLimit(failure: HttpFailure): boolean {
  return (
    (failure.status === 403 || failure.status === 429) &&
    (/secondary rate limit/i.test(githubMessage(failure)) || failure.headers["retry-after"] !== undefined)
  );
}
