import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mergeHistoryLines } from "../../readiness/core/merge-history-lines.js";
import { InputError } from "../../errors.js";
import type { PushRefusal, RebaseSettlement, ReleaseGit, RemoteRef } from "../../ports.js";
import { runGit as runGitCommand, type GitRun } from "./run-git.js";

/** One git command with fixed output settings; git's own failure settles with its code, for the caller to read. */
async function runGit(dir: string, args: string[], timeoutMs = 60_000): Promise<GitRun> {
  try {
    return await runGitCommand(dir, ["-c", "core.quotepath=off", "-c", "color.ui=false", ...args], {
      timeoutMs,
    });
  } catch (error) {
    throw new InputError(
      `git could not be run in ${dir}: ${(error as Error).message}`,
      "Install git and make sure it is on PATH.",
    );
  }
}

const RELEASE_FIX = "Fix what git says, then run the release again: steps already done are skipped.";

async function mustRun(
  dir: string,
  args: string[],
  what: string,
  timeoutMs?: number,
  fix = RELEASE_FIX,
): Promise<string> {
  const run = await runGit(dir, args, timeoutMs);
  if (run.code !== 0) {
    const said = run.stderr.trim().split("\n").slice(-3).join(" ").trim() || `exit code ${run.code}`;
    throw new InputError(`git could not ${what} in ${dir}: ${scrubUrls(said)}`, fix);
  }
  return run.stdout;
}

