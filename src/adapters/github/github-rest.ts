import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { createHash } from "node:crypto";
import { EvidenceError, PermissionError } from "../../errors.js";
import type {
  AlertInfo,
  AlertList,
  CommentInfo,
  GitHubApi,
  ReleaseInfo,
  RepoRef,
  WorkflowRunInfo,
} from "../../ports.js";
import {
  answerShape,
  checkRunInfo,
  codeScanningAlertInfo,
  dependabotAlertInfo,
  statusInfo,
  workflowInfo,
  workflowRunInfo,
  type AnswerShape,
  type CombinedStatusPage,
  type TimedCheck,
} from "./github-answers.js";
import type { CachedAnswer, EtagCache } from "../sqlite/sqlite-etag-cache.js";

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
  /** The fetch that sends requests (default the global one). */
  fetch?: typeof globalThis.fetch;
}

/** The GitHub REST API as shipready uses it, plus closing the cache it opened itself. */
export interface GitHubRestApi extends GitHubApi {
  /** Closes a cache this client opened from a path (one it was handed stays open). */
  close(): void;
}

/** The headers a cached answer keeps: what shapes the body and how to page on from it. */
const REPLAYED_HEADERS = ["content-type", "link", "etag", "last-modified", "x-github-media-type"];

/** A response read to the end, so that it can be handed out more than once. */
interface Snapshot {
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** What a method was doing, for the message when it fails. */
interface Reading {
  /** "the runs of workflow ci.yml" */
  what: string;
  repo: RepoRef;
  /** "actions: read" */
  permission: string;
  /** A workflow's name or id, so that a 404 can mention it. */
  workflow?: string;
  /** What was being done to it; "read" unless said. */
  verb?: "read" | "create" | "update";
}

/**
 * Builds the client: @octokit/core with throttling, retries and pagination, over a fetch that caches
 * by ETag. A client is one run's view of GitHub: it asks for each URL once and answers repeats from
 * memory, so binding many gates to one workflow costs one request. Build a new client to see changes.
 */
export function createGitHubApi(options: GitHubApiOptions): GitHubRestApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const webUrl = (options.webUrl ?? webUrlOf(baseUrl)).replace(/\/+$/, "");
  const retries = options.retries ?? 3;
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60;
  const delayUnitMs = options.delayUnitMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const token = options.token;
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const transport = createCachingFetch({
    fetch: options.fetch ?? globalThis.fetch,
    cache: options.cache,
    // ETags vary with the credentials, so the cache keys by who asked; a hash, never the token.
    credentialKey: createHash("sha256").update(`shipready-etag\0${token}`).digest("hex").slice(0, 32),
    timeoutMs,
    shapeOf(url) {
      const path = new URL(url).pathname;
      return path.startsWith(`${basePath}/`) ? answerShape(path.slice(basePath.length)) : null;
    },
  });

  const Client = Octokit.plugin(throttling, retry, paginateRest);
  const wantRetry = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < retries && retryAfter <= maxRetryAfterSeconds;
  const octokit = new Client({
    auth: token,
    baseUrl,
    userAgent: options.userAgent ?? "shipready",
    request: { fetch: transport.fetch },
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

  const failure = (error: unknown, reading: Reading) =>
    toEvidenceError(error, reading, { baseUrl, webUrl, attempts: retries + 1, token });

  async function reading<T>(what: Reading, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw failure(error, what);
    }
  }

  /** A write GitHub refused for want of permission is a PermissionError, so callers can tell it apart. */
  function writeFailure(error: unknown, what: Reading): EvidenceError {
    const http = httpFailureOf(error);
    const failed = failure(error, what);
    return http?.status === 403 && !isSecondaryRateLimit(http) && !isPrimaryRateLimit(http)
      ? new PermissionError(failed.message, failed.fix)
      : failed;
  }

  async function writing<T>(what: Reading, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw writeFailure(error, what);
    }
  }

  async function alerts(
    repo: RepoRef,
    feature: AlertFeature,
    work: () => Promise<AlertInfo[]>,
  ): Promise<AlertList> {
    const what: Reading = { repo, ...ALERT_READINGS[feature] };
    try {
      return { available: true, alerts: await work() };
    } catch (error) {
      const reason = unavailableReason(error, feature, what);
      if (reason !== null) return { available: false, reason: redact(reason, token) };
      throw failure(error, what);
    }
  }

