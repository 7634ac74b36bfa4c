import { redactUrl } from "../shared/redact-url.js";
import { bareHost, findForbiddenHost } from "./forbidden-addresses.js";

/**
 * One request to a JSON API (Prometheus, Sentry) with Node's fetch: a timeout, the caller's abort
 * signal, a cap on the body read, no redirects followed (a redirect elsewhere would take the
 * credentials along), credentials written in the URL (`https://user:pass@host`) sent as basic
 * auth, and every message naming the URL without its credentials or query values.
 */
export interface JsonAnswer {
  status: number;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  /** The start of the body as text, for messages. */
  excerpt: string;
}

export type RequestFailure = "bad-url" | "refused" | "unreachable" | "timeout" | "aborted" | "too-large";

/** No answer came: `kind` says why, the message says it for a person, with the URL redacted. */
export class RequestFailed extends Error {
  constructor(
    readonly kind: RequestFailure,
    message: string,
  ) {
    super(message);
    this.name = "RequestFailed";
  }
}

export interface JsonRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded (POST). */
  form?: URLSearchParams;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Body bytes read at most (default 4 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const EXCERPT_CHARS = 300;

const CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name does not resolve",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed before an answer",
};

export async function requestJson(url: string, request: JsonRequest): Promise<JsonAnswer> {
  const shown = redactUrl(url);
  if (!URL.canParse(url)) throw new RequestFailed("bad-url", `${shown} is not a valid URL`);
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new RequestFailed("bad-url", `${shown} is not an http or https URL`);
  }
  const forbidden = findForbiddenHost(target.hostname);
  if (forbidden !== null) {
    throw new RequestFailed("refused", `${bareHost(target.hostname)} is ${forbidden}, refused on purpose`);
  }
  const headers: Record<string, string> = {
    accept: "application/json",
    "user-agent": "shipready",
    ...request.headers,
  };
  if (target.username !== "" || target.password !== "") {
    const user = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) {
      headers.authorization = `Basic ${Buffer.from(user).toString("base64")}`;
    }
    target.username = "";
    target.password = "";
  }

  const stop = new AbortController();
  let why: RequestFailure | null = null;
  const timer = setTimeout(
    () => {
      why = "timeout";
      stop.abort();
    },
    Math.min(Math.max(1, request.timeoutMs), 2 ** 31 - 1),
  );
  const onAbort = () => {
    why ??= "aborted";
    stop.abort();
  };
  request.signal?.addEventListener("abort", onAbort, { once: true });
  if (request.signal?.aborted) onAbort();
  try {
    const response = await fetch(target, {
      method: request.method ?? (request.form ? "POST" : "GET"),
      headers: request.form ? { ...headers, "content-type": "application/x-www-form-urlencoded" } : headers,
      ...(request.form && { body: request.form.toString() }),
      redirect: "manual",
      signal: stop.signal,
    });
    const text = await readCapped(response, request.maxBytes ?? DEFAULT_MAX_BYTES, shown);
    return { status: response.status, json: parseJson(text), excerpt: text.slice(0, EXCERPT_CHARS) };
  } catch (error) {
    if (error instanceof RequestFailed) throw error;
    if (why === "timeout")
      throw new RequestFailed("timeout", `${shown} did not answer within ${request.timeoutMs} ms`);
    if (why === "aborted") throw new RequestFailed("aborted", `stopped before ${shown} answered`);
    throw new RequestFailed("unreachable", `${shown} is unreachable: ${describeNetworkError(error)}`);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", onAbort);
  }
}

async function readCapped(response: Response, maxBytes: number, shown: string): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new RequestFailed("too-large", `${shown} answered more than ${maxBytes} bytes; narrow the query`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : "";
  if (CODES[code]) return CODES[code];
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/.test(code)) return `the TLS handshake failed (${code})`;
  if (code !== "") return code;
  return typeof cause?.message === "string"
    ? cause.message
    : error instanceof Error
      ? error.message
      : String(error);
}

/** "Prometheus at http://127.0.0.1:9090 is unreachable: connection refused", "Sentry: stopped before ..." */
export function sourceProblem(system: string, error: RequestFailed): string {
  return error.message.startsWith("http") ? `${system} at ${error.message}` : `${system}: ${error.message}`;
}
