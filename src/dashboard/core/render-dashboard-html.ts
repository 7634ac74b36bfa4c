import { chooseBadgeColor } from "../../delivery/core/choose-badge-color.js";
import { formatPercent } from "../../shared/format-percent.js";
import { describeLatestRuns, formatDuration } from "../../readiness/core/render-ci-snapshot.js";
import { changeBetween, summarizeTrend } from "../../readiness/core/summarize-trend.js";
import { historyRecordOf } from "../../readiness/core/history-record.js";
import type { DashboardInput } from "../types.js";
import type {
  AssessedGate,
  Blocker,
  CiRun,
  CiSnapshot,
  HistoryRecord,
  PathGate,
  PathToReady,
  Readiness,
} from "../../readiness/types.js";
import {
  countGates,
  describeGain,
  formatPoints,
  summarizePathToReady,
} from "../../readiness/core/describe-path-to-ready.js";
import type { EvidenceResult } from "../../evidence/types.js";
import type { Finding, Outcome } from "../../types.js";
import { DASHBOARD_CLIENT_SCRIPT } from "./dashboard-client-script.js";
import { dashboardContentSecurityPolicy } from "./dashboard-content-security-policy.js";
import { DASHBOARD_CSS } from "./dashboard-css.js";
import { markup, raw, type Html } from "../../shared/html-template.js";
import { renderScoreGauge, safeColor } from "./render-score-gauge.js";
import { SCORE, describeRunParts, findOverlaps, renderTrendCharts } from "./render-trend-chart.js";
import { dashOf, renderPaletteCss } from "./category-palette.js";
import { renderDeploysSection } from "./render-deploys-section.js";
import { renderNav } from "./render-metrics-page.js";
import { renderMetricsParts } from "./render-metrics-section.js";
import type { MetricsView } from "../types.js";

export type DashboardPageOptions = {
  /** The time ages are measured from (ISO); the run's time when absent. */
  now?: string;
} & (
  | { live: false }
  /**
   * A page the dashboard server serves: adds "Re-check now", the progress region and the script, whose
   * hash (`sha256-…`, from hash-client-script.ts) the page's Content-Security-Policy allows.
   */
  | { live: true; scriptHash: string }
);

/** Evidence older than this is flagged stale: a day-old observation is worth checking again before a release. */
export const STALE_AFTER_MS = 24 * 3_600_000;
/** Gates that are not passing but block nothing, listed under the blockers before the full table. */
const OTHERS_LISTED = 10;
/** Warnings listed; the rest are counted (`shipready score` lists them all). */
const WARNINGS_LISTED = 50;
/** Recent runs in the table under the chart. */
const RUNS_LISTED = 10;
/** Lines of a command's output shown under a blocker. */
const DETAIL_LINES = 20;

const NOT_PASSING: Outcome[] = ["fail", "pending", "inconclusive", "warn"];
const FAILED_RUN = new Set(["failure", "timed_out", "startup_failure"]);

/**
 * The dashboard as one complete HTML document: the score gauge and verdict, the blockers with what
 * to do and their evidence, the trend, the CI snapshot, every category and gate with its provenance,
 * waivers and warnings. Style is inline and nothing is loaded from anywhere, so the same page works
 * served, saved as a file, or read without JavaScript. Text from outside is escaped where it lands,
 * and the page's Content-Security-Policy lets no other script run and nothing load.
 */