  return {
    webUrl(repo) {
      return `${webUrl}/${repo.owner}/${repo.repo}`;
    },

    defaultBranch(repo) {
      return reading(
        { what: "the repository", repo, permission: "read access to the repository (metadata: read)" },
        async () => {
          const { data } = await octokit.request("GET /repos/{owner}/{repo}", {
            owner: repo.owner,
            repo: repo.repo,
          });
          return data.default_branch;
        },
      );
    },

    listWorkflows(repo) {
      return reading({ what: "the workflows", repo, permission: "actions: read" }, async () => {
        const workflows = await octokit.paginate("GET /repos/{owner}/{repo}/actions/workflows", {
          owner: repo.owner,
          repo: repo.repo,
          per_page: 100,
        });
        return workflows.map(workflowInfo);
      });
    },

    listWorkflowRuns(repo, workflow, filter) {
      // GitHub takes a workflow by id or by file name, not by its path.
      const workflowId =
        typeof workflow === "number" ? workflow : workflow.slice(workflow.lastIndexOf("/") + 1);
      const what: Reading = {
        what: `the runs of workflow ${String(workflowId)}`,
        repo,
        permission: "actions: read",
        workflow: String(workflowId),
      };
      return reading(what, async () => {
        const limit = Math.max(0, Math.floor(filter.limit));
        if (limit === 0) return [];
        const runs: WorkflowRunInfo[] = [];
        const pages = octokit.paginate.iterator(
          "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
          {
            owner: repo.owner,
            repo: repo.repo,
            workflow_id: workflowId,
            per_page: Math.min(100, limit),
            ...(filter.branch !== undefined && { branch: filter.branch }),
            ...(filter.headSha !== undefined && { head_sha: filter.headSha }),
            ...(filter.event !== undefined && { event: filter.event }),
          },
        );
        // Only as many pages as the limit needs: the newest runs come first.
        for await (const page of pages) {
          runs.push(...page.data.map(workflowRunInfo));
          if (runs.length >= limit) break;
        }
        return runs.slice(0, limit);
      });
    },

    listChecks(repo, ref) {
      const what: Reading = {
        what: `the checks of ${ref}`,
        repo,
        permission: "checks: read and statuses: read",
      };
      return reading(what, async () => {
        const [checkRuns, statuses] = await Promise.all([
          octokit.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
            owner: repo.owner,
            repo: repo.repo,
            ref,
            per_page: 100,
          }),
          readCombinedStatuses(repo, ref),
        ]);
        // The latest per name, whichever system reported it.
        const latest = new Map<string, TimedCheck>();
        for (const check of [...checkRuns.map(checkRunInfo), ...statuses.map(statusInfo)]) {
          const seen = latest.get(check.name);
          if (!seen || check.at > seen.at) latest.set(check.name, check);
        }
        return [...latest.values()].map(({ at: _at, ...check }) => check);
      });
    },

    listDependabotAlerts(repo) {
      return alerts(repo, "dependabot", async () => {
        // Dependabot pages by cursor; the paginator follows the Link header either way.
        const found = await octokit.paginate("GET /repos/{owner}/{repo}/dependabot/alerts", openAlerts(repo));
        return found.map(dependabotAlertInfo);
      });
    },

    listCodeScanningAlerts(repo) {
      return alerts(repo, "code-scanning", async () => {
        const found = await octokit.paginate(
          "GET /repos/{owner}/{repo}/code-scanning/alerts",
          openAlerts(repo),
        );
        return found.map(codeScanningAlertInfo);
      });
    },

    async findRelease(repo, tag) {
      const what: Reading = { what: `the release of ${tag}`, repo, permission: "contents: read" };
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
          owner: repo.owner,
          repo: repo.repo,
          tag,
        });
        return releaseInfo(data);
      } catch (error) {
        // No release for the tag yet is an answer, not a failure.
        if (httpFailureOf(error)?.status === 404) return null;
        throw failure(error, what);
      }
    },

    async createRelease(repo, release) {
      const what: Reading = {
        what: `the release of ${release.tag}`,
        repo,
        permission: "contents: write",
        verb: "create",
      };
      try {
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/releases", {
          owner: repo.owner,
          repo: repo.repo,
          tag_name: release.tag,
          target_commitish: release.targetCommitish,
          name: release.name,
          body: release.body,
          prerelease: release.prerelease,
          draft: false,
        });
        return { ...releaseInfo(data), created: true };
      } catch (error) {
        // A release made by an earlier try, or by this very request when its answer was lost and the
        // retry was refused: it is the one wanted, not a reason to fail or to make another.
        if (isAlreadyExists(error)) {
          const existing = await this.findRelease(repo, release.tag);
          if (existing) return { ...existing, created: false };
        }
        throw failure(error, what);
      }
    },

    findComment(repo, issue, marker) {
      const what: Reading = {
        what: `the comments of #${issue}`,
        repo,
        permission: "pull-requests: read (issues: read for an issue)",
      };
      return reading(what, async () => {
        const pages = octokit.paginate.iterator("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          owner: repo.owner,
          repo: repo.repo,
          issue_number: issue,
          per_page: 100,
        });
        for await (const page of pages) {
          const found = page.data.find((comment) => (comment.body ?? "").includes(marker));
          if (found) return commentInfo(found);
        }
        return null;
      });
    },

    async createComment(repo, issue, body) {
      const what: Reading = {
        what: `a comment on #${issue}`,
        repo,
        permission: "pull-requests: write (issues: write for an issue)",
        verb: "create",
      };
      try {
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          owner: repo.owner,
          repo: repo.repo,
          issue_number: issue,
          body,
          request: { retries: 0 },
        });
        return commentInfo(data);
      } catch (error) {
        const refused = httpFailureOf(error)?.status === 403 && !isSecondaryRateLimit(httpFailureOf(error)!);
        const failed = failure(error, what);
        throw refused ? new PermissionError(failed.message, failed.fix) : failed;
      }
    },

    updateComment(repo, commentId, body) {
      const what: Reading = {
        what: `comment ${commentId}`,
        repo,
        permission: "pull-requests: write (issues: write for an issue)",
        verb: "update",
      };
      return reading(what, async () => {
        const { data } = await octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
          owner: repo.owner,
          repo: repo.repo,
          comment_id: commentId,
          body,
        });
        return commentInfo(data);
      });
    },

    async branchHead(repo, branch) {
      const what: Reading = { what: `the branch ${branch}`, repo, permission: "contents: read" };
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
          owner: repo.owner,
          repo: repo.repo,
          ref: `heads/${branch}`,
        });
        return data.object.sha;
      } catch (error) {
        if (httpFailureOf(error)?.status === 404) return null;
        throw failure(error, what);
      }
    },

    blobsAt(repo, commit, paths) {
      return reading(
        { what: `the files of commit ${commit.slice(0, 12)}`, repo, permission: "contents: read" },
        async () => {
          // One folder at a time, each asked once: a recursive listing of a large repository is cut short.
          const listings = new Map<string, Promise<Map<string, { sha: string; type: string }>>>();
          const list = (tree: string) => {
            let listing = listings.get(tree);
            if (listing === undefined) {
              listing = octokit
                .request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
                  owner: repo.owner,
                  repo: repo.repo,
                  tree_sha: tree,
                })
                .then(({ data }) => new Map(data.tree.map((e) => [e.path, { sha: e.sha, type: e.type }])));
              listings.set(tree, listing);
            }
            return listing;
          };
          const found = new Map<string, string>();
          for (const path of paths) {
            let tree = commit;
            const parts = path.split("/");
            for (const [index, name] of parts.entries()) {
              const entry = (await list(tree)).get(name);
              const last = index === parts.length - 1;
              if (entry === undefined || entry.type !== (last ? "blob" : "tree")) break;
              if (last) found.set(path, entry.sha);
              else tree = entry.sha;
            }
          }
          return found;
        },
      );
    },

    readBlob(repo, sha) {
      return reading(
        { what: `the blob ${sha.slice(0, 12)}`, repo, permission: "contents: read" },
        async () => {
          const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
            owner: repo.owner,
            repo: repo.repo,
            file_sha: sha,
          });
          return new Uint8Array(Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8"));
        },
      );
    },

    createBlob(repo, content) {
      return writing({ what: "a blob", repo, permission: "contents: write", verb: "create" }, async () => {
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/git/blobs", {
          owner: repo.owner,
          repo: repo.repo,
          content: Buffer.from(content).toString("base64"),
          encoding: "base64",
        });
        return data.sha;
      });
    },

    createTree(repo, base, files) {
      return writing({ what: "a tree", repo, permission: "contents: write", verb: "create" }, async () => {
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/git/trees", {
          owner: repo.owner,
          repo: repo.repo,
          base_tree: base,
          tree: files.map((file) => ({
            path: file.path,
            mode: file.mode as "100644" | "100755",
            type: "blob" as const,
            sha: file.sha,
          })),
        });
        return data.sha;
      });
    },

    createCommit(repo, commit) {
      return writing({ what: "a commit", repo, permission: "contents: write", verb: "create" }, async () => {
        // Naming no author or committer is what makes GitHub sign the commit.
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/git/commits", {
          owner: repo.owner,
          repo: repo.repo,
          message: commit.message,
          tree: commit.tree,
          parents: commit.parents,
        });
        return { sha: data.sha, verified: data.verification?.verified === true };
      });
    },

    async moveBranch(repo, branch, sha) {
      const what: Reading = {
        what: `the branch ${branch}`,
        repo,
        permission: "contents: write (and a ruleset or branch protection that lets the token push)",
        verb: "update",
      };
      try {
        await octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
          owner: repo.owner,
          repo: repo.repo,
          ref: `heads/${branch}`,
          sha,
          force: false,
        });
        return true;
      } catch (error) {
        const failed = httpFailureOf(error);
        if (failed?.status === 422 && /fast.forward/i.test(githubMessage(failed))) return false;
        throw writeFailure(error, what);
      }
    },

    stats() {
      return { requests: transport.counters.requests, notModified: transport.counters.notModified };
    },

    close() {
      transport.close();
    },
  };

  /** The combined status lists one status per context; its body is an object, so it is paged by hand. */
  async function readCombinedStatuses(repo: RepoRef, ref: string) {
    const statuses: CombinedStatusPage["statuses"] = [];
    const first = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/status", {
      owner: repo.owner,
      repo: repo.repo,
      ref,
      per_page: 100,
    });
    statuses.push(...first.data.statuses);
    let next = nextLink(first.headers.link);
    while (next) {
      const page = await octokit.request({ method: "GET", url: next });
      statuses.push(...(page.data as CombinedStatusPage).statuses);
      next = nextLink(page.headers.link);
    }
    return statuses;
  }
}

