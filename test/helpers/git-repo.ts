import { execFileSync } from "node:child_process";

const IDENTITY = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.com",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.com",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

/** Who the CLI commits as in end-to-end tests: git refuses to commit without a name and an address. */
export const CLI_COMMITTER = {
  GIT_AUTHOR_NAME: "Readiness Bot",
  GIT_AUTHOR_EMAIL: "bot@example.com",
  GIT_COMMITTER_NAME: "Readiness Bot",
  GIT_COMMITTER_EMAIL: "bot@example.com",
};

/** Runs git in `dir` with a fixed identity and dates, so commits are reproducible. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    env: { ...process.env, ...IDENTITY },
    encoding: "utf8",
  }).trim();
}

/** Makes `dir` a git repository with everything in it committed; returns the commit. */
export function initRepo(dir: string): string {
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "chore: initial commit");
  return git(dir, "rev-parse", "HEAD");
}
