import { execFileSync } from "node:child_process";

const IDENTITY = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.com",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.com",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
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