function commentInfo(data: { id: number | bigint; body?: string; html_url: string }): CommentInfo {
  // Comment ids are typed as bigint for the far future; today's fit a number exactly.
  return { id: Number(data.id), body: data.body ?? "", htmlUrl: data.html_url };
}

interface ReleaseData {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  html_url: string;
  draft: boolean;
  prerelease: boolean;
}

function releaseInfo(data: ReleaseData): ReleaseInfo {
  return {
    id: data.id,
    tag: data.tag_name,
    name: data.name,
    body: data.body ?? null,
    htmlUrl: data.html_url,
    draft: data.draft,
    prerelease: data.prerelease,
  };
}

/** GitHub's 422 for a second release of one tag: `errors: [{ code: "already_exists", field: "tag_name" }]`. */
function isAlreadyExists(error: unknown): boolean {
  const failure = httpFailureOf(error);
  if (failure?.status !== 422) return false;
  const errors = (failure.data as { errors?: { code?: unknown }[] } | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.code === "already_exists");
}

type AlertFeature = "dependabot" | "code-scanning";

const ALERT_READINGS: Record<AlertFeature, Omit<Reading, "repo">> = {
  dependabot: {
    what: "the Dependabot alerts",
    permission:
      "Dependabot alerts: read (vulnerability-alerts: read in a workflow's permissions, Dependabot alerts for a fine-grained token or GitHub App, the security_events scope for a classic token)",
  },
  "code-scanning": {
    what: "the code scanning alerts",
    permission:
      "code scanning alerts: read (security-events: read in a workflow's permissions, Code scanning alerts for a fine-grained token or GitHub App, the security_events scope for a classic token)",
  },
};

