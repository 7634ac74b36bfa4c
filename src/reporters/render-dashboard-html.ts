import { chooseBadgeColor } from "../core/choose-badge-color.js";
import { formatPercent } from "../core/format-percent.js";
import { formatDuration } from "../core/render-ci-snapshot.js";
import { summarizeTrend } from "../core/summarize-trend.js";
import type { DashboardInput } from "../load-dashboard.js";
import type { AssessedGate, Blocker, CiRun, CiSnapshot, Outcome, Provenance } from "../types.js";
import { DASHBOARD_CLIENT_SCRIPT, DASHBOARD_CLIENT_SCRIPT_HASH } from "./dashboard-client-script.js";
import { DASHBOARD_CSS } from "./dashboard-css.js";
import { html, raw, type Html } from "./html-template.js";
import { renderScoreGauge } from "./render-score-gauge.js";
import { CATEGORY_COLORS, describeRun, renderTrendChart } from "./render-trend-chart.js";

export interface DashboardPageOptions {
  /** A page the dashboard server serves: adds "Re-check now", the progress region and the script. */
  live: boolean;
  /** The time ages are measured from (ISO); the run's time when absent. */
  now?: string;
}

/** Evidence older than this is flagged stale: a day-old observation is worth checking again before a release. */
const STALE_AFTER_MS = 24 * 3_600_000;
/** Gates that are not passing but block nothing, listed under the blockers before the full table. */
const OTHERS_LISTED = 10;
/** Warnings listed; the rest are counted (the terminal's `shipready score` lists them all). */
const WARNINGS_LISTED = 50;
/** Recent runs in the table under the chart. */
const RUNS_LISTED = 10;
/** Lines of a command's output shown under a blocker. */
const DETAIL_LINES = 20;

const NOT_PASSING_ORDER: Outcome[] = ["fail", "pending", "inconclusive", "warn"];

/**
 * The dashboard as one complete HTML document: the score gauge and verdict, the blockers with what
 * to do and their evidence, the trend, the CI snapshot, every category and gate with its provenance,
 * waivers and warnings. Style is inline and nothing is loaded from anywhere, so the same page works
 * served, saved as a file, or read without JavaScript. Text from outside is escaped where it lands.
 */
