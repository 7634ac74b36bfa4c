import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export interface OctokitOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  fetch: typeof globalThis.fetch;
  retries: number;
  maxRetryAfterSeconds: number;
  delayUnitMs: number;
}

export type GitHubOctokit = ReturnType<typeof createOctokit>;

/** @octokit/core with throttling, retries and pagination, silent, over the fetch it is given. */
export function createOctokit(options: OctokitOptions) {
  const { retries, maxRetryAfterSeconds, delayUnitMs } = options;
  const Client = Octokit.plugin(throttling, retry, paginateRest);
  const wantRetry = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < retries && retryAfter <= maxRetryAfterSeconds;
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    request: { fetch: options.fetch },
    // Octokit would write to the console; what matters reaches the caller as an error instead.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      onRateLimit: wantRetry,
      onSecondaryRateLimit: wantRetry,
      retryAfterBaseValue: delayUnitMs,
    },
    // Rate limits (403 and 429) belong to the throttling plugin, which honours retry-after.
    retry: {
      retries,
      retryAfterBaseValue: delayUnitMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });
}
