import type { GitHubApi, RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import { githubMessage, httpFailureOf } from "./github-http-failure.js";
import type { Reading } from "./map-github-error.js";

type ContentsMethods = Pick<
  GitHubApi,
  "branchHead" | "blobsAt" | "readBlob" | "createBlob" | "createTree" | "createCommit" | "moveBranch"
>;

/**
 * The repository's files and commits through Git's objects: reading blobs at a commit, and writing
 * blobs, a tree and a commit, then moving a branch to it.
 */
export function githubContentsApi(client: GitHubClient): ContentsMethods {
  return {
    branchHead: (repo, branch) => branchHead(client, repo, branch),
    blobsAt: (repo, commit, paths) => blobsAt(client, repo, commit, paths),
    readBlob: (repo, sha) => readBlob(client, repo, sha),
    createBlob: (repo, content) => createBlob(client, repo, content),
    createTree: (repo, base, files) => createTree(client, repo, base, files),
    createCommit: (repo, commit) => createCommit(client, repo, commit),
    moveBranch: (repo, branch, sha) => moveBranch(client, repo, branch, sha),
  };
}

async function branchHead(client: GitHubClient, repo: RepoRef, branch: string): Promise<string | null> {
  const what: Reading = { what: `the branch ${branch}`, repo, permission: "contents: read" };
  try {
    const { data } = await client.octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      owner: repo.owner,
      repo: repo.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if (httpFailureOf(error)?.status === 404) return null;
    throw client.failure(error, what);
  }
}

function blobsAt(
  client: GitHubClient,
  repo: RepoRef,
  commit: string,
  paths: string[],
): Promise<Map<string, string>> {
  return client.reading(
    { what: `the files of commit ${commit.slice(0, 12)}`, repo, permission: "contents: read" },
    async () => {
      // One folder at a time, each asked once: a recursive listing of a large repository is cut short.
      const listings = new Map<string, Promise<Map<string, { sha: string; type: string }>>>();
      const list = (tree: string) => {
        let listing = listings.get(tree);
        if (listing === undefined) {
          listing = client.octokit
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
}

function readBlob(client: GitHubClient, repo: RepoRef, sha: string): Promise<Uint8Array> {
  return client.reading(
    { what: `the blob ${sha.slice(0, 12)}`, repo, permission: "contents: read" },
    async () => {
      const { data } = await client.octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
        owner: repo.owner,
        repo: repo.repo,
        file_sha: sha,
      });
      return new Uint8Array(Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8"));
    },
  );
}

function createBlob(client: GitHubClient, repo: RepoRef, content: Uint8Array): Promise<string> {
  return client.writing({ what: "a blob", repo, permission: "contents: write", verb: "create" }, async () => {
    const { data } = await client.octokit.request("POST /repos/{owner}/{repo}/git/blobs", {
      owner: repo.owner,
      repo: repo.repo,
      content: Buffer.from(content).toString("base64"),
      encoding: "base64",
    });
    return data.sha;
  });
}

function createTree(
  client: GitHubClient,
  repo: RepoRef,
  base: string,
  files: { path: string; mode: string; sha: string }[],
): Promise<string> {
  return client.writing({ what: "a tree", repo, permission: "contents: write", verb: "create" }, async () => {
    const { data } = await client.octokit.request("POST /repos/{owner}/{repo}/git/trees", {
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
}

function createCommit(
  client: GitHubClient,
  repo: RepoRef,
  commit: { message: string; tree: string; parents: string[] },
): Promise<{ sha: string; verified: boolean }> {
  return client.writing(
    { what: "a commit", repo, permission: "contents: write", verb: "create" },
    async () => {
      // Naming no author or committer is what makes GitHub sign the commit.
      const { data } = await client.octokit.request("POST /repos/{owner}/{repo}/git/commits", {
        owner: repo.owner,
        repo: repo.repo,
        message: commit.message,
        tree: commit.tree,
        parents: commit.parents,
      });
      return { sha: data.sha, verified: data.verification?.verified === true };
    },
  );
}

async function moveBranch(
  client: GitHubClient,
  repo: RepoRef,
  branch: string,
  sha: string,
): Promise<boolean> {
  const what: Reading = {
    what: `the branch ${branch}`,
    repo,
    permission: "contents: write (and a ruleset or branch protection that lets the token push)",
    verb: "update",
  };
  try {
    await client.octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
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
    throw client.writeFailure(error, what);
  }
}
