import { describeDuration } from "../../shared/describe-duration.js";
import { escapeMarkdown } from "../../shared/escape-markdown.js";
import { shortSha } from "../../shared/short-sha.js";
import { versionKey } from "../../shared/version-key.js";
import type { ChangelogEntry, OtherEntry } from "../../release/core/render-changelog.js";
import type { DeployRecord, EnvironmentSpec, StepOutcome } from "../types.js";
import {
  countSamples,
  describeJudgement,
  displayVersion,
  failedMetrics,
  firstStoppedStep,
  formatUtc,
  formatValue,
  millisBetween,
  rollbackEnds,
  rollbackStepsOf,
  worstValue,
} from "./describe-deploy.js";

/** The commits between the version rolled back to and the one rolled back, as the changelog reads them. */
export interface IncidentChanges {
  entries: readonly ChangelogEntry[];
  others: readonly OtherEntry[];
}

export interface IncidentInput {
  /** The deploy (or rollback) that was rolled back, or whose rollback failed. */
  record: DeployRecord;
  environment: EnvironmentSpec | undefined;
  /** The commits rolled back; `{ error }` when they could not be read; null when there is no earlier commit. */
  changes: IncidentChanges | { error: string } | null;
  /** https://github.com/owner/name, for the compare link; null when not known. */
  repositoryUrl: string | null;
  /** When this text is written (ISO). */
  at: string;
}

export interface IncidentIssue {
  /** The hidden first line that finds the issue again on a re-run. */
  marker: string;
  title: string;
  body: string;
}

/** At most this many of each list; the rest are counted. */
const MAX_METRICS = 20;
const MAX_STEPS = 30;
const MAX_CHANGES = 50;
const MAX_TAIL_LINES = 20;
const MAX_LINE = 300;
/** GitHub refuses an issue body longer than 65,536 characters; this leaves room to spare. */
const MAX_BODY = 60_000;

/**
 * The hidden marker a re-run finds the open incident by: one per environment and version (or commit,
 * when there is no version). The version is compared as semver reads it (v2.0.0 and 2.0.0 are one
 * version), and values are percent-encoded so that no name can end the comment early.
 */
export function incidentMarker(
  record: Pick<DeployRecord, "kind" | "environment" | "version" | "commit" | "previous">,
): string {
  const { from } = rollbackEnds(record);
  const what =
    from.version !== null
      ? `version=${encodeValue(versionKey(from.version))}`
      : `commit=${encodeValue(from.commit ?? "unknown")}`;
  return `<!-- shipready:incident env=${encodeValue(record.environment)} ${what} -->`;
}

/** The version rolled back and the one restored, as the issue shows them. */
function versionsOf(record: DeployRecord): { from: string; to: string | null } {
  const { from, to } = rollbackEnds(record);
  return {
    from: displayVersion(from.version, from.commit),
    to: to ? displayVersion(to.version, to.commit) : null,
  };
}

/**
 * The incident issue of a rollback: what was rolled back where and why (the failed metrics with their
 * values and bounds), the rollback step by step (and, when it failed, where and what state that leaves
 * the service in), the commits rolled back with their changelog entries, and links to the runs. Every
 * text from outside is escaped for markdown; the caller redacts the whole.
 */
export function renderIncidentIssue(input: IncidentInput): IncidentIssue {
  const { record } = input;
  const marker = incidentMarker(record);
  const sections = [
    marker,
    renderHeadline(input),
    renderFacts(input),
    renderMetrics(record),
    renderRollback(record),
    renderChanges(input),
    renderLinks(input),
    `<sub>Written by shipready at ${formatUtc(input.at)}. A re-run of ${escapeMarkdown(versionsOf(record).from)} in ${escapeMarkdown(record.environment)} updates this issue instead of opening another.</sub>`,
  ].filter((s): s is string => s !== null);
  let body = sections.join("\n\n") + "\n";
  if (body.length > MAX_BODY)
    body = `${body.slice(0, MAX_BODY)}\n\n…cut: the full record is in shipready's deploy records (${escapeMarkdown(record.id)}).\n`;
  return { marker, title: renderTitle(record), body };
}

/** The comment a re-run adds to the open incident, so that its watchers hear of it. */
export function renderIncidentComment(input: IncidentInput): string {
  const { record } = input;
  const step = failedStepName(record);
  const ended =
    record.outcome === "rollback-failed"
      ? `the rollback failed${step ? ` at ${escapeMarkdown(step)}` : ""}`
      : "the rollback succeeded";
  const what =
    record.kind === "rollback"
      ? `shipready rolled back ${escapeMarkdown(versionsOf(record).from)} in ${escapeMarkdown(record.environment)} again`
      : `shipready deployed ${escapeMarkdown(versionsOf(record).from)} to ${escapeMarkdown(record.environment)} again and rolled it back`;
  return `${what} at ${formatUtc(input.at)}; ${ended}. The description above is up to date (record ${escapeMarkdown(record.id)}).`;
}

