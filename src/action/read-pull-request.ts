import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";

/** The pull request a workflow runs for, and whether it comes from a fork (whose token is read-only). */
export interface PullRequestTarget {
  number: number;
  fromFork: boolean;
}

interface PullRequestEvent {
  pull_request?: {
    number?: unknown;
    head?: { repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

/** The pull request of a pull_request or pull_request_target event (GITHUB_EVENT_PATH); null for other events. */
export async function readPullRequest(
  env: Readonly<Record<string, string | undefined>>,
): Promise<PullRequestTarget | null> {
  const event = env.GITHUB_EVENT_NAME;
  if (event !== "pull_request" && event !== "pull_request_target") return null;
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return null;
  let payload: PullRequestEvent;
  try {
    payload = JSON.parse(await readFile(path, "utf8")) as PullRequestEvent;
  } catch (error) {
    throw new UsageError(
      `GITHUB_EVENT_PATH names ${path}, which cannot be read as the event's JSON (${(error as Error).message})`,
      "Run the Action on a pull_request event as GitHub starts it, or set comment: false.",
    );
  }
  const pr = payload.pull_request;
  if (!pr || typeof pr.number !== "number" || !Number.isInteger(pr.number)) return null;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  // Compared by name, not by head.repo.fork, which is also true for a branch of a repository that is itself
  // a fork. A deleted fork leaves head.repo null: still not this repository.
  const fromFork = pr.head?.repo === null || (head !== undefined && base !== undefined && head !== base);
  return { number: pr.number, fromFork };
}
