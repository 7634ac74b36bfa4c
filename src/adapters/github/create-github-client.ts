import { createHash } from "node:crypto";
import { EvidenceError, PermissionError } from "../../errors.js";
import { chainDeadline, createCachingFetch, type CachingFetch } from "./create-caching-fetch.js";
import { createOctokit, type GitHubOctokit } from "./create-octokit.js";
import { answerShape } from "./github-answers.js";
import { httpFailureOf, isPrimaryRateLimit, isSecondaryRateLimit } from "./github-http-failure.js";
import { describeRepo, redact, toEvidenceError, type Reading } from "./map-github-error.js";
import type { EtagCache } from "../sqlite/sqlite-etag-cache.js";

export interface GitHubApiOptions {
  /** The token every request carries. It never reaches a message, a log or the cache (keyed by its hash). */
  token: string;
  /** The REST API's URL: https://api.github.com, or https://ghe.example.com/api/v3 for GitHub Enterprise Server. */
  baseUrl: string;
  /** Where people see repositories; by default github.com for the public API, else the server without /api/v3. */
  webUrl?: string;
  /** Answers and their ETags kept between runs: a cache, the path of one to open on first use, or null for none. */
  cache: EtagCache | string | null;
  /** Retries after the first attempt, for 5xx answers, timeouts and rate limits (default 3). */
  retries?: number;
  /** A rate limit asking to wait longer than this is not waited for (default 60 seconds). */
  maxRetryAfterSeconds?: number;
  /** Sent as User-Agent, which GitHub requires (default "shipready"). */
  userAgent?: string;
  /** How many milliseconds a second of retry-after, or a unit of back-off, lasts (default 1000); tests shorten it. */
  delayUnitMs?: number;
  /** One request's time limit, in milliseconds (default 30000). */
  timeoutMs?: number;
  /**
   * The time limit of a whole chain of requests (one reading, with its pages and retries), in
   * milliseconds (default 60000): an unreachable API is inconclusive within it, not after every retry.
   */
  deadlineMs?: number;
  /** The fetch that sends requests (default the global one). */
  fetch?: typeof globalThis.fetch;
}

/**
 * What every API area shares, so that they ask GitHub through one cache and one set of retries, and
 * fail with the same messages.
 */
export interface GitHubClient {
  octokit: GitHubOctokit;
  /** Where people see repositories, without a trailing slash. */
  webUrl: string;
  failure(error: unknown, reading: Reading): EvidenceError;
  /** A write GitHub refused for want of permission is a PermissionError, so callers can tell it apart. */
  writeFailure(error: unknown, reading: Reading): EvidenceError;
  /** Runs a read, failing with the message for `what`. */
  reading<T>(what: Reading, work: () => Promise<T>): Promise<T>;
  /** Runs a write, failing as writeFailure says. */
  writing<T>(what: Reading, work: () => Promise<T>): Promise<T>;
  /** Takes the token out of a text built from GitHub's answers. */
  redact(text: string): string;
  stats(): { requests: number; notModified: number };
  close(): void;
}

/** A chain of requests that ran past its deadline. */
class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
  toEvidence(repo: string, what: Reading): EvidenceError {
    return new EvidenceError(
      `GitHub did not answer (${what.what} for ${repo}) within ${this.ms / 1000} s, retries included; the gate is inconclusive`,
      "Check the network and the API URL (--api-url, GITHUB_API_URL); for a slow server raise github.deadline in shipready.yml.",
    );
  }
}

export function createGitHubClient(options: GitHubApiOptions): GitHubClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const webUrl = (options.webUrl ?? webUrlOf(baseUrl)).replace(/\/+$/, "");
  const retries = options.retries ?? 3;
  const token = options.token;
  const transport = cachingFetchFor(options, baseUrl);
  const octokit = createOctokit({
    token,
    baseUrl,
    userAgent: options.userAgent ?? "shipready",
    fetch: transport.fetch,
    retries,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 60,
    delayUnitMs: options.delayUnitMs ?? 1000,
  });

  const failure = (error: unknown, reading: Reading) =>
    toEvidenceError(error, reading, { baseUrl, webUrl, attempts: retries + 1, token });

  function writeFailure(error: unknown, what: Reading): EvidenceError {
    const http = httpFailureOf(error);
    const failed = failure(error, what);
    return http?.status === 403 && !isSecondaryRateLimit(http) && !isPrimaryRateLimit(http)
      ? new PermissionError(failed.message, failed.fix)
      : failed;
  }

  const deadlineMs = options.deadlineMs ?? 60_000;
  async function reading<T>(what: Reading, work: () => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new DeadlineError(deadlineMs);
        deadline.abort(error);
        reject(error);
      }, deadlineMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([chainDeadline.run(deadline.signal, work), expired]);
    } catch (error) {
      if (error instanceof DeadlineError) throw error.toEvidence(describeRepo(what.repo), what);
      throw failure(error, what);
    } finally {
      clearTimeout(timer);
    }
  }

  async function writing<T>(what: Reading, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw writeFailure(error, what);
    }
  }

  return {
    octokit,
    webUrl,
    failure,
    writeFailure,
    reading,
    writing,
    redact: (text) => redact(text, token),
    stats: () => ({ requests: transport.counters.requests, notModified: transport.counters.notModified }),
    close: () => transport.close(),
  };
}

function cachingFetchFor(options: GitHubApiOptions, baseUrl: string): CachingFetch {
  const token = options.token;
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  return createCachingFetch({
    fetch: options.fetch ?? globalThis.fetch,
    cache: options.cache,
    // ETags vary with the credentials, so the cache keys by who asked; a hash, never the token.
    credentialKey: createHash("sha256").update(`shipready-etag\0${token}`).digest("hex").slice(0, 32),
    timeoutMs: options.timeoutMs ?? 30_000,
    shapeOf(url) {
      const path = new URL(url).pathname;
      return path.startsWith(`${basePath}/`) ? answerShape(path.slice(basePath.length)) : null;
    },
  });
}

/** github.com for the public API; for GitHub Enterprise Server, the server without /api/v3. */
function webUrlOf(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/api\/v3\/?$/, "")}`.replace(/\/+$/, "");
}