function renderTitle(record: DeployRecord): string {
  const where = `${versionsOf(record).from} in ${record.environment}`;
  const cause = titleCause(record);
  const step = failedStepName(record);
  const title =
    record.outcome === "rollback-failed"
      ? `Rollback of ${where} failed${step ? ` at ${step}` : ""}${cause ? `: ${cause}` : ""}`
      : `Rollback of ${where}${cause ? `: ${cause}` : ""}`;
  return oneLine(title, 200);
}

/** "error_ratio 0.083 > 0.01", "latency: no data", else the rollback's reason. */
function titleCause(record: DeployRecord): string | null {
  const metric = failedMetrics(record)[0];
  if (metric) {
    const worst = worstValue(metric);
    if (worst === null) return `${metric.name}: no data`;
    const { min, max } = metric.judgement;
    if (max !== undefined && worst > max) return `${metric.name} ${formatValue(worst)} > ${formatValue(max)}`;
    if (min !== undefined && worst < min) return `${metric.name} ${formatValue(worst)} < ${formatValue(min)}`;
    return `${metric.name} ${metric.verdict}`;
  }
  return record.rollback?.reason ? oneLine(record.rollback.reason, 120) : null;
}

function renderHeadline(input: IncidentInput): string {
  const { record } = input;
  const versions = versionsOf(record);
  const version = `**${escapeMarkdown(versions.from)}**`;
  const env = `**${escapeMarkdown(record.environment)}**`;
  const to = versions.to ? `**${escapeMarkdown(versions.to)}**` : null;
  const when = formatUtc(record.endedAt ?? input.at);
  const reason = record.rollback?.reason
    ? `: ${escapeMarkdown(oneLine(record.rollback.reason, MAX_LINE))}`
    : "";
  if (record.outcome === "rollback-failed") {
    const step = failedStepName(record);
    return [
      "> [!CAUTION]",
      `> **The rollback of ${version} in ${env} failed**${step ? ` at ${escapeMarkdown(step)}` : ""}, so the service may be running neither ${version} nor ${to ?? "the version before it"}. Check it by hand now; the rollback's steps below say how far it got.`,
      "",
      `shipready began rolling back ${version} in ${env} on ${when}${reason}.`,
    ].join("\n");
  }
  return [
    "> [!WARNING]",
    `> ${version} was rolled back in ${env}${to ? ` to ${to}` : ""}.`,
    "",
    `shipready rolled it back on ${when}${reason}.`,
  ].join("\n");
}

