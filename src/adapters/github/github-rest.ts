import { PermissionError } from "../../errors.js";
import type {
  AlertInfo,
  AlertList,
  CommentInfo,
  GitHubApi,
  ReleaseInfo,
  RepoRef,
  WorkflowRunInfo,
} from "../../ports.js";
import { unavailableReason, type AlertFeature } from "./alert-unavailable-reason.js";
import { createGitHubClient, type GitHubApiOptions } from "./create-github-client.js";
import {
  checkRunInfo,
  codeScanningAlertInfo,
  dependabotAlertInfo,
  statusInfo,
  workflowInfo,
  workflowRunInfo,
  type CombinedStatusPage,
  type TimedCheck,
} from "./github-answers.js";
import { githubMessage, httpFailureOf, isSecondaryRateLimit } from "./github-http-failure.js";
import type { Reading } from "./map-github-error.js";

export type { GitHubApiOptions } from "./create-github-client.js";

/** The GitHub REST API as shipready uses it, plus closing the cache it opened itself. */
export interface GitHubRestApi extends GitHubApi {
  /** Closes a cache this client opened from a path (one it was handed stays open). */
  close(): void;
}

/**
 * Builds the client: @octokit/core with throttling, retries and pagination, over a fetch that caches
 * by ETag. A client is one run's view of GitHub: it asks for each URL once and answers repeats from
 * memory, so binding many gates to one workflow costs one request. Build a new client to see changes.
 */
export function createGitHubApi(options: GitHubApiOptions): GitHubRestApi {
  const client = createGitHubClient(options);
  const { octokit, webUrl, failure, reading, writing, writeFailure } = client;

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
      if (reason !== null) return { available: false, reason: client.redact(reason) };
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
      return client.stats();
    },

    close() {
      client.close();
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
