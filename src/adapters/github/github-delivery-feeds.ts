import { InputError } from "../../errors.js";
import type {
  GitHubDeploymentRecord,
  GitHubFeeds,
  GitHubIssueRecord,
  GitHubRunRecord,
  GitHubTagRecord,
} from "../../metrics/github-feeds.js";
import { RateLimitedError } from "../../metrics/github-feeds.js";
import type { ChangeCommit } from "../../metrics/types.js";
import type { RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import {
  githubMessage,
  httpFailureOf,
  isPrimaryRateLimit,
  isSecondaryRateLimit,
} from "./github-http-failure.js";
import type { Reading } from "./map-github-error.js";

/** How many commits a comparison lists at most (GitHub's own limit is 250 per page, 10,000 in all). */
const MAX_COMPARE_PAGES = 40;

/**
 * Deployments, workflow runs, incident issues, tags, comparisons and pull requests, read for the
 * delivery metrics through the client every area shares (its ETag cache, its retries, its counters).
 */
export function githubDeliveryFeeds(client: GitHubClient): GitHubFeeds {
  const { octokit } = client;

  async function ask<T>(what: Reading, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw failureOf(client, error, what);
    }
  }

  /** Each page of a paginated list, each page's request failing as `ask` says. */
  async function* pages<T, R>(
    what: Reading,
    iterator: AsyncIterator<{ data: T[] }>,
    map: (item: T) => R | null,
  ): AsyncGenerator<R[]> {
    for (;;) {
      const next = await ask(what, () => iterator.next());
      if (next.done) return;
      yield next.value.data.flatMap((item) => {
        const mapped = map(item);
        return mapped === null ? [] : [mapped];
      });
    }
  }

  const workflowIds = new Map<string, Promise<number | string>>();
  /** A file name is used as it is; a workflow's name is looked up among the repository's workflows. */
  function workflowId(repo: RepoRef, workflow: string): Promise<number | string> {
    const file = workflow.slice(workflow.lastIndexOf("/") + 1);
    if (/\.ya?ml$/i.test(file)) return Promise.resolve(file);
    const key = `${repo.owner}/${repo.repo}\0${workflow}`;
    let found = workflowIds.get(key);
    if (!found) {
      const what: Reading = { what: "the workflows", repo, permission: "actions: read" };
      found = ask(what, async () => {
        const all = await octokit.paginate("GET /repos/{owner}/{repo}/actions/workflows", {
          owner: repo.owner,
          repo: repo.repo,
          per_page: 100,
        });
        const match = all.find((w) => w.name.toLowerCase() === workflow.toLowerCase());
        if (!match) {
          throw new InputError(
            `metrics.deployWorkflows names "${workflow}", which is no workflow of ${repo.owner}/${repo.repo}; its workflows are ${all.map((w) => `${w.name} (${w.path.slice(w.path.lastIndexOf("/") + 1)})`).join(", ") || "none"}`,
            "Write the workflow's file name (deploy.yml) or its name as GitHub shows it in metrics.deployWorkflows.",
          );
        }
        return match.id;
      });
      workflowIds.set(key, found);
    }
    return found;
  }

  return {
    async repository(name) {
      const repo = refOf(name);
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}", {
          owner: repo.owner,
          repo: repo.repo,
        });
        return { defaultBranch: data.default_branch, webUrl: `${client.webUrl}/${name}` };
      } catch (error) {
        const failure = httpFailureOf(error);
        if (failure?.status === 404) {
          throw new InputError(
            `the repository ${name} does not exist on GitHub, or the token cannot read it (404: ${githubMessage(failure)})`,
            "Check the name (owner/name); a private repository needs a token with access to it (the repo scope for a classic token, the repository selected for a fine-grained one).",
          );
        }
        throw failureOf(client, error, {
          what: "the repository",
          repo,
          permission: "read access to the repository (metadata: read)",
        });
      }
    },

    deployments(name) {
      const repo = refOf(name);
      const what: Reading = { what: "the deployments", repo, permission: "deployments: read" };
      const iterator = octokit.paginate.iterator("GET /repos/{owner}/{repo}/deployments", {
        owner: repo.owner,
        repo: repo.repo,
        per_page: 100,
      });
      return pages(what, iterator[Symbol.asyncIterator](), (d): GitHubDeploymentRecord => ({
        id: Number(d.id),
        sha: d.sha,
        ref: d.ref,
        environment: d.environment,
        createdAt: d.created_at,
      }));
    },

    deploymentStatuses(name, id) {
      const repo = refOf(name);
      const what: Reading = {
        what: `the statuses of deployment ${id}`,
        repo,
        permission: "deployments: read",
      };
      return ask(what, async () => {
        const { data } = await octokit.request(
          "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
          { owner: repo.owner, repo: repo.repo, deployment_id: id, per_page: 100 },
        );
        return data
          .map((s) => ({
            state: s.state,
            description: s.description,
            createdAt: s.created_at,
            url: s.log_url || s.target_url || s.environment_url || null,
          }))
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      });
    },

    async *workflowRuns(name, workflow, branch) {
      const repo = refOf(name);
      const what: Reading = {
        what: `the runs of workflow ${workflow}`,
        repo,
        permission: "actions: read",
        workflow,
      };
      const id = await workflowId(repo, workflow);
      const iterator = octokit.paginate.iterator(
        "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
        { owner: repo.owner, repo: repo.repo, workflow_id: id, branch, status: "completed", per_page: 100 },
      );
      yield* pages(what, iterator[Symbol.asyncIterator](), (run): GitHubRunRecord => ({
        id: Number(run.id),
        headSha: run.head_sha,
        headBranch: run.head_branch,
        status: run.status,
        conclusion: run.conclusion,
        createdAt: run.created_at,
        updatedAt: run.updated_at,
        runStartedAt: run.run_started_at ?? null,
        htmlUrl: run.html_url,
      }));
    },

    issues(name, label) {
      const repo = refOf(name);
      const what: Reading = {
        what: label === null ? "the issues" : `the issues labelled ${label}`,
        repo,
        permission: "issues: read",
      };
      // Newest change first, always the same URL: an unchanged list is one 304.
      const iterator = octokit.paginate.iterator("GET /repos/{owner}/{repo}/issues", {
        owner: repo.owner,
        repo: repo.repo,
        state: "all",
        ...(label !== null && { labels: label }),
        sort: "updated",
        direction: "desc",
        per_page: 100,
      });
      return pages(what, iterator[Symbol.asyncIterator](), (i): GitHubIssueRecord => ({
        number: i.number,
        title: i.title,
        body: i.body ?? "",
        createdAt: i.created_at,
        updatedAt: i.updated_at,
        closedAt: i.closed_at,
        labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== ""),
        htmlUrl: i.html_url,
        pullRequest: i.pull_request !== undefined,
      }));
    },

    tags(name) {
      const repo = refOf(name);
      const what: Reading = { what: "the tags", repo, permission: "contents: read" };
      const iterator = octokit.paginate.iterator("GET /repos/{owner}/{repo}/tags", {
        owner: repo.owner,
        repo: repo.repo,
        per_page: 100,
      });
      return pages(what, iterator[Symbol.asyncIterator](), (t): GitHubTagRecord => ({
        name: t.name,
        sha: t.commit.sha,
      }));
    },

    async commitTime(name, sha) {
      const repo = refOf(name);
      const what: Reading = { what: `the commit ${sha.slice(0, 12)}`, repo, permission: "contents: read" };
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
          owner: repo.owner,
          repo: repo.repo,
          commit_sha: sha,
        });
        return new Date(data.committer.date).toISOString();
      } catch (error) {
        if (httpFailureOf(error)?.status === 404) return null;
        throw failureOf(client, error, what);
      }
    },

    async compare(name, base, head) {
      const repo = refOf(name);
      const what: Reading = {
        what: `the commits ${base.slice(0, 12)}...${head.slice(0, 12)}`,
        repo,
        permission: "contents: read",
      };
      const commits: ChangeCommit[] = [];
      for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
        let data;
        try {
          ({ data } = await octokit.request("GET /repos/{owner}/{repo}/compare/{base}...{head}", {
            owner: repo.owner,
            repo: repo.repo,
            base,
            head,
            per_page: 250,
            page,
          }));
        } catch (error) {
          const status = httpFailureOf(error)?.status;
          if (status === 404 || status === 422) {
            return {
              problem: `GitHub cannot compare ${base.slice(0, 12)}...${head.slice(0, 12)} in ${name} (${status}): a commit it does not have`,
            };
          }
          throw failureOf(client, error, what);
        }
        for (const c of data.commits) {
          const at = c.commit.author?.date ?? c.commit.committer?.date;
          if (!at) continue;
          commits.push({
            sha: c.sha,
            at: new Date(at).toISOString(),
            subject: c.commit.message.split("\n", 1)[0]!.trimEnd(),
          });
        }
        if (commits.length >= data.total_commits || data.commits.length === 0) break;
      }
      return commits;
    },

    async pullRequestsOf(name, sha) {
      const repo = refOf(name);
      const what: Reading = {
        what: `the pull requests of commit ${sha.slice(0, 12)}`,
        repo,
        permission: "pull_requests: read",
      };
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", {
          owner: repo.owner,
          repo: repo.repo,
          commit_sha: sha,
          per_page: 100,
        });
        return data.filter((pull) => pull.merged_at !== null).map((pull) => pull.number);
      } catch (error) {
        const status = httpFailureOf(error)?.status;
        if (status === 404 || status === 422) return [];
        throw failureOf(client, error, what);
      }
    },

    pullRequestStart(name, pull) {
      const repo = refOf(name);
      const what: Reading = {
        what: `the commits of pull request #${pull}`,
        repo,
        permission: "pull_requests: read",
      };
      return ask(what, async () => {
        // The first page holds the first commits: a pull request lists them oldest first.
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", {
          owner: repo.owner,
          repo: repo.repo,
          pull_number: pull,
          per_page: 100,
        });
        const times = data
          .map((c) => c.commit.author?.date ?? c.commit.committer?.date)
          .filter((at): at is string => typeof at === "string")
          .map((at) => new Date(at).toISOString())
          .sort();
        return times[0] ?? null;
      });
    },

    async topFiles(name, branch) {
      const repo = refOf(name);
      const what: Reading = { what: `the files of ${branch}`, repo, permission: "contents: read" };
      try {
        // The branch's commit first, then its tree: every file read after this is read at that commit.
        const { data: ref } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
          owner: repo.owner,
          repo: repo.repo,
          ref: `heads/${branch}`,
          // An empty repository answers 409 (or 404) every time: no retry.
          request: { retries: 0 },
        });
        const commit = ref.object.sha;
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
          owner: repo.owner,
          repo: repo.repo,
          tree_sha: commit,
          request: { retries: 0 },
        });
        return {
          commit,
          files: data.tree.filter((e) => e.type === "blob" && e.path !== undefined).map((e) => e.path!),
        };
      } catch (error) {
        const status = httpFailureOf(error)?.status;
        if (status === 404 || status === 409) return null;
        throw failureOf(client, error, what);
      }
    },

    async file(name, path, ref) {
      const repo = refOf(name);
      const what: Reading = { what: `the file ${path}`, repo, permission: "contents: read" };
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
          owner: repo.owner,
          repo: repo.repo,
          path,
          ...(ref !== null && { ref }),
        });
        if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
        return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
      } catch (error) {
        if (httpFailureOf(error)?.status === 404) return null;
        throw failureOf(client, error, what);
      }
    },

    stats: () => client.stats(),
  };
}

function refOf(name: string): RepoRef {
  const slash = name.indexOf("/");
  return { owner: name.slice(0, slash), repo: name.slice(slash + 1) };
}

/** A rate limit is a RateLimitedError (with its reset), so that the sync can stop and keep what it got. */
function failureOf(client: GitHubClient, error: unknown, what: Reading): Error {
  if (error instanceof InputError || error instanceof RateLimitedError) return error;
  const failure = httpFailureOf(error);
  const mapped = client.failure(error, what);
  if (failure && (isPrimaryRateLimit(failure) || isSecondaryRateLimit(failure))) {
    const reset = Number(failure.headers["x-ratelimit-reset"]);
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null;
    return new RateLimitedError(mapped.message, mapped.fix ?? "", resetAt);
  }
  return mapped;
}