function renderFacts(input: IncidentInput): string {
  const { record, environment } = input;
  const rows: [string, string][] = [];
  const url = environment?.url ? safeLink(environment.url) : null;
  rows.push([
    "Environment",
    `${escapeMarkdown(record.environment)}${url ? ` ([${escapeMarkdown(environment!.url!)}](${url}))` : ""}`,
  ]);
  const ends = rollbackEnds(record);
  rows.push(["Version", versionCell(ends.from.version, ends.from.commit)]);
  if (ends.to)
    rows.push([
      "Previous version",
      `${versionCell(ends.to.version, ends.to.commit)} — what the rollback restores`,
    ]);
  rows.push([
    record.kind === "rollback" ? "Rollback started" : "Deploy started",
    `${formatUtc(record.startedAt)}${record.actor ? ` by ${escapeMarkdown(record.actor)}` : ""}`,
  ]);
  if (record.rollback) {
    rows.push(["Trigger", escapeMarkdown(record.rollback.trigger)]);
    const steps = rollbackStepsOf(record);
    const took = millisBetween(steps[0]?.startedAt ?? null, steps.at(-1)?.endedAt ?? null);
    const outcome =
      record.rollback.outcome === "succeeded"
        ? `succeeded${took !== null ? ` in ${describeDuration(took)}` : ""}`
        : `**failed**${failedStepName(record) ? ` at ${escapeMarkdown(failedStepName(record)!)}` : ""}`;
    rows.push(["Rollback", outcome]);
  }
  rows.push(["Record", escapeMarkdown(record.id)]);
  return ["| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

function versionCell(version: string | null, commit: string | null): string {
  const shown = escapeMarkdown(displayVersion(version, commit));
  return version !== null && commit !== null ? `${shown} · \`${shortSha(hexOnly(commit))}\`` : shown;
}

function renderMetrics(record: DeployRecord): string | null {
  const failed = failedMetrics(record);
  if (failed.length === 0) return null;
  const rows = failed.slice(0, MAX_METRICS).map((m) => {
    const worst = worstValue(m);
    const counts = countSamples(m);
    const samples =
      counts.total === 0
        ? "none"
        : `${counts.met} of ${counts.total} met${counts.withData < counts.total ? ` (${counts.total - counts.withData} without data)` : ""}${m.failedFast ? ", stopped early" : ""}`;
    const comparison = m.comparison ? ` (${describeComparison(m.comparison)})` : "";
    return `| ${escapeMarkdown(m.name)} | ${m.verdict} | ${worst === null ? "no data" : formatValue(worst)} | ${describeJudgement(m.judgement)} | ${samples} | ${escapeMarkdown(oneLine(m.reason, MAX_LINE))}${escapeMarkdown(comparison)} |`;
  });
  const more = failed.length > MAX_METRICS ? `\n\n…and ${failed.length - MAX_METRICS} more.` : "";
  return (
    [
      `### Metrics that did not pass (${failed.length} of ${record.metrics.length})`,
      "",
      "| Metric | Verdict | Value (worst sample) | Threshold | Samples | Why |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n") + more
  );
}

function describeComparison(comparison: Record<string, number>): string {
  return Object.entries(comparison)
    .slice(0, 6)
    .map(([k, v]) => `${k} ${formatValue(v)}`)
    .join(", ");
}

function renderRollback(record: DeployRecord): string | null {
  const steps = rollbackStepsOf(record);
  if (!record.rollback && steps.length === 0) return null;
  const lines = ["### The rollback", ""];
  if (steps.length === 0) {
    lines.push("No rollback step was recorded.");
    return lines.join("\n");
  }
  lines.push("| # | Step | Outcome | Took | Exit code |", "| --- | --- | --- | --- | --- |");
  steps.slice(0, MAX_STEPS).forEach((step, i) => {
    const took = millisBetween(step.startedAt, step.endedAt);
    lines.push(
      `| ${i + 1} | ${escapeMarkdown(step.name)} | ${step.status} | ${took === null ? "—" : describeDuration(took)} | ${step.exitCode ?? "—"} |`,
    );
  });
  if (steps.length > MAX_STEPS) lines.push("", `…and ${steps.length - MAX_STEPS} more steps.`);
  const stopped = firstStoppedStep(steps);
  if (record.outcome === "rollback-failed" || stopped)
    lines.push("", ...renderLeftState(record, steps, stopped));
  return lines.join("\n");
}

/** Where the rollback stopped, what ran and what did not, and the failed step's last lines. */
function renderLeftState(
  record: DeployRecord,
  steps: StepOutcome[],
  stopped: StepOutcome | undefined,
): string[] {
  const name = stopped?.name ?? record.rollback?.failedStep ?? null;
  const index = stopped ? steps.indexOf(stopped) : -1;
  const ran = (index < 0 ? steps : steps.slice(0, index)).filter((s) => s.status === "succeeded");
  const notRun = index < 0 ? [] : steps.slice(index + 1).filter((s) => s.status !== "succeeded");
  const names = (list: StepOutcome[]) => list.map((s) => escapeMarkdown(s.name)).join(", ");
  const versions = versionsOf(record);
  const version = escapeMarkdown(versions.from);
  const previous = versions.to ? escapeMarkdown(versions.to) : "the previous version";
  const out = [
    `**The rollback stopped at ${name ? escapeMarkdown(name) : "a step"}**${stopped ? ` (${stopped.status}${stopped.exitCode != null ? `, exit code ${stopped.exitCode}` : ""})` : ""}${stopped?.detail ? `: ${escapeMarkdown(oneLine(stopped.detail, MAX_LINE))}` : ""}.`,
    "",
    `**The state the service is left in:** ${ran.length > 0 ? `${names(ran)} ran` : "no step ran to the end"}; ${name ? `${escapeMarkdown(name)} did not finish` : "the rollback did not finish"}${notRun.length > 0 ? `; ${names(notRun)} did not run` : ""}. The service is as that step left it: neither ${version} nor ${previous} can be assumed to be running. Finish the rollback by hand (the steps above, from ${name ? escapeMarkdown(name) : "the failed one"}), or run \`shipready rollback\` again once the cause is fixed.`,
  ];
  const tail = (stopped?.tail ?? []).slice(-MAX_TAIL_LINES).map((l) => cutLine(l, MAX_LINE));
  if (tail.length > 0)
    out.push("", `The last lines of ${name ? escapeMarkdown(name) : "its"} output:`, "", ...fenced(tail));
  return out;
}

function renderChanges(input: IncidentInput): string | null {
  const { record, changes } = input;
  const ends = rollbackEnds(record);
  // The changes rolled back: from the version restored to the one rolled back.
  if (!ends.to?.commit || !ends.from.commit) return null;
  const from = ends.to.commit;
  const to = ends.from.commit;
  const range = `${escapeMarkdown(displayVersion(ends.to.version, from))}..${escapeMarkdown(displayVersion(ends.from.version, to))}`;
  const compare = input.repositoryUrl
    ? safeLink(`${input.repositoryUrl}/compare/${hexOnly(from)}...${hexOnly(to)}`)
    : null;
  const lines = [`### The changes rolled back (${range})`, ""];
  if (compare) lines.push(`[Compare ${shortSha(hexOnly(from))}...${shortSha(hexOnly(to))}](${compare})`, "");
  if (changes === null) return compare ? lines.join("\n").trimEnd() : null;
  if ("error" in changes) {
    lines.push(
      `The commits between them could not be read: ${escapeMarkdown(oneLine(changes.error, MAX_LINE))}`,
    );
    return lines.join("\n");
  }
  const count = changes.entries.length + changes.others.length;
  if (count === 0) {
    lines.push("No commits between them.");
    return lines.join("\n");
  }
  const items = changes.entries.slice(0, MAX_CHANGES).map((e) => {
    const kind = `${escapeMarkdown(e.type)}${e.scope ? `(${escapeMarkdown(e.scope)})` : ""}${e.breaking ? "!" : ""}`;
    const note =
      e.breaking && e.breakingNote
        ? ` — **breaking:** ${escapeMarkdown(oneLine(e.breakingNote, MAX_LINE))}`
        : "";
    return `- **${kind}:** ${escapeMarkdown(oneLine(e.subject, MAX_LINE))} (\`${shortSha(hexOnly(e.sha))}\`)${note}`;
  });
  const room = Math.max(0, MAX_CHANGES - items.length);
  const others = changes.others
    .slice(0, room)
    .map((o) => `- ${escapeMarkdown(oneLine(o.header, MAX_LINE))} (\`${shortSha(hexOnly(o.sha))}\`)`);
  const shown = items.length + others.length;
  lines.push(
    `${count} ${count === 1 ? "commit" : "commits"}${changes.entries.length > 0 ? `, ${changes.entries.length} of them in the changelog` : ""}:`,
    "",
    ...items,
    ...others,
  );
  if (shown < count) lines.push(`- …and ${count - shown} more`);
  return lines.join("\n");
}

function renderLinks(input: IncidentInput): string | null {
  const { record, environment } = input;
  const links: string[] = [];
  const run = record.runUrl ? safeLink(record.runUrl) : null;
  if (run) links.push(`- [The CI run](${run})`);
  const deployment = record.githubDeployment ? safeLink(record.githubDeployment.url) : null;
  if (deployment)
    links.push(
      `- [The deployments of ${escapeMarkdown(environment?.githubEnvironment ?? record.environment)}](${deployment})`,
    );
  const env = environment?.url ? safeLink(environment.url) : null;
  if (env) links.push(`- [The environment](${env})`);
  return links.length === 0 ? null : ["### Links", "", ...links].join("\n");
}

function failedStepName(record: DeployRecord): string | null {
  return record.rollback?.failedStep ?? firstStoppedStep(rollbackStepsOf(record))?.name ?? null;
}

/** Lines in a code block whose fence no line can close. */
function fenced(lines: string[]): string[] {
  const longest = Math.max(
    2,
    ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))),
  );
  const fence = "`".repeat(longest + 1);
  return [`${fence}text`, ...lines, fence];
}

/** An http(s) URL that a markdown link can hold, or null. */
function safeLink(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return parsed.href.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

function hexOnly(sha: string): string {
  return sha.replace(/[^0-9a-fA-F]/g, "");
}

function encodeValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._+/-]/g, (c) => encodeURIComponent(c).replace(/-/g, "%2D"))
    .replace(/--/g, "-%2D");
}

function oneLine(text: string, max: number): string {
  return cutLine(text.replace(/\s+/g, " ").trim(), max);
}

function cutLine(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = "";
  for (const point of text) {
    if (kept.length + point.length > max - 1) break;
    kept += point;
  }
  return `${kept}…`;
}
