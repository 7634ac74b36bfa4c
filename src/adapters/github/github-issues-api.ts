import type { GitHubApi, IssueInfo, RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import type { Reading } from "./map-github-error.js";

/** How many pages of open issues are looked through for a marker (100 each), newest first. */
const MAX_PAGES = 10;

/** Issues: finding an open one by the marker its body begins with, opening one, and editing it. */
export function githubIssuesApi(
  client: GitHubClient,
): Pick<GitHubApi, "findOpenIssue" | "createIssue" | "updateIssue"> {
  return {
    findOpenIssue: (repo, marker, labels) => findOpenIssue(client, repo, marker, labels),
    createIssue: (repo, issue) => createIssue(client, repo, issue),
    updateIssue: (repo, number, changes) => updateIssue(client, repo, number, changes),
  };
}

function findOpenIssue(
  client: GitHubClient,
  repo: RepoRef,
  marker: string,
  labels: string[],
): Promise<IssueInfo | null> {
  const what: Reading = { what: "the open issues", repo, permission: "issues: read" };
  return client.reading(what, async () => {
    const pages = client.octokit.paginate.iterator("GET /repos/{owner}/{repo}/issues", {
      owner: repo.owner,
      repo: repo.repo,
      state: "open",
      ...(labels.length > 0 && { labels: labels.join(",") }),
      sort: "created",
      direction: "desc",
      per_page: 100,
    });
    let read = 0;
    for await (const page of pages) {
      const found = page.data.find(
        (issue) => issue.pull_request === undefined && (issue.body ?? "").trimStart().startsWith(marker),
      );
      if (found) return issueInfo(found);
      if (++read >= MAX_PAGES) break;
    }
    return null;
  });
}

async function createIssue(
  client: GitHubClient,
  repo: RepoRef,
  issue: { title: string; body: string; labels: string[] },
): Promise<IssueInfo> {
  const what: Reading = { what: "an issue", repo, permission: "issues: write", verb: "create" };
  return client.writing(what, async () => {
    const { data } = await client.octokit.request("POST /repos/{owner}/{repo}/issues", {
      owner: repo.owner,
      repo: repo.repo,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      // A retry after a lost answer would open a second issue.
      request: { retries: 0 },
    });
    return issueInfo(data);
  });
}

function updateIssue(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  changes: { title: string; body: string },
): Promise<IssueInfo> {
  const what: Reading = { what: `issue #${number}`, repo, permission: "issues: write", verb: "update" };
  return client.writing(what, async () => {
    const { data } = await client.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: number,
      title: changes.title,
      body: changes.body,
    });
    return issueInfo(data);
  });
}

function issueInfo(data: {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  state: string;
}): IssueInfo {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    htmlUrl: data.html_url,
    state: data.state === "closed" ? "closed" : "open",
  };
}
