import { execFile } from "node:child_process";
import { InputError } from "../errors.js";
import type { ReleaseGit, RemoteRef } from "../ports.js";

interface GitRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** One git command; never rejects for git's own failure, whose exit code and stderr the caller reads. */
function runGit(dir: string, args: string[], timeoutMs = 60_000): Promise<GitRun> {
  return new Promise((settle, reject) => {
    execFile(
      "git",
      ["-c", "core.quotepath=off", "-c", "color.ui=false", ...args],
      {
        cwd: dir,
        // A fixed locale keeps git's messages in English for the explanations below; no prompt may wait for a human.
        env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: timeoutMs,
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== "number") {
          reject(
            new InputError(
              `git could not be run in ${dir}: ${error.message}`,
              "Install git and make sure it is on PATH.",
            ),
          );
          return;
        }
        settle({ stdout, stderr, code: typeof code === "number" ? code : 0 });
      },
    );
  });
}

async function mustRun(dir: string, args: string[], what: string, timeoutMs?: number): Promise<string> {
  const run = await runGit(dir, args, timeoutMs);
  if (run.code !== 0) {
    const said = run.stderr.trim().split("\n").slice(-3).join(" ").trim() || `exit code ${run.code}`;
    throw new InputError(
      `git could not ${what} in ${dir}: ${said}`,
      "Fix what git says, then run the release again: steps already done are skipped.",
    );
  }
  return run.stdout;
}

/** Release writes through the `git` command. */
export const gitReleaseCli: ReleaseGit = {
  async currentBranch(dir) {
    const run = await runGit(dir, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
    return run.code === 0 ? run.stdout.trim() : null;
  },

  async changedFiles(dir) {
    const out = await mustRun(
      dir,
      ["status", "--porcelain=v1", "-z", "--untracked-files=all"],
      "read the working tree's status",
    );
    const files: { path: string; untracked: boolean }[] = [];
    const fields = out.split("\0");
    for (let i = 0; i < fields.length; i++) {
      const entry = fields[i]!;
      if (entry.length < 4) continue;
      files.push({ path: entry.slice(3), untracked: entry.startsWith("??") });
      // A rename names its source in the next field.
      if (entry[0] === "R" || entry[0] === "C") i++;
    }
    return files;
  },

  async resolveCommit(dir, rev) {
    const run = await runGit(dir, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
    return run.code === 0 ? run.stdout.trim() : null;
  },

  async describeCommit(dir, commit) {
    const head = await mustRun(dir, ["show", "-s", "--format=%P%x00%B", commit], "read a commit");
    const [parents = "", message = ""] = head.split("\0");
    const changed = await mustRun(
      dir,
      ["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", commit],
      "read what a commit changed",
    );
    return {
      parents: parents.trim() === "" ? [] : parents.trim().split(" "),
      message: message.replace(/\n+$/, ""),
      files: changed.split("\0").filter(Boolean),
    };
  },

  async tagCommit(dir, tag) {
    const run = await runGit(dir, ["rev-parse", "--verify", "--quiet", `refs/tags/${tag}^{commit}`]);
    return run.code === 0 ? run.stdout.trim() : null;
  },

  async commitFiles(dir, files, message) {
    await mustRun(dir, ["add", "--", ...files], "stage the release files");
    await mustRun(dir, ["commit", "--quiet", "-m", message, "--", ...files], "commit the release files");
    return (await mustRun(dir, ["rev-parse", "HEAD"], "read the new commit")).trim();
  },

  async createTag(dir, tag, commit, message) {
    await mustRun(dir, ["tag", "-a", tag, "-m", message, commit], `create the tag ${tag}`);
  },

  async remoteRefs(dir, remote, refs) {
    // An annotated tag's commit is listed under its peeled name only when that is asked for too.
    const patterns = refs.flatMap((ref) => (ref.startsWith("refs/tags/") ? [ref, `${ref}^{}`] : [ref]));
    const run = await runGit(dir, ["ls-remote", remote, ...patterns], 120_000);
    if (run.code !== 0) throw pushFailure(run.stderr, remote, "read");
    const objects = new Map<string, string>();
    const peeled = new Map<string, string>();
    for (const line of run.stdout.split("\n")) {
      const [sha, ref] = line.split("\t");
      if (!sha || !ref) continue;
      if (ref.endsWith("^{}")) peeled.set(ref.slice(0, -3), sha);
      else objects.set(ref, sha);
    }
    const found = new Map<string, RemoteRef>();
    for (const [ref, object] of objects) found.set(ref, { object, commit: peeled.get(ref) ?? object });
    return found;
  },

  async push(dir, remote, refspecs) {
    const run = await runGit(dir, ["push", "--atomic", "--porcelain", remote, ...refspecs], 300_000);
    if (run.code !== 0) throw pushFailure(`${run.stderr}\n${run.stdout}`, remote, "push");
  },

  async isAncestor(dir, ancestor, commit) {
    return (await runGit(dir, ["merge-base", "--is-ancestor", ancestor, commit])).code === 0;
  },
};

/** Turns git's words about a refused push (or ls-remote) into what to do about it. */
function pushFailure(output: string, remote: string, doing: "push" | "read"): InputError {
  const text = output.trim();
  const firstLine =
    text
      .split("\n")
      .find((l) => /error|fatal|rejected|remote:/i.test(l))
      ?.trim() ??
    text.split("\n")[0] ??
    "";
  if (/non-fast-forward|fetch first|\[rejected\]|stale info/i.test(text)) {
    return new InputError(
      `${remote} has commits on the branch that this release does not, so the push was refused.`,
      `Fetch and rebase (git pull --rebase ${remote}), check that the new HEAD is ready, delete the local tag (git tag -d <tag>), then run shipready release again.`,
    );
  }
  if (/permission|denied|403|authentication failed|could not read username|unable to access/i.test(text)) {
    return new InputError(
      `There is no permission to ${doing === "push" ? "push to" : "read"} the remote ${remote} (${firstLine}).`,
      doing === "push"
        ? "Use credentials that may push (in Actions: permissions: contents: write), then run shipready release again: steps already done are skipped."
        : "Check the remote's URL (git remote -v) and the credentials.",
    );
  }
  if (/does not appear to be a git repository|no such remote|not found/i.test(text)) {
    return new InputError(
      `The remote ${remote} cannot be reached (${firstLine}).`,
      `Check it with git remote -v, or set release.remote in shipready.yml (or push: false to keep the release local).`,
    );
  }
  return new InputError(
    `The ${doing === "push" ? "push to" : "read of"} ${remote} failed: ${firstLine || "git gave no reason"}.`,
    "Fix what git says, then run shipready release again: steps already done are skipped.",
  );
}