/** Credentials written into a remote's URL (https://x-access-token:TOKEN@host) never reach a message. */
function scrubUrls(text: string): string {
  return text.replace(/([a-z][\w+.-]*:\/\/)[^\s/@]+@/gi, "$1***@");
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

  async commitFiles(dir, files, message, purpose) {
    const what = purpose?.what ?? "the release files";
    const fix = purpose?.fix ?? RELEASE_FIX;
    await mustRun(dir, ["add", "--", ...files], `stage ${what}`, undefined, fix);
    await mustRun(
      dir,
      ["commit", "--quiet", "-m", message, "--", ...files],
      `commit ${what}`,
      undefined,
      fix,
    );
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

  async fetchBranch(dir, remote, branch) {
    const run = await runGit(dir, ["fetch", "--quiet", "--no-tags", remote, `refs/heads/${branch}`], 300_000);
    if (run.code !== 0) {
      if (/couldn't find remote ref/i.test(run.stderr)) return null;
      throw pushFailure(run.stderr, remote, "read");
    }
    return (await mustRun(dir, ["rev-parse", "FETCH_HEAD^{commit}"], "read the fetched commit")).trim();
  },

  async rebase(dir, onto, settle) {
    // The caller has checked that nothing but untracked files is uncommitted; an autostash would hide a conflict.
    let run = await runGit(dir, ["rebase", "--quiet", "--no-autostash", onto], 300_000);
    // Each stop is one replayed commit; the bound only guards against a rebase that never ends.
    for (let stop = 0; run.code !== 0 && settle && stop < 1000; stop++) {
      const conflicts = await conflictedFiles(dir);
      if (conflicts.length === 0 || !(await rebaseInProgress(dir))) break;
      if (!(await settleConflicts(dir, conflicts, settle))) break;
      const staged = (await runGit(dir, ["diff", "--cached", "--quiet", "HEAD"])).code !== 0;
      // The settled commit may add nothing the new base lacks (the other side had the same record).
      run = await runGit(
        dir,
        ["-c", "core.editor=true", "rebase", staged ? "--continue" : "--skip"],
        300_000,
      );
    }
    if (run.code === 0) return { rebased: true };
    const conflicts = await conflictedFiles(dir);
    if (await rebaseInProgress(dir)) {
      const aborted = await runGit(dir, ["rebase", "--abort"]);
      if (await rebaseInProgress(dir)) {
        throw new InputError(
          `git could not undo a rebase that failed in ${dir}: ${scrubUrls(aborted.stderr.trim())}`,
          "Run git rebase --abort, then look at git status.",
        );
      }
    }
    if (conflicts.length > 0) return { rebased: false, conflicts };
    const said = run.stderr.trim().split("\n").slice(-3).join(" ").trim() || `exit code ${run.code}`;
    throw new InputError(
      `git could not rebase onto ${onto.slice(0, 12)} in ${dir}: ${scrubUrls(said)}`,
      "Fix what git says (git status), then run again.",
    );
  },

  async fileAt(dir, rev, path) {
    // Everything after the colon is the path, so the object's type is asked separately.
    const found = await runGit(dir, ["rev-parse", "--verify", "--quiet", `${rev}:${path}`]);
    const blob = found.stdout.trim();
    if (found.code !== 0 || (await runGit(dir, ["cat-file", "-t", blob])).stdout.trim() !== "blob")
      return null;
    const text = await mustRun(dir, ["cat-file", "blob", blob], `read ${path} at ${rev}`);
    return { blob, text };
  },
};

async function conflictedFiles(dir: string): Promise<string[]> {
  const conflicted = await runGit(dir, ["diff", "--name-only", "-z", "--diff-filter=U"]);
  return conflicted.stdout.split("\0").filter(Boolean);
}

/**
 * Resolves a stopped rebase's conflicts when every one is in a file the settlement covers, and stages
 * the result; false (nothing touched) when one is not, or when a side deleted the file.
 * In a rebase stage 2 ("ours") is the new base, stage 3 ("theirs") the commit being replayed.
 */
async function settleConflicts(dir: string, conflicts: string[], settle: RebaseSettlement): Promise<boolean> {
  const union = new Set(settle.union);
  const mine = new Set(settle.mine);
  if (!conflicts.every((path) => union.has(path) || mine.has(path))) return false;
  const top = (await mustRun(dir, ["rev-parse", "--show-toplevel"], "find the top folder")).trim();
  const merged = new Map<string, string>();
  for (const path of conflicts) {
    const base = await stageText(dir, 1, path);
    const theirs = await stageText(dir, 2, path);
    const ours = await stageText(dir, 3, path);
    if (theirs === null || ours === null) return false;
    if (union.has(path)) merged.set(path, mergeHistoryLines({ base: base ?? "", mine: ours, theirs }));
    else merged.set(path, ours);
  }
  for (const [path, text] of merged) await writeFile(join(top, path), text, "utf8");
  await mustRun(dir, ["add", "--", ...conflicts], "stage the merged files");
  return true;
}

async function stageText(dir: string, stage: number, path: string): Promise<string | null> {
  const run = await runGit(dir, ["cat-file", "blob", `:${stage}:${path}`]);
  return run.code === 0 ? run.stdout : null;
}

async function rebaseInProgress(dir: string): Promise<boolean> {
  for (const name of ["rebase-merge", "rebase-apply"]) {
    const path = (
      await runGit(dir, ["rev-parse", "--path-format=absolute", "--git-path", name])
    ).stdout.trim();
    if (path !== "" && existsSync(path)) return true;
  }
  return false;
}

/** Turns git's words about a refused push (or ls-remote) into what to do about it. */
function pushFailure(output: string, remote: string, doing: "push" | "read"): InputError {
  const text = scrubUrls(output.trim());
  const firstLine =
    text
      .split("\n")
      .find((l) => /error|fatal|rejected|remote:/i.test(l))
      ?.trim() ??
    text.split("\n")[0] ??
    "";
  return Object.assign(explainPushFailure(text, firstLine, remote, doing), {
    code: pushRefusal(text),
    detail: firstLine,
  });
}

function pushRefusal(text: string): PushRefusal {
  if (/non-fast-forward|fetch first|\[rejected\]|stale info/i.test(text)) return "moved";
  if (/permission|denied|403|authentication failed|could not read username|unable to access/i.test(text))
    return "denied";
  if (/does not appear to be a git repository|no such remote|not found/i.test(text)) return "unreachable";
  if (/remote rejected|declined|protected branch/i.test(text)) return "refused";
  return "other";
}

function explainPushFailure(
  text: string,
  firstLine: string,
  remote: string,
  doing: "push" | "read",
): InputError {
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
