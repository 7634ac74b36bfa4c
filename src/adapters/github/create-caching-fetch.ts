// The fetch under Octokit: conditional requests with stored ETags, answers cut down to the fields
// read, and one request per URL.

import { AsyncLocalStorage } from "node:async_hooks";
import { LRUCache } from "lru-cache";
import type { AnswerShape } from "./github-answers.js";
import { headersOf, responseOf, snapshotOf, type Snapshot } from "./response-snapshot.js";
import type { CachedAnswer, EtagCache } from "../sqlite/sqlite-etag-cache.js";

/** The deadline of the chain of requests running now (a reading with its pages and retries), if any. */
export const chainDeadline = new AsyncLocalStorage<AbortSignal>();

/** The headers a cached answer keeps: what shapes the body and how to page on from it. */
const REPLAYED_HEADERS = ["content-type", "link", "etag", "last-modified", "x-github-media-type"];

export interface CachingFetch {
  fetch: typeof globalThis.fetch;
  counters: { requests: number; notModified: number };
  close(): void;
}

export interface CachingFetchOptions {
  fetch: typeof globalThis.fetch;
  cache: EtagCache | string | null;
  credentialKey: string;
  timeoutMs: number;
  /** How the successful answers from a URL are cut down, or null to keep them whole. */
  shapeOf(url: string): AnswerShape | null;
  /** Characters of answers the run keeps to answer a repeated ask; default 32 Mi. */
  answersBudget?: number;
}

interface LazyEtagCache {
  ready(): Promise<EtagCache | null>;
  close(): void;
}

/** What a conditional GET shares with the fetch that sends it. */
interface Asking {
  options: CachingFetchOptions;
  cache: LazyEtagCache;
  counters: CachingFetch["counters"];
  send(url: string, init: RequestInit | undefined): Promise<Response>;
}

/** Characters of answers a run keeps in memory (about as many bytes for GitHub's ASCII JSON). */
const ANSWERS_BUDGET = 32 * 1024 * 1024;
/** What an answer costs beyond its body and URL: its headers and the entry. */
const ANSWER_OVERHEAD = 512;

export function createCachingFetch(options: CachingFetchOptions): CachingFetch {
  const counters = { requests: 0, notModified: 0 };
  const inFlight = new Map<string, Promise<Snapshot>>();
  // What this run was answered, so that asking again costs nothing: kept up to a budget, the least
  // recently asked let go first, so that a sync of a whole organisation does not keep every page.
  const answered = new LRUCache<string, Snapshot>({
    maxSize: options.answersBudget ?? ANSWERS_BUDGET,
    sizeCalculation: (snapshot) => snapshot.body.length + snapshot.url.length + ANSWER_OVERHEAD,
  });
  const cache = lazyEtagCache(options.cache);

  function send(url: string, init: RequestInit | undefined): Promise<Response> {
    counters.requests++;
    // The request's own time limit, the caller's signal, and the deadline of the chain it belongs to.
    const deadline = chainDeadline.getStore();
    const limits = [AbortSignal.timeout(options.timeoutMs), init?.signal, deadline].filter(
      (s): s is AbortSignal => s !== undefined && s !== null,
    );
    const signal = AbortSignal.any(limits);
    return options.fetch(url, { ...init, signal });
  }

  const asking: Asking = { options, cache, counters, send };
  const cachingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    if (method !== "GET") {
      // A write may change what a read answers: later reads in this run go to GitHub again.
      answered.clear();
      return send(url, init);
    }
    const accept = new Headers(init?.headers).get("accept") ?? "";
    const key = `${accept}\0${url}`;
    const done = answered.get(key);
    if (done) return responseOf(done);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = conditionalGet(url, init, asking).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const snapshot = await pending;
    // Only successes are remembered: a failure is retried, and a retry must reach GitHub.
    if (snapshot.status === 200) answered.set(key, snapshot);
    return responseOf(snapshot);
  };

  return {
    fetch: cachingFetch as typeof globalThis.fetch,
    counters,
    close() {
      cache.close();
    },
  };
}

/** The cache handed over, or the one at a path, opened on first use; only one opened here is closed. */
function lazyEtagCache(given: EtagCache | string | null): LazyEtagCache {
  let cache: EtagCache | null = typeof given === "string" ? null : given;
  let opening: Promise<EtagCache | null> | null = null;
  const ownsCache = typeof given === "string";
  return {
    async ready() {
      if (typeof given !== "string") return cache;
      const path = given;
      opening ??= import("../sqlite/sqlite-etag-cache.js")
        .then(({ openEtagCache }) => openEtagCache(path))
        .then((opened) => (cache = opened))
        // The cache only saves requests: a cache that cannot be opened means asking GitHub every time.
        .catch(() => null);
      return opening;
    },
    close() {
      if (ownsCache && cache) cache.close();
    },
  };
}

async function conditionalGet(url: string, init: RequestInit | undefined, asking: Asking): Promise<Snapshot> {
  const store = await asking.cache.ready();
  const shape = asking.options.shapeOf(url);
  // An answer cut down for other fields must not stand in for this one.
  const key = `${asking.options.credentialKey} ${shape?.id ?? "whole"} ${url}`;
  const stored = tryCache(() => store?.get(key) ?? null);
  const headers = new Headers(init?.headers);
  if (stored) headers.set("if-none-match", stored.etag);
  const response = await asking.send(url, { ...init, headers });
  if (response.status === 304 && stored) {
    asking.counters.notModified++;
    await response.body?.cancel();
    // The fresh rate-limit headers, with the stored ones that describe the body (link keeps paging working).
    return {
      url,
      status: 200,
      statusText: "OK",
      headers: { ...headersOf(response), ...stored.headers },
      body: stored.body,
    };
  }
  const snapshot = await snapshotOf(url, response);
  if (snapshot.status !== 200) return snapshot;
  if (shape) snapshot.body = shape.compact(snapshot.body);
  const etag = snapshot.headers.etag;
  if (etag && store) {
    const kept = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = snapshot.headers[name];
        return value === undefined ? [] : [[name, value]];
      }),
    );
    tryCache(() => store.put(key, { etag, headers: kept, body: snapshot.body } satisfies CachedAnswer));
  }
  return snapshot;
}

/** A cache that fails (a locked or unwritable file) is skipped: it must never fail a read from GitHub. */
function tryCache<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}