export function renderDashboardHtml(input: DashboardInput, options: DashboardPageOptions): string {
  const { result, history } = input;
  const r = result.readiness;
  const now = Date.parse(options.now ?? result.now);
  const gates = r.categories.flatMap((c) => c.gates);
  const title = `${result.checklist.label}: ${formatPercent(r.score)} ${r.band.name} · shipready`;
  const expired = result.warnings.filter((w) => w.code === "waiver-expired").map((w) => w.message);
  const live = options.live;
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="${dashboardContentSecurityPolicy(options.live ? options.scriptHash : null)}">
<title>${title}</title>
<style>${raw(DASHBOARD_CSS)}${raw(renderPaletteCss(r.categories.filter((c) => c.gates.length > 0).length))}</style>
</head>
<body>
<a class="skip" href="#dashboard">Skip to the dashboard</a>
<header>
<h1>Release readiness · ${result.checklist.label}</h1>
${live ? raw(`<form class="live" method="post" action="/recheck"><button type="submit" data-testid="recheck">Re-check now</button></form>`) : ""}
<p>Scored <time datetime="${result.now}">${formatTime(result.now)}</time> · ${categorySource(result)}</p>
${live ? raw(`<div class="live" data-testid="progress" aria-live="polite"></div>`) : ""}
${live ? renderNav("readiness", { org: false, readiness: true }) : ""}
</header>
<main id="dashboard">
${renderSummary(input)}
${renderBlockers(r, gates, now)}
${renderTrend(input)}
${renderCiSnapshotSection(result.ciSnapshot, now)}
${input.deploys ? renderDeploysSection(input.deploys) : ""}
${input.metrics ? renderMetricsSection(input.metrics) : ""}
${renderCategories(input, now)}
${renderWaivers(gates, expired)}
${renderWarnings(result.warnings, result.checklist.label)}
</main>
<footer><p>shipready · ${gates.length} gates · ${history.length} recorded ${history.length === 1 ? "run" : "runs"}</p></footer>
${live ? raw(`<script>${DASHBOARD_CLIENT_SCRIPT}</script>`) : ""}
</body>
</html>
`.toString();
}

/** Delivery performance in the static page (report --html): the metrics page's parts under one heading. */
function renderMetricsSection(view: MetricsView): Html {
  return markup`<section data-testid="metrics" aria-labelledby="h-metrics">
<h2 id="h-metrics">Delivery performance</h2>
${renderMetricsParts(view, 3)}
</section>`;
}

function renderSummary(input: DashboardInput): Html {
  const { result, history } = input;
  const r = result.readiness;
  const color = chooseBadgeColor(r.band, result.config.bands);
  const trend = summarizeTrend([...history], result.config.history.window);
  const now = unrecordedNow(input);
  const blockers = r.blockers.length;
  // The page's own score counts against the last recorded run, unless that run is this one.
  const since = now ? changeBetween(trend?.current ?? null, r.score) : trend;
  const change =
    trend === null || since === null
      ? "no runs recorded"
      : since.change === null
        ? "one run recorded"
        : `${since.arrow} ${since.change > 0 ? "+" : ""}${since.change} since the ${now ? "last recorded run" : "run before"}`;
  const gauge = renderScoreGauge({ score: r.score, threshold: r.threshold, color, band: r.band.name });
  return markup`<section class="summary" aria-labelledby="h-summary">
<h2 id="h-summary" class="vh">Summary</h2>
<div class="gauge-wrap">${gauge}<p class="big"><span data-testid="score">${Number(r.score.toFixed(1))}</span>%</p></div>
<dl class="facts">
<div><dt>Verdict</dt><dd data-testid="verdict" class="verdict ${r.ready ? "ready" : "not-ready"}">${r.ready ? "Ready" : "Not ready"}</dd><dd class="muted">threshold ${formatPercent(r.threshold)}${blockers > 0 ? `, ${plural(blockers, "blocker")}` : ""}</dd></div>
<div><dt>Band</dt><dd><span class="chip" style="background:${safeColor(color)}"></span><span data-testid="band">${r.band.name}</span></dd></div>
<div><dt>Coverage</dt><dd data-testid="coverage">${formatPercent(r.coverage)}</dd><dd class="muted">of the weight had evidence</dd></div>
<div><dt>Trend</dt><dd data-testid="trend">${change}</dd>${trend ? markup`<dd class="muted">average ${formatPercent(trend.average)} over ${plural(trend.window, now ? "recorded run" : "run")}</dd>` : ""}</div>
</dl>
</section>`;
}

/**
 * The readiness this page shows as a history record, when no run has recorded it: the dashboard
 * scores without recording, so after an edit it is newer than the last recorded run. null when the
 * last recorded run is this very one (same time and score).
 */
function unrecordedNow({ result, history }: DashboardInput): HistoryRecord | null {
  const last = history.at(-1);
  if (last && last.at === result.now && last.score === result.readiness.score) return null;
  return historyRecordOf(result.readiness, {
    at: result.now,
    checklist: result.checklist.label,
    commit: null,
  });
}

function renderBlockers(r: Readiness, gates: readonly AssessedGate[], now: number): Html {
  const blockers = r.blockers;
  const find = (b: Blocker): AssessedGate | undefined =>
    gates.find((g) => g.name === b.gate && g.category === b.category && g.line === b.line);
  const blocking = new Set(blockers.map(find));
  const others = gates
    .filter((g) => !blocking.has(g) && NOT_PASSING.includes(g.outcome))
    .sort((a, b) => NOT_PASSING.indexOf(a.outcome) - NOT_PASSING.indexOf(b.outcome));
  const items = blockers.map((b) => {
    const gate = find(b);
    const todo = gate?.provenance.message ? "" : markup`<p class="todo">${b.reason}</p>`;
    return markup`<li data-testid="blocker">${renderIssue(gate, b, now)}${todo}</li>`;
  });
  const list =
    blockers.length === 0
      ? markup`<p>No required gate blocks the release.</p>`
      : markup`<ol class="items">${items}</ol>`;
  const more =
    others.length > OTHERS_LISTED
      ? markup`<p class="muted">and ${others.length - OTHERS_LISTED} more in the table below.</p>`
      : "";
  const rest =
    others.length === 0
      ? ""
      : markup`<details${raw(blockers.length === 0 ? " open" : "")}><summary>Not passing (${others.length})</summary><ol class="items">${others
          .slice(0, OTHERS_LISTED)
          .map(
            (g) => markup`<li>${renderIssue(g, { gate: g.name, ...g }, now)}</li>`,
          )}</ol>${more}</details>`;
  return markup`<section aria-labelledby="h-blockers">
<h2 id="h-blockers">Blockers (${blockers.length})</h2>
${r.toReady ? renderPathToReady(r.toReady, r.threshold) : ""}
<div data-testid="blockers">${list}</div>
${rest}
</section>`;
}

/** The fewest gates whose passing makes the release ready, by owner, with the points each adds. */
function renderPathToReady(path: PathToReady, threshold: number): Html {
  const summary = summarizePathToReady(path, threshold);
  const gate = (g: PathGate): Html =>
    markup`<span class="gate">${g.name}</span> <small>(${describeGain(g)})</small>`;
  const items = summary.groups.map((group) => {
    const owner = summary.owned ? markup`<strong>${group.owner ?? "no owner"}</strong>: ` : "";
    return markup`<li>${owner}${joinHtml(group.gates.map(gate), ", ")}</li>`;
  });
  const more = summary.more
    ? markup`<li class="muted">and ${plural(summary.more.gates, "more gate")} (+${formatPoints(summary.more.adds)})</li>`
    : "";
  return markup`<div class="to-ready" data-testid="to-ready"><p><strong>${summary.headline}</strong> — pass ${countGates(path.gates.length)}${summary.owned ? ", by owner" : ""}:</p><ul>${items}${more}</ul></div>`;
}

/** Pieces of markup with a separator between them. */
function joinHtml(pieces: readonly Html[], separator: string): Html {
  return markup`${pieces.map((piece, i) => (i === 0 ? piece : markup`${separator}${piece}`))}`;
}

/** A gate that needs attention: what it is, what to do, and the evidence to follow. */
function renderIssue(
  gate: AssessedGate | undefined,
  what: Pick<Blocker, "gate" | "category" | "line" | "outcome">,
  now: number,
): Html {
  const evidence: readonly EvidenceResult[] =
    gate?.evidence ?? (gate ? [{ outcome: gate.outcome, provenance: gate.provenance }] : []);
  const todo = gate?.provenance.message ? markup`<p class="todo">${gate.provenance.message}</p>` : "";
  const pieces = evidence.map((e) => {
    const note =
      evidence.length > 1 && e.provenance.message && e.outcome !== "pass"
        ? markup`<div class="muted">${e.provenance.message}</div>`
        : "";
    const details = e.details ?? [];
    const output =
      details.length > 0
        ? markup`<details><summary>Output (${plural(details.length, "line")})</summary><pre>${details.slice(-DETAIL_LINES).join("\n")}</pre></details>`
        : "";
    // In a line of text a missing time is left out; "—" stands for it only in a table's cell.
    const observed =
      e.provenance.observedAt === null ? "" : markup` ${renderObserved(e.provenance.observedAt, now)}`;
    return markup`<div class="evidence"><small>${e.provenance.kind}:</small> ${renderSource(e.provenance.source)}${observed}${note}${output}</div>`;
  });
  return markup`<strong>${what.gate}</strong> ${renderOutcome(what.outcome, gate?.underlyingOutcome)} <small>${what.category} · line ${what.line}</small>${todo}${pieces}`;
}

function renderTrend(input: DashboardInput): Html {
  const { result, history } = input;
  const now = unrecordedNow(input);
  const drawn = result.readiness.categories.filter((c) => c.gates.length > 0);
  const categories = drawn.map((c) => c.name);
  const chartInput = { history, now, threshold: result.readiness.threshold, categories };
  const overlaps = findOverlaps(chartInput);
  const chart = renderTrendCharts(chartInput, overlaps);
  // Each line by its colour, its dash and its score now, so that no one needs the colour to tell them apart.
  const keys = drawn.map(
    (c, i) =>
      markup`<li><svg class="key-line" viewBox="0 0 24 8" aria-hidden="true"><line class="cat c${i} ${dashOf(i)}" x1="1" y1="4" x2="23" y2="4"/></svg>${c.name} <small>${c.score === null ? "n/a" : formatPercent(c.score)}</small></li>`,
  );
  const shown = Math.min(RUNS_LISTED, history.length);
  const rows: Html[] = [];
  if (now && history.length > 0) {
    const [, , score, ...changes] = describeRunParts(
      [history.at(-1)!, now],
      1,
      "since the last recorded run",
    );
    rows.push(
      markup`<tr><th scope="row">now <small>not recorded</small></th><td>${score}</td><td>${changes.join(" · ") || "—"}</td></tr>`,
    );
  }
  for (let i = history.length - 1; i >= history.length - shown; i--) {
    const [when, commit, score, ...changes] = describeRunParts(history, i);
    rows.push(
      markup`<tr><th scope="row">${when} <small>${commit}</small></th><td>${score}</td><td>${changes.join(" · ") || "—"}</td></tr>`,
    );
  }
  const nowKey =
    now && history.length > 0 ? markup`<li><span class="key now"></span>Now, not recorded</li>` : "";
  const table =
    shown === 0
      ? ""
      : markup`<details><summary>The last ${plural(shown, "run")}${now ? " and now" : ""}</summary><div class="table-wrap"><table><thead><tr><th scope="col">Run</th><th scope="col">Score</th><th scope="col">Changes</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
  return markup`<section aria-labelledby="h-trend">
<h2 id="h-trend">Trend</h2>
${chart}
<ul class="legend"><li><span class="key"></span>Score</li>${nowKey}<li><span class="key t"></span>Threshold</li>${keys}</ul>
${renderOverlaps(overlaps, categories)}
${table}
</section>`;
}

