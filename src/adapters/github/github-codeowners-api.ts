import type { GitHubApi } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import { httpFailureOf } from "./github-http-failure.js";

/** GitHub's own reading of the CODEOWNERS file: the errors it finds, line by line. */
export function githubCodeownersApi(client: GitHubClient): Pick<GitHubApi, "codeownersErrors"> {
  const { octokit, reading } = client;
  return {
    codeownersErrors(repo, ref) {
      return reading(
        { what: "the CODEOWNERS errors", repo, permission: "read access to the repository (contents: read)" },
        async () => {
          try {
            const { data } = await octokit.request("GET /repos/{owner}/{repo}/codeowners/errors", {
              owner: repo.owner,
              repo: repo.repo,
              ...(ref === undefined ? {} : { ref }),
            });
            return data.errors.map((e) => ({
              path: e.path,
              line: e.line,
              kind: e.kind,
              message: e.message,
              suggestion: e.suggestion ?? null,
            }));
          } catch (error) {
            // GitHub answers 404 when the ref has no CODEOWNERS file at all.
            if (httpFailureOf(error)?.status === 404) return null;
            throw error;
          }
        },
      );
    },
  };
}
