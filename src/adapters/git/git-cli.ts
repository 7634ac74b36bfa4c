import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Git } from "../../ports.js";

const run = promisify(execFile);

async function git(dir: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await run("git", args, { cwd: dir, timeout: 10_000 });
    return stdout.trim();
  } catch {
    // Not a repository, no commits yet, or no git at all: the caller goes on without it.
    return null;
  }
}

/** Git through the `git` command. */
export const gitCli: Git = {
  headCommit: (dir) => git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]),
  topLevel: (dir) => git(dir, ["rev-parse", "--show-toplevel"]),
  remoteUrl: (dir, name = "origin") => git(dir, ["remote", "get-url", name]),
};