/** Both alert lists are read open only, a full page at a time. */
function openAlerts(repo: RepoRef) {
  return { owner: repo.owner, repo: repo.repo, state: "open", per_page: 100 } as const;
}

function nextLink(link: string | undefined): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? "")?.[1];
}

/** github.com for the public API; for GitHub Enterprise Server, the server without /api/v3. */
function webUrlOf(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/api\/v3\/?$/, "")}`.replace(/\/+$/, "");
}

// ---------------------------------------------------------------------------------------------
// The fetch under Octokit: conditional requests with stored ETags, answers cut down to the fields
// read, and one request per URL.

interface CachingFetch {
  fetch: typeof globalThis.fetch;
  counters: { requests: number; notModified: number };
  close(): void;
}

function createCachingFetch(options: {
  fetch: typeof globalThis.fetch;
  cache: EtagCache | string | null;
  credentialKey: string;
  timeoutMs: number;
  /** How the successful answers from a URL are cut down, or null to keep them whole. */
  shapeOf(url: string): AnswerShape | null;
}): CachingFetch {
  const counters = { requests: 0, notModified: 0 };
  const inFlight = new Map<string, Promise<Snapshot>>();
  const answered = new Map<string, Snapshot>();
  let cache: EtagCache | null = typeof options.cache === "string" ? null : options.cache;
  let opening: Promise<EtagCache | null> | null = null;
  const ownsCache = typeof options.cache === "string";

  async function cacheReady(): Promise<EtagCache | null> {
    if (typeof options.cache !== "string") return cache;
    const path = options.cache;
    opening ??= import("../sqlite/sqlite-etag-cache.js")
      .then(({ openEtagCache }) => openEtagCache(path))
      .then((opened) => (cache = opened))
      // The cache only saves requests: a cache that cannot be opened means asking GitHub every time.
      .catch(() => null);
    return opening;
  }

  function send(url: string, init: RequestInit | undefined): Promise<Response> {
    counters.requests++;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return options.fetch(url, { ...init, signal });
  }

  async function conditionalGet(url: string, init: RequestInit | undefined): Promise<Snapshot> {
    const store = await cacheReady();
    const shape = options.shapeOf(url);
    // An answer cut down for other fields must not stand in for this one.
    const key = `${options.credentialKey} ${shape?.id ?? "whole"} ${url}`;
    const stored = tryCache(() => store?.get(key) ?? null);
    const headers = new Headers(init?.headers);
    if (stored) headers.set("if-none-match", stored.etag);
    const response = await send(url, { ...init, headers });
    if (response.status === 304 && stored) {
      counters.notModified++;
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
      pending = conditionalGet(url, init).finally(() => inFlight.delete(key));
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
      if (ownsCache && cache) cache.close();
    },
  };
}

/** A cache that fails (a locked or unwritable file) is skipped: it must never fail a read from GitHub. */
function tryCache<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  // The body is handed on decoded, so its encoding and length no longer apply.
  delete headers["content-encoding"];
  delete headers["content-length"];
  return headers;
}

async function snapshotOf(url: string, response: Response): Promise<Snapshot> {
  return {
    url: response.url || url,
    status: response.status,
    statusText: response.statusText,
    headers: headersOf(response),
    body: await response.text(),
  };
}

function responseOf(snapshot: Snapshot): Response {
  const nullBody = [101, 204, 205, 304].includes(snapshot.status);
  const response = new Response(nullBody ? null : snapshot.body, {
    status: snapshot.status,
    statusText: snapshot.statusText,
    headers: snapshot.headers,
  });
  // Octokit reads response.url, which a constructed Response leaves empty.
  Object.defineProperty(response, "url", { value: snapshot.url });
  return response;
}

// ---------------------------------------------------------------------------------------------
// Errors: what GitHub said, turned into what to do about it.

interface HttpFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  data: unknown;
  hasResponse: boolean;
}

/** The parts of Octokit's RequestError that matter; its request (and so its headers) is left behind. */
function httpFailureOf(error: unknown): HttpFailure | null {
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
function githubMessage(failure: HttpFailure): string {
  const data = failure.data as { message?: unknown } | undefined;
  const text =
    typeof data?.message === "string" ? data.message : failure.message.replace(/ - https?:\/\/\S+$/, "");
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function isPrimaryRateLimit(failure: HttpFailure): boolean {
  return (
    (failure.status === 403 || failure.status === 429) && failure.headers["x-ratelimit-remaining"] === "0"
  );
}

function isSecondaryRateLimit(failure: HttpFailure): boolean {
  return (
    (failure.status === 403 || failure.status === 429) &&
    (/secondary rate limit/i.test(githubMessage(failure)) || failure.headers["retry-after"] !== undefined)
  );
}

function describeRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}

function toEvidenceError(
  error: unknown,
  reading: Reading,
  context: { baseUrl: string; webUrl: string; attempts: number; token: string },
): EvidenceError {
  const where = `${reading.what} of ${describeRepo(reading.repo)}`;
  const verb = reading.verb ?? "read";
  const doing = { read: "reading", create: "creating", update: "updating" }[verb];
  const make = (message: string, fix: string) =>
    new EvidenceError(redact(message, context.token), redact(fix, context.token));
  const failure = httpFailureOf(error);
  if (failure === null) {
    const text = error instanceof Error ? error.message : String(error);
    return make(
      `${capitalize(doing)} ${where} on GitHub failed: ${text}`,
      "Run again with --debug and report it if it persists.",
    );
  }
  if (!failure.hasResponse) {
    return make(
      `GitHub at ${context.baseUrl} could not be reached to ${verb} ${where}, after ${context.attempts} attempts: ${githubMessage(failure)}`,
      "Check the network and the API URL (--api-url, GITHUB_API_URL or github.apiUrl in shipready.yml).",
    );
  }
  const said = `${failure.status}: ${githubMessage(failure)}`;
  if (isPrimaryRateLimit(failure)) {
    const reset = Number(failure.headers["x-ratelimit-reset"]);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : "";
    return make(
      `GitHub's API rate limit for this token is used up${when}, so ${where} could not be ${{ read: "read", create: "created", update: "updated" }[verb]} (${said})`,
      "Run again after the reset, or use a token with a higher limit (a GitHub App installation token).",
    );
  }
  if (isSecondaryRateLimit(failure)) {
    const wait = failure.headers["retry-after"];
    return make(
      `GitHub's secondary rate limit stopped ${doing} ${where}${wait ? ` (it asked to wait ${wait} seconds)` : ""} (${said})`,
      "Run again in a few minutes, and avoid running many shipready jobs against GitHub at the same moment.",
    );
  }
  switch (failure.status) {
    case 401:
      return make(
        `GitHub rejected the token while ${doing} ${where} (${said}): it is invalid, expired or revoked`,
        `Create a new token (${context.webUrl}/settings/tokens, or the workflow's GITHUB_TOKEN) and pass it in GITHUB_TOKEN or --token.`,
      );
    case 403:
      return make(`The token may not ${verb} ${where} (${said})`, `Grant the token ${reading.permission}.`);
    case 404:
      return make(
        `${capitalize(reading.what)} of ${describeRepo(reading.repo)} were not found, or the token cannot see them (${said})`,
        `Check the repository name${reading.workflow ? ` and the workflow (${reading.workflow}: its id or file name, such as ci.yml)` : ""}; a private repository needs a token with access to it (the repo scope for a classic token, the repository selected for a fine-grained one).`,
      );
  }
  if (failure.status >= 500) {
    return make(
      `GitHub answered ${said} to each of ${context.attempts} attempts to ${verb} ${where}`,
      "GitHub may be having trouble (https://www.githubstatus.com); run again later.",
    );
  }
  return make(
    `GitHub refused to give ${where} (${said})`,
    "Run again with --debug and report it if it persists.",
  );
}