export function renderDashboardHtml(input: DashboardInput, options: DashboardPageOptions): string {
  const { result, history } = input;
  const r = result.readiness;
  const now = Date.parse(options.now ?? result.now);
  const bandColor = chooseBadgeColor(r.band, result.config.bands);
  const title = `${result.checklist.label}: ${formatPercent(r.score)} ${r.band.name} · shipready`;
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    options.live ? `script-src '${DASHBOARD_CLIENT_SCRIPT_HASH}'` : "script-src 'none'",
    options.live ? "connect-src 'self'" : "",
    "img-src data:",
    "form-action 'self'",
    "base-uri 'none'",
  ]
    .filter(Boolean)
    .join("; ");
  const gates = r.categories.flatMap((c) => c.gates);
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta http-equiv="Content-Security-Policy" content="${csp}" />
        <title>${title}</title>
        <style>
          ${raw(DASHBOARD_CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="#dashboard">Skip to the dashboard</a>
        <header>
          <h1>Release readiness · ${result.checklist.label}</h1>
          ${options.live ? html`<form class="live" method="post" action="/recheck"><button type="submit" data-testid="recheck">Re-check now</button></form>` : ""}
          <p>
            Scored <time datetime="${result.now}">${formatTime(result.now)}</time> ·
            ${categorySource(result.config.categories)}${result.config.file ? "" : " · no shipready.yml"}
          </p>
          ${options.live ? html`<div class="live" data-testid="progress" aria-live="polite"></div>` : ""}
        </header>
        <main id="dashboard">
          ${renderSummary(input, bandColor)} ${renderBlockers(r.blockers, gates, now)} ${renderTrend(input)}
          ${renderCiSnapshotSection(result.ciSnapshot, now)} ${renderCategories(input, now)}
          ${renderWaivers(
            gates,
            result.warnings.filter((w) => w.code === "waiver-expired").map((w) => w.message),
          )}
          ${renderWarnings(result.warnings, result.checklist.label)}
        </main>
        <footer>
          <p>
            shipready · ${history.length} recorded ${history.length === 1 ? "run" : "runs"} · ${gates.length}
            gates
          </p>
        </footer>
        ${
          options.live
            ? html`<script>
                ${raw(DASHBOARD_CLIENT_SCRIPT)};
              </script>`
            : ""
        }
      </body>
    </html> `;
  return page.toString();
}

function renderSummary({ result, history }: DashboardInput, bandColor: string): Html {
  const r = result.readiness;
  const trend = summarizeTrend([...history], result.config.history.window);
  const score = Number(r.score.toFixed(1));
  return html`<section class="summary" aria-labelledby="h-summary">
    <h2 id="h-summary" class="vh">Summary</h2>
    <div class="gauge-wrap">
      ${renderScoreGauge({ score: r.score, threshold: r.threshold, color: bandColor, band: r.band.name })}
      <p class="big"><span data-testid="score">${score}</span>%</p>
    </div>
    <dl class="facts">
      <div>
        <dt>Verdict</dt>
        <dd data-testid="verdict" class="verdict ${r.ready ? "ready" : "not-ready"}">
          ${r.ready ? "Ready" : "Not ready"}
        </dd>
        <dd class="muted">
          threshold
          ${formatPercent(r.threshold)}${r.blockers.length > 0 ? `, ${r.blockers.length} ${r.blockers.length === 1 ? "blocker" : "blockers"}` : ""}
        </dd>
      </div>
      <div>
        <dt>Band</dt>
        <dd>
          <span class="chip" style="background:${safeCssColor(bandColor)}"></span
          ><span data-testid="band">${r.band.name}</span>
        </dd>
      </div>
      <div>
        <dt>Coverage</dt>
        <dd data-testid="coverage">${formatPercent(r.coverage)}</dd>
        <dd class="muted">of the weight had evidence</dd>
      </div>
      <div>
        <dt>Trend</dt>
        <dd>
          ${trend === null ? "no runs recorded" : trend.change === null ? "first recorded run" : `${trend.arrow} ${trend.change > 0 ? "+" : ""}${trend.change} since the last run`}
        </dd>
        ${trend ? html`<dd class="muted">average ${formatPercent(trend.average)} over ${trend.window} ${trend.window === 1 ? "run" : "runs"}</dd>` : ""}
      </div>
    </dl>
  </section>`;
}

function renderBlockers(blockers: readonly Blocker[], gates: readonly AssessedGate[], now: number): Html {
  const find = (b: Blocker): AssessedGate | undefined =>
    gates.find((g) => g.name === b.gate && g.category === b.category && g.line === b.line);
  const blocking = new Set(blockers.map(find));
  const others = gates
    .filter((g) => !blocking.has(g) && NOT_PASSING_ORDER.includes(g.outcome))
    .sort((a, b) => NOT_PASSING_ORDER.indexOf(a.outcome) - NOT_PASSING_ORDER.indexOf(b.outcome));
  const items = blockers.map((b) => {
    const gate = find(b);
    return html`<li data-testid="blocker">
      ${renderIssue(gate, b.gate, b.category, b.line, b.outcome, now)}${gate?.provenance.message ? "" : html`<p class="todo">${b.reason}</p>`}
    </li>`;
  });
  return html`<section aria-labelledby="h-blockers">
    <h2 id="h-blockers">Blockers (${blockers.length})</h2>
    <div data-testid="blockers">
      ${
        blockers.length === 0
          ? html`<p>No required gate blocks the release.</p>`
          : html`<ol class="items">
              ${items}
            </ol>`
      }
    </div>
    ${
      others.length === 0
        ? ""
        : html`<h3>Not passing (${others.length})</h3>
            <ol class="items">
              ${others.slice(0, OTHERS_LISTED).map((g) => html`<li>${renderIssue(g, g.name, g.category, g.line, g.outcome, now)}</li>`)}
            </ol>
            ${others.length > OTHERS_LISTED ? html`<p class="muted">and ${others.length - OTHERS_LISTED} more in the table below.</p>` : ""}`
    }
  </section>`;
}

/** A gate that needs attention: what it is, what to do, and the evidence to follow. */
function renderIssue(
  gate: AssessedGate | undefined,
  name: string,
  category: string,
  line: number,
  outcome: Outcome,
  now: number,
): Html {
  const evidence = gate?.evidence ?? [];
  const provenances: { provenance: Provenance; outcome: Outcome; details?: string[] }[] =
    evidence.length > 0 ? evidence : gate ? [{ provenance: gate.provenance, outcome: gate.outcome }] : [];
  return html`<strong>${name}</strong> ${renderOutcome(outcome, gate?.underlyingOutcome)}
    <small>${category} · line ${line}</small
    >${gate?.provenance.message ? html`<p class="todo">${gate.provenance.message}</p>` : ""}${provenances.map(
      (e) =>
        html`<div>
          <small>${e.provenance.kind}:</small> ${renderSource(e.provenance.source)}
          ${renderObserved(e.provenance.observedAt, now)}${
            evidence.length > 1 && e.provenance.message && e.outcome !== "pass"
              ? html`<div class="muted">${e.provenance.message}</div>`
              : ""
          }${
            e.details && e.details.length > 0
              ? html`<details>
                  <summary>Output (${e.details.length} ${e.details.length === 1 ? "line" : "lines"})</summary>
                  <pre>${e.details.slice(-DETAIL_LINES).join("\n")}</pre>
                </details>`
              : ""
          }
        </div>`,
    )}`;
}

function renderTrend({ result, history }: DashboardInput): Html {
  const categories = result.readiness.categories.filter((c) => c.gates.length > 0).map((c) => c.name);
  const recent = history.slice(-RUNS_LISTED).reverse();
  const offset = history.length - 1;
  return html`<section aria-labelledby="h-trend">
    <h2 id="h-trend">Trend</h2>
    ${renderTrendChart({ history, threshold: result.readiness.threshold, categories })}
    <ul class="legend">
      <li><span class="key"></span>Score</li>
      <li><span class="key t"></span>Threshold</li>
      ${categories.map((name, i) => html`<li><span class="key k${i % CATEGORY_COLORS}"></span>${name}</li>`)}
    </ul>
    ${
      recent.length === 0
        ? ""
        : html`<details>
            <summary>Last ${recent.length} ${recent.length === 1 ? "run" : "runs"}</summary>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Score</th>
                    <th scope="col">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  ${recent.map((run, i) => {
                    const parts = describeRun(history, offset - i).split(" · ");
                    return html`<tr>
                      <th scope="row">${parts.slice(0, 2).join(" · ")}</th>
                      <td>${formatPercent(run.score)}${run.ready ? " ready" : ""}</td>
                      <td>${parts.slice(3).join(" · ") || "—"}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>
          </details>`
    }
  </section>`;
}

function renderCiSnapshotSection(snapshot: CiSnapshot | undefined, now: number): Html {
  if (!snapshot) {
    return html`<section data-testid="ci-snapshot" aria-labelledby="h-ci">
      <h2 id="h-ci">CI snapshot</h2>
      <p class="muted">
        No CI snapshot: the checklist has no CI_SNAPSHOT markers, evidence was not collected, or GitHub could
        not be reached (see the warnings).
      </p>
    </section>`;
  }
  const rate =
    snapshot.successRate === null
      ? "no finished runs"
      : `${formatPercent(snapshot.successRate)} of ${snapshot.counted} ${snapshot.counted === 1 ? "run" : "runs"} passed`;
  const rows = snapshot.workflows.map((w) => {
    const runs: readonly CiRun[] = w.runs ?? (w.last ? [w.last] : []);
    return html`<tr>
      <th scope="row">${renderLink(w.url, w.name)}</th>
      <td data-label="Recent runs">
        <ol class="strip" aria-label="${`recent runs of ${w.name}, newest first`}">
          ${runs.map((run) => html`<li>${renderRunMark(run)}</li>`)}
        </ol>
      </td>
      <td data-label="Pass rate">
        ${w.passRate === null ? "—" : html`${formatPercent(w.passRate)} <small>(${w.passed}/${w.counted})</small>`}
      </td>
      <td data-label="Duration">${w.durationMs === null ? "—" : formatDuration(w.durationMs)}</td>
      <td data-label="Last run">${w.last ? renderObserved(w.last.startedAt, now) : "—"}</td>
    </tr>`;
  });
  return html`<section data-testid="ci-snapshot" aria-labelledby="h-ci">
    <h2 id="h-ci">CI snapshot</h2>
    <p>
      <strong>${snapshot.health}</strong> · ${rate} on <code>${snapshot.branch}</code> ·
      ${renderLink(snapshot.actionsUrl, `${snapshot.repo} Actions`)} · observed
      ${renderObserved(snapshot.observedAt, now)}
    </p>
    ${
      snapshot.workflows.length === 0
        ? html`<p>No workflows found.</p>`
        : html`<div class="table-wrap">
            <table class="gates">
              <thead>
                <tr>
                  <th scope="col">Workflow</th>
                  <th scope="col">Recent runs (newest first)</th>
                  <th scope="col">Pass rate</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Last run</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function renderRunMark(run: CiRun): Html {
  const state = run.conclusion === null ? "running" : run.conclusion;
  const kind =
    state === "success" || state === "running" || state === "cancelled" || state === "skipped"
      ? state
      : ["failure", "timed_out", "startup_failure"].includes(state)
        ? "failure"
        : "other";
  const text = `${run.title ? `${run.title}: ` : ""}${state.replace(/_/g, " ")}, ${formatTime(run.startedAt)}`;
  const url = safeUrl(run.url);
  return url
    ? html`<a class="r-${kind}" href="${url}" title="${text}"><span class="vh">${text}</span></a>`
    : html`<span class="r-${kind}" title="${text}"><span class="vh">${text}</span></span>`;
}

function renderCategories({ result }: DashboardInput, now: number): Html {
  const categories = result.readiness.categories.filter((c) => c.gates.length > 0);
  return html`<section aria-labelledby="h-categories">
    <h2 id="h-categories">Categories and gates</h2>
    ${categories.map((c, i) => {
      const id = `cat-${i}`;
      return html`<div data-testid="category" class="category" role="group" aria-labelledby="${id}">
        <div class="cat-head">
          <h3 id="${id}">${c.name}</h3>
          <strong>${c.score === null ? "n/a" : formatPercent(c.score)}</strong
          ><small>${c.passed}/${c.total} passing · weight ${c.weight}${c.required ? " · required" : ""}</small
          ><span class="bar" aria-hidden="true"
            ><span style="width:${Math.max(0, Math.min(100, c.score ?? 0))}%"></span
          ></span>
        </div>
        <div class="table-wrap">
          <table class="gates">
            <thead>
              <tr>
                <th scope="col">Gate</th>
                <th scope="col">Outcome</th>
                <th scope="col">Source</th>
                <th scope="col">Observed</th>
              </tr>
            </thead>
            <tbody>
              ${c.gates.map(
                (g) =>
                  html`<tr data-testid="gate-row" data-outcome="${g.outcome}">
                    <th scope="row">${g.name}${g.required ? html` <small>required</small>` : ""}</th>
                    <td data-label="Outcome">${renderOutcome(g.outcome, g.underlyingOutcome)}</td>
                    <td data-label="Source">
                      <small>${g.provenance.kind}</small>
                      ${renderSource(g.provenance.source)}${g.outcome !== "pass" && g.provenance.message ? html`<div class="muted">${g.provenance.message}</div>` : ""}
                    </td>
                    <td data-label="Observed">${renderObserved(g.provenance.observedAt, now)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>`;
    })}
  </section>`;
}

function renderWaivers(gates: readonly AssessedGate[], expired: readonly string[]): Html {
  const waived = gates.filter((g) => g.waiver);
  if (waived.length === 0 && expired.length === 0) return html``;
  return html`<section aria-labelledby="h-waivers">
    <h2 id="h-waivers">Waivers (${waived.length})</h2>
    ${
      waived.length === 0
        ? ""
        : html`<div class="table-wrap">
            <table class="gates">
              <thead>
                <tr>
                  <th scope="col">Gate</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Approver</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                ${waived.map(
                  (g) =>
                    html`<tr>
                      <th scope="row">${g.name} <small>${g.category}</small></th>
                      <td data-label="Reason">${g.waiver!.reason}</td>
                      <td data-label="Approver">${g.waiver!.approver}</td>
                      <td data-label="Expires">
                        <time datetime="${g.waiver!.expires}">${g.waiver!.expires}</time>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${
      expired.length === 0
        ? ""
        : html`<h3>Expired</h3>
            <ul>
              ${expired.map((m) => html`<li>${m}</li>`)}
            </ul>`
    }
  </section>`;
}

function renderWarnings(warnings: DashboardInput["result"]["warnings"], checklist: string): Html {
  if (warnings.length === 0) return html``;
  return html`<section aria-labelledby="h-warnings">
    <h2 id="h-warnings">Warnings (${warnings.length})</h2>
    <ul>
      ${warnings.slice(0, WARNINGS_LISTED).map((w) => html`<li><small>${w.file ?? checklist}${w.line === undefined ? "" : `:${w.line}`}</small> ${w.message}</li>`)}
    </ul>
    ${warnings.length > WARNINGS_LISTED ? html`<p class="muted">and ${warnings.length - WARNINGS_LISTED} more: run shipready score to list them all.</p>` : ""}
  </section>`;
}

function renderOutcome(outcome: Outcome, underlying?: Outcome): Html {
  const css = outcome === "n/a" ? "na" : outcome;
  return html`<span class="o o-${css}">${outcome}${underlying ? ` (was ${underlying})` : ""}</span>`;
}

/** A source a person can follow: a link when it is a web address, else the command or file as text. */
function renderSource(source: string): Html {
  return safeUrl(source) ? renderLink(source, source) : html`<code>${source}</code>`;
}

function renderLink(url: string, text: string): Html {
  const safe = safeUrl(url);
  return safe ? html`<a href="${safe}">${text}</a>` : html`${text}`;
}

function renderObserved(observedAt: string | null, now: number): Html {
  if (observedAt === null) return html`<small>not recorded</small>`;
  const at = Date.parse(observedAt);
  if (!Number.isFinite(at)) return html`${observedAt}`;
  const age = now - at;
  const stale = age > STALE_AFTER_MS;
  return html`<time datetime="${observedAt}">${formatTime(observedAt)}</time> <small${stale ? raw(' class="stale"') : ""}>${stale ? "stale, " : ""}${formatAge(age)}</small>`;
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

function safeCssColor(color: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(color) ? color : "#767676";
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function formatAge(ms: number): string {
  if (ms < 0) return "just now";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

function categorySource(source: DashboardInput["result"]["config"]["categories"]): string {
  return source === "configured"
    ? "categories from shipready.yml"
    : source === "seed"
      ? "categories from the seed scheme"
      : "one category per heading";
}
