import { InputError } from "../../errors.js";
import type { CommitRange, PackageHistory } from "../../release/ports.js";
import { runGit } from "./run-git.js";

const CONFIG_ARGS = ["-c", "core.quotepath=off", "-c", "color.ui=false"];

/** git's answers for releasing the packages of a monorepo: which files commits touched, a file's past versions. */
export const gitPackageHistory: PackageHistory = { readChangedFiles, readFileHistory, resolveCommit };

async function readChangedFiles(dir: string, range: CommitRange): Promise<Map<string, string[]>> {
  const spec = range.from === null ? `${range.to}^{commit}` : `${range.from}^{commit}..${range.to}^{commit}`;
  // \x01 marks each commit; -z ends every name with a NUL, so no name can be mistaken for another.
  const out = await gitOutput(dir, [
    ...CONFIG_ARGS,
    "log",
    "--no-merges",
    "--no-renames",
    "--name-only",
    "-z",
    "--format=%x01%H",
    spec,
    "--",
  ]);
  const files = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const token of out.split("\0")) {
    const field = token.replace(/^\n/, "");
    if (field.startsWith("\x01")) {
      current = [];
      files.set(field.slice(1), current);
    } else if (field !== "" && current !== null) current.push(field);
  }
  return files;
}

async function readFileHistory(
  dir: string,
  path: string,
  to: string,
): Promise<{ sha: string; text: string | null }[]> {
  const out = await gitOutput(dir, [...CONFIG_ARGS, "log", "--format=%H", `${to}^{commit}`, "--", path]);
  const shas = out.split("\n").filter((line) => line !== "");
  const history: { sha: string; text: string | null }[] = [];
  for (const sha of shas) {
    const run = await runGit(dir, ["show", `${sha}:${path}`]);
    history.push({ sha, text: run.code === 0 ? run.stdout : null });
  }
  return history;
}

async function resolveCommit(dir: string, ref: string): Promise<string | null> {
  const run = await runGit(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return run.code === 0 ? run.stdout.trim() : null;
}

async function gitOutput(dir: string, args: string[]): Promise<string> {
  const run = await runGit(dir, args, { maxBuffer: 256 * 1024 * 1024 });
  if (run.code !== 0) {
    throw new InputError(
      `git ${args.filter((a) => !a.startsWith("core.") && !a.startsWith("color.") && a !== "-c").join(" ")} failed in ${dir}: ${run.stderr.trim()}`,
      "Check that the repository and the refs exist (a shallow clone needs git fetch --unshallow --tags).",
    );
  }
  return run.stdout;
}
