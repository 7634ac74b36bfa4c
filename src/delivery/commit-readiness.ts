import { dirname, isAbsolute, relative, resolve } from "node:path";
import { loadConfig } from "../config/load-config.js";
import { formatPercent } from "../shared/format-percent.js";
import { mergeHistoryLines } from "../readiness/core/merge-history-lines.js";
import { renderCommitMessage } from "./core/render-commit-message.js";
import { InputError, UsageError } from "../errors.js";
import type { Files, Git, GitHubApi, PushRefusal, RebaseSettlement, ReleaseGit, RepoRef } from "../ports.js";
import type { RunPorts } from "./ports.js";
import type { RunResult } from "./types.js";
import type { CommitSettings } from "./types.js";
import type { GitHubSettings } from "../types.js";

export interface CommitOptions {
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** The checklist the update reads, as given on the command line. */
  checklist?: string;
  /** An explicit shipready.yml. */
  config?: string;
  /** The branch to commit on; the checked-out one when absent. */
  branch?: string;
  /** Push the commit (git), or make it on GitHub (commit.via: api). */
  push: boolean;
}

export interface CommitPorts {
  files: Files;
  git: Git;
  releaseGit: ReleaseGit;
  env: Readonly<Record<string, string | undefined>>;
  openGitHub: RunPorts["openGitHub"];
}

/** What was checked before the update wrote anything: where to commit, and how. */
export interface CommitPlan {
  top: string;
  branch: string;
  /** HEAD is detached: the commit is made on it and pushed to `branch`. */
  detached: boolean;
  push: boolean;
  settings: CommitSettings;
  github: GitHubSettings;
}

export type CommitOutcome =
  | { skipped: string }
  | {
      sha: string;
      /** Paths relative to the repository's top folder. */
      files: string[];
      branch: string;
      via: "git" | "api";
      pushed: boolean;
      /** Pushes (or ref updates on GitHub) tried; 0 without --push. */
      attempts: number;
      /** Made through the API: whether GitHub signed it. */
      verified?: boolean;
      /** Things to tell the user that are not errors. */
      notes: string[];
    };

