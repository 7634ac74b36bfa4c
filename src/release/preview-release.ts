import { listChecklistHistory } from "../readiness/checklist-history.js";
import { loadConfig } from "../config/load-config.js";
import { PREVIEW_MARKER, renderReleasePreview, type PreviewInput } from "./core/render-release-preview.js";
import { ShipreadyError } from "../errors.js";
import { planRelease } from "./plan-release.js";
import type { GitHistory } from "./ports.js";
import { runReadiness } from "../readiness/run-readiness.js";
import type { ReadinessPorts } from "../readiness/ports.js";
import type { ReadinessRun } from "../readiness/types.js";
import { keepPullRequestComment } from "../delivery/keep-pull-request-comment.js";

export interface PreviewOptions {
  cwd: string;
  config?: string;
  checklist?: string;
  pre?: string;
  signal?: AbortSignal;
  /** Keep the preview as one comment on this pull request; `fromFork` skips it (a fork's token is read-only). */
  comment?: { pr: number; fromFork: boolean };
}

export interface ReleasePreview {
  input: PreviewInput;
  markdown: string;
  /** What became of the comment: its link, or why there is none. */
  comment?: { action: "created" | "updated" | "unchanged"; url: string } | { skipped: string };
}

/**
 * What merging the checked-out branch would release: the next version and the changelog entry from
 * the commits since the last release, and the branch's readiness beside the last run recorded in
 * history (the base branch's, on a pull request). Read-only.
 */
export async function previewRelease(
  options: PreviewOptions,
  ports: ReadinessPorts & { history: GitHistory },
): Promise<ReleasePreview> {
  const common = { cwd: options.cwd, ...(options.config ? { config: options.config } : {}) };
  const plan = await planRelease({ ...common, ...(options.pre ? { pre: options.pre } : {}) }, ports);
  let result: ReadinessRun | null = null;
  let problem: string | null = null;
  try {
    result = await runReadiness(
      {
        ...common,
        mode: "check",
        ...(options.checklist ? { checklist: options.checklist } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      ports,
    );
  } catch (error) {
    // A preview without a score still tells the version and the changelog.
    if (!(error instanceof ShipreadyError) || error.exitCode === 130) throw error;
    problem = error.message;
  }
  const input: PreviewInput = {
    next: plan.next,
    previousTag: plan.range.from,
    commits: plan.counts.commits,
    changelog: plan.markdown,
    readiness: result && {
      score: result.readiness.score,
      band: result.readiness.band.name,
      emoji: result.readiness.band.emoji,
      ready: result.readiness.ready,
      threshold: result.readiness.threshold,
      blockers: result.readiness.blockers,
    },
    readinessProblem: problem,
    before: result ? await lastRecorded(result, options, ports) : null,
  };
  const markdown = renderReleasePreview(input);
  if (options.comment === undefined) return { input, markdown };
  return { input, markdown, comment: await comment(markdown, options.comment, options, ports) };
}

async function comment(
  markdown: string,
  target: { pr: number; fromFork: boolean },
  options: PreviewOptions,
  ports: ReadinessPorts,
): Promise<NonNullable<ReleasePreview["comment"]>> {
  const { config } = await loadConfig(
    { cwd: options.cwd, near: options.cwd, ...(options.config ? { config: options.config } : {}) },
    ports,
  );
  return keepPullRequestComment(
    {
      ...target,
      marker: PREVIEW_MARKER,
      body: markdown,
      what: "preview",
      why: "--comment posts to the pull request",
    },
    { settings: config.github, dir: options.cwd },
    ports,
  );
}

/** The newest history record of the same checklist, or null when history is off or empty. */
async function lastRecorded(
  result: ReadinessRun,
  options: PreviewOptions,
  ports: ReadinessPorts,
): Promise<PreviewInput["before"]> {
  const { config } = await loadConfig(
    { cwd: options.cwd, near: options.cwd, ...(options.config ? { config: options.config } : {}) },
    ports,
  );
  if (!config.history.enabled) return null;
  const records = await listChecklistHistory(result.checklist.path, config.history, config.root, ports);
  const last = records.at(-1);
  return last
    ? { score: last.score, band: last.band, ready: last.ready, commit: last.commit, at: last.at }
    : null;
}