/**
 * Why alerts cannot be read, when the answer means the feature is off or the token may not see it;
 * null for every other failure, which is an error.
 */
function unavailableReason(error: unknown, feature: AlertFeature, reading: Reading): string | null {
  const failure = httpFailureOf(error);
  if (failure === null || !failure.hasResponse) return null;
  if (isPrimaryRateLimit(failure) || isSecondaryRateLimit(failure)) return null;
  const said = githubMessage(failure);
  const repo = describeRepo(reading.repo);
  if (feature === "dependabot" && failure.status === 403) {
    if (/disabled/i.test(said)) {
      return `Dependabot alerts are disabled for ${repo} (GitHub: "${said}"); turn them on in Settings > Code security > Dependabot alerts.`;
    }
    return `The token may not read the Dependabot alerts of ${repo} (GitHub: "${said}"); grant it ${reading.permission}.`;
  }
  if (feature === "code-scanning") {
    if (failure.status === 404 && /no analysis found/i.test(said)) {
      return `Code scanning has never analysed ${repo} (GitHub: "${said}"); set it up in Settings > Code security > Code scanning, or run CodeQL in a workflow.`;
    }
    if (failure.status === 403 && /advanced security/i.test(said)) {
      return `Code scanning needs GitHub Advanced Security (Code Security), which is off for ${repo} (GitHub: "${said}"); enable it in Settings > Code security.`;
    }
    if (failure.status === 403 && /not enabled/i.test(said)) {
      return `Code scanning is not enabled for ${repo} (GitHub: "${said}"); enable it in Settings > Code security > Code scanning.`;
    }
    if (failure.status === 403) {
      return `The token may not read the code scanning alerts of ${repo} (GitHub: "${said}"); grant it ${reading.permission}.`;
    }
  }
  return null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The last guard: whatever a message was built from, the token does not appear in it. */
function redact(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join("[REDACTED]") : text;
}