/** What git accepts as a branch name, roughly: enough to refuse a flag that could read as an option. */
const BRANCH_NAME = /^(?!-)(?!.*\.\.)(?!.*@\{)[^\s~^:?*[\\]+(?<![./])$/;

/**
 * Checks, before the update writes anything, that there is somewhere to commit: a repository, a
 * branch (the one checked out, or --branch with a detached HEAD), a remote to push to.
 */
export async function planCommit(
  options: CommitOptions,
  ports: Pick<CommitPorts, "files" | "git" | "releaseGit">,
): Promise<CommitPlan> {
  const named = options.checklist === undefined ? null : resolve(options.cwd, options.checklist);
  const { config } = await loadConfig(
    {
      cwd: options.cwd,
      near: named ? dirname(named) : options.cwd,
      ...(options.config !== undefined ? { config: options.config } : {}),
    },
    ports,
  );
  const checklist = named ?? config.checklist;
  const dir = checklist ? dirname(checklist) : options.cwd;
  const top = await ports.git.topLevel(dir);
  if (top === null) {
    throw new InputError(
      `${dir} is not in a git repository, so --commit has nowhere to commit the checklist.`,
      "Run shipready in a clone of the repository, or leave out --commit.",
    );
  }
  if ((await ports.git.headCommit(top)) === null) {
    throw new InputError(
      `The repository in ${top} has no commit yet, so there is nothing to put the readiness commit on.`,
      "Make a first commit (git commit), then run again.",
    );
  }
  const settings = config.commit;
  const wanted = options.branch;
  if (wanted !== undefined && !BRANCH_NAME.test(wanted)) {
    throw new UsageError(
      `--branch ${JSON.stringify(wanted)} is not a branch name git accepts.`,
      "Name a branch such as --branch main.",
    );
  }
  const current = await ports.releaseGit.currentBranch(top);
  if (current === null && wanted === undefined) {
    throw new UsageError(
      `HEAD is detached in ${top}, so there is no branch to commit the checklist on.`,
      "Pass --branch <name> (with --push) to commit on this HEAD and push to that branch, or check out a branch (in Actions on pull_request: actions/checkout with ref: ${{ github.head_ref }}).",
    );
  }
  if (current !== null && wanted !== undefined && wanted !== current) {
    throw new UsageError(
      `HEAD is on ${current}, not on ${wanted}: shipready commits on the branch that is checked out.`,
      `Check out ${wanted} first (git switch ${wanted}), or leave out --branch to commit on ${current}.`,
    );
  }
  if (settings.via === "api" && !options.push) {
    throw new UsageError(
      "commit.via is api in shipready.yml: the commit is made on GitHub, which --commit alone never changes.",
      "Add --push to make it, or set commit.via: git to commit in this checkout only.",
    );
  }
  if (current === null && settings.via === "git" && !options.push) {
    throw new UsageError(
      `HEAD is detached in ${top}: a commit on it would belong to no branch unless it is pushed to ${wanted}.`,
      `Add --push to push it to ${wanted}, or check out ${wanted} (git switch ${wanted}).`,
    );
  }
  if (options.push && settings.via === "git" && (await ports.git.remoteUrl(top, settings.remote)) === null) {
    throw new UsageError(
      `There is no git remote "${settings.remote}" in ${top} to push to.`,
      "Add it (git remote add), or name another with commit.remote in shipready.yml.",
    );
  }
  return {
    top,
    branch: wanted ?? current!,
    detached: current === null,
    push: options.push,
    settings,
    github: config.github,
  };
}

/** The files an update keeps that belong in its commit: the checklist, the history record, the badge. */
export function readinessFiles(result: RunResult): string[] {
  return [
    result.checklist.path,
    ...(result.history ? [result.history.file] : []),
    ...(result.badge ? [result.badge.path] : []),
    ...(result.notify?.stateWritten ? [result.notify.stateWritten] : []),
  ];
}

/**
 * Commits the files the update wrote that differ from HEAD, with the configured message, and with
 * --push publishes the commit: git push, rebasing and retrying when the branch moved, or a commit
 * made through GitHub's API on the branch's head there.
 */
export async function commitReadiness(
  plan: CommitPlan,
  result: RunResult,
  ports: CommitPorts,
): Promise<CommitOutcome> {
  const notes: string[] = [];
  const wanted: string[] = [];
  for (const file of readinessFiles(result)) {
    const path = inRepository(plan.top, file);
    if (path === null) {
      notes.push(`${file} is outside the repository in ${plan.top}, so it is not committed.`);
    } else {
      wanted.push(path);
    }
  }
  const roles = {
    checklist: inRepository(plan.top, result.checklist.path),
    history: result.history ? inRepository(plan.top, result.history.file) : null,
  };
  const changed = new Set((await ports.releaseGit.changedFiles(plan.top)).map((f) => f.path));
  const files = wanted.filter((path) => changed.has(path));
  if (files.length === 0) {
    return {
      skipped: `nothing to commit: ${listed(wanted)} ${wanted.length === 1 ? "is" : "are"} as HEAD has ${wanted.length === 1 ? "it" : "them"}`,
    };
  }
  const message = renderCommitMessage(plan.settings, {
    score: formatPercent(result.readiness.score),
    band: result.readiness.band.name,
    checklist: wanted[0]!,
  });
  const outcome =
    plan.settings.via === "api"
      ? await commitThroughApi(plan, files, roles, message, ports, notes)
      : await commitWithGit(plan, files, roles, message, ports.releaseGit);
  if (outcome.pushed && ports.env.GITHUB_ACTIONS === "true") {
    notes.push(
      "if this push uses the workflow's GITHUB_TOKEN, it will not start other workflows; use a GitHub App or PAT token if it must.",
    );
  }
  return { ...outcome, files, branch: plan.branch, notes: [...notes, ...outcome.notes] };
}

/** The path of `file` relative to the top folder, with forward slashes; null when it is outside. */
function inRepository(top: string, file: string): string | null {
  const path = relative(top, file);
  if (path === "" || path.startsWith("..") || isAbsolute(path)) return null;
  return path.split("\\").join("/");
}

/**
 * Which committed file is which: a concurrent run's change to the history file is merged, to a
 * derived file (the badge, the notification state) is replaced by this newer run's, and to the
 * checklist is never overwritten.
 */
interface FileRoles {
  checklist: string | null;
  history: string | null;
}

function settlementFor(files: string[], roles: FileRoles): RebaseSettlement {
  return {
    union: files.filter((path) => path === roles.history),
    mine: files.filter((path) => path !== roles.history && path !== roles.checklist),
  };
}

interface MovedBranch {
  head: string;
  local: string | null;
  files: string[];
  roles: FileRoles;
  mine: ReadonlyMap<string, { text: string; sha: string }>;
  baseOf(path: string): Promise<{ blob: string; text: string } | null>;
}

/**
 * Compares each file at the branch's new head on GitHub with this checkout's base: a file changed
 * there meanwhile is merged (the history file), replaced by this run's (a derived file), or refused
 * (the checklist: someone's edit there must not be overwritten). Returns the blobs to commit instead.
 */
async function settleMovedFiles(
  moved: MovedBranch,
  plan: CommitPlan,
  api: GitHubApi,
  repo: RepoRef,
): Promise<{ there: Map<string, string>; blobs: Map<string, string>; merged: string[]; replaced: string[] }> {
  const there = await api.blobsAt(repo, moved.head, moved.files);
  const blobs = new Map<string, string>();
  const merged: string[] = [];
  const replaced: string[] = [];
  for (const path of moved.files) {
    const theirs = there.get(path) ?? null;
    const base = await moved.baseOf(path);
    const mine = moved.mine.get(path)!;
    if (theirs === (base?.blob ?? null) || theirs === mine.sha) continue;
    if (path === moved.roles.checklist) {
      throw new InputError(
        `${path} changed on GitHub meanwhile: ${plan.branch} there (at ${moved.head.slice(0, 12)}) has an edit to it that this checkout (at ${moved.local?.slice(0, 12) ?? "no commit"}) lacks, so nothing was committed there, rather than overwrite that edit with this run's ${path}.`,
        `Bring this checkout level with ${plan.branch} (git checkout -- ${moved.files.join(" ")} && git pull), then run update --commit --push again; in CI, run the job again.`,
      );
    }
    if (path === moved.roles.history) {
      const text = theirs === null ? "" : new TextDecoder().decode(await api.readBlob(repo, theirs));
      const union = mergeHistoryLines({ base: base?.text ?? "", mine: mine.text, theirs: text });
      if (union === text) blobs.set(path, theirs!);
      else if (union !== mine.text)
        blobs.set(path, await api.createBlob(repo, new TextEncoder().encode(union)));
      merged.push(path);
    } else {
      replaced.push(path);
    }
  }
  return { there, blobs, merged, replaced };
}

function movedNote(moved: { merged: string[]; replaced: string[] }): string {
  const parts = [
    ...(moved.merged.length > 0
      ? [`keeping the records ${listed(moved.merged)} gained there meanwhile`]
      : []),
    ...(moved.replaced.length > 0
      ? [
          `this run's ${listed(moved.replaced)} replacing the one${moved.replaced.length === 1 ? "" : "s"} committed there meanwhile`,
        ]
      : []),
  ];
  return parts.length === 0 ? "" : `, ${parts.join(", and ")}`;
}

function listed(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)!}`;
}

type Made = Omit<Extract<CommitOutcome, { sha: string }>, "files" | "branch">;

const COMMIT_FIX =
  "Fix what git says (a commit hook, or the identity: git config user.name and user.email), then run update --commit again.";

async function commitWithGit(
  plan: CommitPlan,
  files: string[],
  roles: FileRoles,
  message: string,
  git: ReleaseGit,
): Promise<Made> {
  let sha = await git.commitFiles(plan.top, files, message, { what: "the readiness files", fix: COMMIT_FIX });
  if (!plan.push) return { sha, via: "git", pushed: false, attempts: 0, notes: [] };
  const { remote, retries } = plan.settings;
  const target = `${remote}/${plan.branch}`;
  const kept = (commit: string) => `the readiness commit ${commit.slice(0, 12)} stays here, unpushed`;
  for (let attempt = 1; ; attempt++) {
    try {
      await git.push(plan.top, remote, [`HEAD:refs/heads/${plan.branch}`]);
      return { sha, via: "git", pushed: true, attempts: attempt, notes: [] };
    } catch (error) {
      const refusal =
        error instanceof InputError ? (error as InputError & { code?: PushRefusal }).code : undefined;
      if (refusal !== "moved") throw explainRefusal(error, refusal, plan, kept(sha));
    }
    if (attempt > retries) {
      throw new InputError(
        `${target} moved again each time: the push was refused ${attempt} times; ${kept(sha)}.`,
        "Run again when the branch is quieter, or raise commit.retries in shipready.yml.",
      );
    }
    const dirty = (await git.changedFiles(plan.top)).filter((f) => !f.untracked).map((f) => f.path);
    if (dirty.length > 0) {
      throw new InputError(
        `${target} has commits this checkout lacks, and the working tree has uncommitted changes (${dirty.join(", ")}), so shipready did not rebase; ${kept(sha)}.`,
        `Commit or put away those changes, then run git pull --rebase ${remote} ${plan.branch} and git push ${remote} HEAD:${plan.branch}.`,
      );
    }
    const head = await git.fetchBranch(plan.top, remote, plan.branch);
    if (head === null) continue;
    const rebased = await git.rebase(plan.top, head, settlementFor(files, roles));
    if (!rebased.rebased) {
      throw new InputError(
        `${target} changed ${rebased.conflicts.join(", ")} too, so the readiness commit cannot go on top of it: the rebase was undone and ${kept(sha)}.`,
        `Run the update again on the new head of ${plan.branch}: in CI, run the job again; in a checkout, drop the commit (git reset --hard HEAD~1), git pull, then run update --commit --push again.`,
      );
    }
    sha = (await git.resolveCommit(plan.top, "HEAD")) ?? sha;
  }
}

function explainRefusal(
  error: unknown,
  refusal: PushRefusal | undefined,
  plan: CommitPlan,
  kept: string,
): unknown {
  if (refusal === undefined) return error;
  const { remote } = plan.settings;
  const detail = (error as { detail?: string }).detail || "git gave no reason";
  switch (refusal) {
    case "denied":
      return new InputError(
        `There is no permission to push to ${plan.branch} on ${remote} (${detail}); ${kept}.`,
        `Use credentials that may push (in Actions: permissions: contents: write), then run git push ${remote} HEAD:${plan.branch}.`,
      );
    case "refused":
      return new InputError(
        `${remote} refused the push to ${plan.branch} (${detail}): there is no permission to push to this branch, or a rule forbids it (branch protection, required signatures, a hook); ${kept}.`,
        "Let this identity push to the branch, set commit.via: api where signed commits are required, or commit on another branch.",
      );
    case "unreachable":
      return new InputError(
        `The remote ${remote} cannot be reached (${detail}); ${kept}.`,
        "Check it with git remote -v, or name another with commit.remote in shipready.yml.",
      );
    default:
      return new InputError(
        `The push to ${remote} failed (${detail}); ${kept}.`,
        `Fix what git says, then run git push ${remote} HEAD:${plan.branch}.`,
      );
  }
}

async function commitThroughApi(
  plan: CommitPlan,
  files: string[],
  roles: FileRoles,
  message: string,
  ports: CommitPorts,
  notes: string[],
): Promise<Made> {
  const { api, repo } = await ports.openGitHub(plan.github, plan.top, "commit.via is api in shipready.yml");
  const where = `${repo.owner}/${repo.repo}`;
  try {
    const local = await ports.git.headCommit(plan.top);
    const encoder = new TextEncoder();
    const mine = new Map<string, { text: string; sha: string }>();
    for (const path of files) {
      const text = await ports.files.readText(resolve(plan.top, path));
      mine.set(path, { text, sha: await api.createBlob(repo, encoder.encode(text)) });
    }
    const based = new Map<string, Promise<{ blob: string; text: string } | null>>();
    const baseOf = (path: string) => {
      let file = based.get(path);
      if (file === undefined) {
        file = local === null ? Promise.resolve(null) : ports.releaseGit.fileAt(plan.top, local, path);
        based.set(path, file);
      }
      return file;
    };
    for (let attempt = 1; ; attempt++) {
      const head = await api.branchHead(repo, plan.branch);
      if (head === null) {
        throw new InputError(
          `There is no branch ${plan.branch} in ${where} on GitHub to commit on.`,
          `Push the branch first (git push -u origin ${plan.branch}), or name another with --branch.`,
        );
      }
      const blobs = files.map((path) => ({ path, mode: "100644", sha: mine.get(path)!.sha }));
      if (head !== local) {
        const moved = await settleMovedFiles({ head, local, files, roles, mine, baseOf }, plan, api, repo);
        for (const blob of blobs) blob.sha = moved.blobs.get(blob.path) ?? blob.sha;
        if (blobs.every((blob) => blob.sha === moved.there.get(blob.path))) {
          // Another run committed exactly this meanwhile: a commit changing nothing would only add noise.
          return {
            sha: head,
            via: "api",
            pushed: true,
            attempts: attempt,
            notes: [
              `${plan.branch} on GitHub already has this run's ${listed(files)}, so no commit was made there (git checkout -- ${files.join(" ")} && git pull brings this checkout level).`,
            ],
          };
        }
        if (attempt === 1 || moved.merged.length + moved.replaced.length > 0) {
          notes.push(
            `${plan.branch} on GitHub is at ${head.slice(0, 12)}, not at this checkout's HEAD ${local?.slice(0, 12) ?? "(none)"}: the commit goes on top of it${movedNote(moved)}.`,
          );
        }
      }
      const tree = await api.createTree(repo, head, blobs);
      const commit = await api.createCommit(repo, { message, tree, parents: [head] });
      if (await api.moveBranch(repo, plan.branch, commit.sha)) {
        return {
          sha: commit.sha,
          via: "api",
          pushed: true,
          attempts: attempt,
          verified: commit.verified,
          notes: [
            `the commit was made on GitHub: this checkout is now behind ${plan.branch} there, and has the same changes uncommitted (git checkout -- ${files.join(" ")} && git pull brings it level).`,
          ],
        };
      }
      if (attempt > plan.settings.retries) {
        throw new InputError(
          `${plan.branch} in ${where} moved again each time: GitHub refused ${attempt} commits as not a fast forward.`,
          "Run again when the branch is quieter, or raise commit.retries in shipready.yml.",
        );
      }
    }
  } finally {
    api.close();
  }
}
