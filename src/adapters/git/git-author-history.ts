import type { AuthoredChange } from "../../kit/core/suggest-codeowners.js";
import type { AuthorHistory } from "../../kit/ports.js";
import { runGit } from "./run-git.js";

/** Who changed which files lately, from `git log` (the mailmap applied). */
export const gitAuthorHistory: AuthorHistory = {
  async recentChanges(dir, limit) {
    // \x01 starts each commit, \x02 parts name from email; -z ends every file name with a NUL.
    const run = await runGit(
      dir,
      [
        "-c",
        "core.quotepath=off",
        "log",
        "--no-merges",
        "--no-renames",
        "--name-only",
        "-z",
        `-n${limit}`,
        "--format=%x01%aN%x02%aE",
        "HEAD",
        "--",
      ],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    // Outside a repository, or before the first commit, there is no history to suggest from.
    if (run.code !== 0) return [];
    const changes: AuthoredChange[] = [];
    let current: { name: string; email: string; files: string[] } | null = null;
    for (const token of run.stdout.split("\0")) {
      const field = token.replace(/^\n/, "");
      if (field.startsWith("\x01")) {
        const [name = "", email = ""] = field.slice(1).split("\x02");
        current = { name, email, files: [] };
        changes.push(current);
      } else if (field !== "" && current !== null) current.files.push(field);
    }
    return changes;
  },
};