/** The legend's word on lines that lie on one another, which the chart draws a little apart. */
function renderOverlaps(groups: readonly number[][], categories: readonly string[]): Html | string {
  if (groups.length === 0) return "";
  const named = groups.map((group) => {
    const names = group.map((key) => (key === SCORE ? "Score" : categories[key]!));
    return names.length <= 3
      ? markup`${names.join(names.length === 2 ? " and " : ", ")}`
      : markup`${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
  });
  return markup`<p class="muted overlap" data-testid="overlaps">Lines with the same score at every point drawn lie on one another; they are drawn a little apart: ${joinHtml(named, "; ")}.</p>`;
}

function renderCiSnapshotSection(snapshot: CiSnapshot | undefined, now: number): Html {
  const head = `<section data-testid="ci-snapshot" aria-labelledby="h-ci"><h2 id="h-ci">CI snapshot</h2>`;
  if (!snapshot) {
    return markup`${raw(head)}<p class="muted">No CI snapshot: the checklist has no CI_SNAPSHOT markers, evidence was not collected (--no-evidence), or GitHub could not be asked (see the warnings).</p></section>`;
  }
  const rate =
    snapshot.successRate === null
      ? "no finished runs"
      : `${describeLatestRuns(snapshot)} · ${formatPercent(snapshot.successRate)} of ${plural(snapshot.counted, "run")} passed`;
  const rows = snapshot.workflows.map((w) => {
    const runs: readonly CiRun[] = w.runs ?? (w.last ? [w.last] : []);
    const strip = runs.map((run) => markup`<li>${renderRunMark(run)}</li>`);
    const passRate =
      w.passRate === null
        ? "—"
        : markup`${formatPercent(w.passRate)} <small>(${w.passed}/${w.counted})</small>`;
    return markup`<tr><th scope="row">${renderLink(w.url, w.name)}</th><td data-label="Recent runs"><ol class="strip" aria-label="${`recent runs of ${w.name}, newest first`}">${strip}</ol></td><td data-label="Pass rate">${passRate}</td><td data-label="Duration">${w.durationMs === null ? "—" : formatDuration(w.durationMs)}</td><td data-label="Last run">${w.last ? renderObserved(w.last.startedAt, now) : "—"}</td></tr>`;
  });
  const table =
    snapshot.workflows.length === 0
      ? markup`<p>No workflows found.</p>`
      : markup`<div class="table-wrap"><table class="gates"><thead><tr><th scope="col">Workflow</th><th scope="col">Recent runs, newest first</th><th scope="col">Pass rate</th><th scope="col">Duration</th><th scope="col">Last run</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return markup`${raw(head)}
<p><strong>${snapshot.health}</strong> · ${rate} on <code>${snapshot.branch}</code> · ${renderLink(snapshot.actionsUrl, `${snapshot.repo} Actions`)} · observed ${renderObserved(snapshot.observedAt, now)}</p>
${table}
</section>`;
}

/** One run in a workflow's strip: a coloured mark that links to the run and says what it was. */
function renderRunMark(run: CiRun): Html {
  const state = run.conclusion ?? "running";
  const kind = FAILED_RUN.has(state)
    ? "failure"
    : ["success", "running", "cancelled", "skipped"].includes(state)
      ? state
      : "other";
  const text = `${run.title ? `${run.title}: ` : ""}${state.replace(/_/g, " ")}, ${formatTime(run.startedAt)}`;
  const url = safeUrl(run.url);
  return url
    ? markup`<a class="r-${kind}" href="${url}" title="${text}"><span class="vh">${text}</span></a>`
    : markup`<span class="r-${kind}" title="${text}"><span class="vh">${text}</span></span>`;
}

function renderCategories({ result }: DashboardInput, now: number): Html {
  const categories = result.readiness.categories.filter((c) => c.gates.length > 0);
  const blocks = categories.map((c, i) => {
    const rows = c.gates.map((g) => {
      const note =
        g.outcome !== "pass" && g.provenance.message
          ? markup`<div class="muted">${g.provenance.message}</div>`
          : "";
      // A written status needs no "checklist" before its file:line.
      const kind = g.provenance.kind === "checklist" ? "" : markup`<small>${g.provenance.kind}</small> `;
      return markup`<tr data-testid="gate-row" data-outcome="${g.outcome}"${raw(looksStale(g, now) ? ' data-stale="true"' : "")}><th scope="row">${g.name}${g.required ? raw(" <small>required</small>") : ""}</th><td>${renderGateOutcome(g, now)}</td><td>${kind}${renderSource(g.provenance.source)}${note}</td><td>${renderObserved(g.provenance.observedAt, now)}</td></tr>`;
    });
    const score = c.score === null ? "n/a" : formatPercent(c.score);
    const width = Math.max(0, Math.min(100, c.score ?? 0));
    return markup`<div data-testid="category" class="category" role="group" aria-labelledby="cat-${i}">
<div class="cat-head"><h3 id="cat-${i}">${c.name}</h3><strong>${score}</strong><small>${c.passed}/${c.total} passing · weight ${c.weight}${c.required ? " · required" : ""}</small><span class="bar" aria-hidden="true"><span style="width:${width}%"></span></span></div>
<div class="table-wrap"><table class="gates gt"><thead><tr><th scope="col">Gate</th><th scope="col">Outcome</th><th scope="col">Source</th><th scope="col">Observed</th></tr></thead><tbody>
${rows}
</tbody></table></div>
</div>`;
  });
  return markup`<section aria-labelledby="h-categories">
<h2 id="h-categories">Categories and gates</h2>
${blocks}
</section>`;
}

function renderWaivers(gates: readonly AssessedGate[], expired: readonly string[]): Html | string {
  const waived = gates.filter((g) => g.waiver);
  if (waived.length === 0 && expired.length === 0) return "";
  const rows = waived.map((g) => {
    const w = g.waiver!;
    return markup`<tr><th scope="row">${g.name} <small>${g.category}</small></th><td data-label="Reason">${w.reason}</td><td data-label="Approver">${w.approver}</td><td data-label="Expires"><time datetime="${w.expires}">${w.expires}</time></td></tr>`;
  });
  const table =
    waived.length === 0
      ? ""
      : markup`<div class="table-wrap"><table class="gates"><thead><tr><th scope="col">Gate</th><th scope="col">Reason</th><th scope="col">Approver</th><th scope="col">Expires</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const gone =
    expired.length === 0 ? "" : markup`<h3>Expired</h3><ul>${expired.map((m) => markup`<li>${m}</li>`)}</ul>`;
  return markup`<section aria-labelledby="h-waivers">
<h2 id="h-waivers">Waivers (${waived.length})</h2>
${table}${gone}
</section>`;
}

function renderWarnings(warnings: readonly Finding[], checklist: string): Html | string {
  if (warnings.length === 0) return "";
  const items = warnings
    .slice(0, WARNINGS_LISTED)
    .map(
      (w) =>
        markup`<li><small>${w.file ?? checklist}${w.line === undefined ? "" : `:${w.line}`}</small> ${w.message}</li>`,
    );
  const more =
    warnings.length > WARNINGS_LISTED
      ? markup`<p class="muted">and ${warnings.length - WARNINGS_LISTED} more: shipready score lists them all.</p>`
      : "";
  return markup`<section aria-labelledby="h-warnings">
<h2 id="h-warnings">Warnings (${warnings.length})</h2>
<ul>${items}</ul>${more}
</section>`;
}

/**
 * A gate's outcome as scoring counted it; a pass (or warn) on evidence older than STALE_AFTER_MS is
 * greyed and says "pass, stale": it still counts, but it must not look like a fresh pass.
 */
function renderGateOutcome(g: AssessedGate, now: number): Html {
  if (!looksStale(g, now)) return renderOutcome(g.outcome, g.underlyingOutcome);
  return markup`<span class="o o-stale">${g.outcome}, stale</span>`;
}

function looksStale(g: AssessedGate, now: number): boolean {
  return (g.outcome === "pass" || g.outcome === "warn") && isStale(g.provenance.observedAt, now);
}

function isStale(observedAt: string | null, now: number): boolean {
  const at = observedAt === null ? NaN : Date.parse(observedAt);
  return Number.isFinite(at) && now - at > STALE_AFTER_MS;
}

function renderOutcome(outcome: Outcome, underlying?: Outcome): Html {
  return markup`<span class="o o-${outcome === "n/a" ? "na" : outcome}">${outcome}${underlying ? ` (was ${underlying})` : ""}</span>`;
}

/**
 * A source a person can follow: a link when it is a web address, else the command or file as text.
 * A `file:line` never breaks inside (the line number split from its file reads as another number):
 * a line may break in the folders before it, or before it, not within it.
 */
function renderSource(source: string): Html {
  if (safeUrl(source)) return renderLink(source, source);
  const ref = /^(.*\/)?([^\s/]+:\d+)$/.exec(source);
  if (!ref) return markup`<code>${source}</code>`;
  return markup`<code>${ref[1] ?? ""}<span class="ref">${ref[2]!}</span></code>`;
}

function renderLink(url: string, text: string): Html {
  const safe = safeUrl(url);
  return safe ? markup`<a href="${safe}">${text}</a>` : markup`${text}`;
}

function renderObserved(observedAt: string | null, now: number): Html {
  if (observedAt === null) return markup`<small>—</small>`;
  const at = Date.parse(observedAt);
  if (!Number.isFinite(at)) return markup`${observedAt}`;
  const age = now - at;
  const stale = isStale(observedAt, now);
  return markup`<time datetime="${observedAt}">${formatTime(observedAt)}</time> <small${raw(stale ? ' class="stale"' : "")}>${stale ? "stale, " : ""}${formatAge(age)}</small>`;
}

/** Only web links are made clickable: a javascript: or data: address from outside stays text. */
function safeUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function categorySource({ config }: DashboardInput["result"]): string {
  const source =
    config.categories === "configured"
      ? "categories from shipready.yml"
      : config.categories === "seed"
        ? "categories from the seed scheme"
        : "one category per heading";
  return config.file ? source : `${source} · no shipready.yml`;
}
