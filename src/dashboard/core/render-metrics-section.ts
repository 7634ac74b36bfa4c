import {
  deployName,
  describeMetrics,
  hours,
  listFailedDeploys,
  percent,
  type MetricRow,
} from "../../metrics/core/describe-metrics.js";
import { describeHours } from "../../metrics/core/rate-levels.js";
import type { MetricsReport } from "../../metrics/types.js";
import { markup, raw, type Html } from "../../shared/html-template.js";
import type { MetricsView } from "../types.js";
import { renderWeeklyChart, type WeeklySeries } from "./render-weekly-chart.js";

/** Failed deploys listed; the rest are counted (`shipready metrics --explain` lists all). */
const FAILED_LISTED = 50;

const SERIES: WeeklySeries[] = [
  { id: "deploys", title: "Deploys", value: (w) => w.deploys, format: (v) => String(Math.round(v)) },
  {
    id: "lead-time",
    title: "Change lead time (median)",
    value: (w) => w.leadTime.median,
    format: (v) => describeHours(v / 3600),
  },
  {
    id: "fail-rate",
    title: "Change fail rate",
    value: (w) => w.changeFailRate,
    format: (v) => percent(v),
  },
  {
    id: "recovery",
    title: "Recovery time (median)",
    value: (w) => w.recoveryTime.median,
    format: (v) => describeHours(v / 3600),
  },
  { id: "rework", title: "Rework rate", value: (w) => w.reworkRate, format: (v) => percent(v) },
];

/**
 * Delivery performance as parts of a page, each under a heading of the given level: the five
 * metrics with their level and the band used, the weekly trends, and the failed deploys with their
 * incidents and recovery time. An empty store or a repository without deploys says what to record.
 */
export function renderMetricsParts(view: MetricsView, level: 2 | 3): Html[] {
  const h = (id: string, text: string) => raw(`<h${level} id="${id}">${text}</h${level}>`);
  if (view.kind === "empty") {
    return [
      markup`<div data-testid="metrics-empty"><p><strong>${view.problem}</strong></p><p>${view.fix}</p></div>`,
    ];
  }
  const { report } = view;
  return [
    markup`<div class="metrics-part" aria-labelledby="h-m-five" data-testid="metrics-five">${h("h-m-five", "The five metrics")}${renderPeriod(report)}${renderTable(report)}</div>`,
    markup`<div class="metrics-part" aria-labelledby="h-m-weeks">${h("h-m-weeks", "Weekly trends")}${renderWeeks(report)}</div>`,
    markup`<div class="metrics-part" aria-labelledby="h-m-failed" data-testid="failed-deploys">${h("h-m-failed", "Failed deploys")}${renderFailed(report)}</div>`,
    ...(report.skew.length > 0 || report.warnings.length > 0 ? [renderNotes(report, level)] : []),
  ];
}

function renderPeriod(report: MetricsReport): Html {
  return markup`<p data-testid="metrics-period"><strong>${report.repo}</strong> in <strong>${report.environment}</strong> (${report.matches.join(", ")}), ${report.period.since.slice(0, 10)} to ${report.period.until.slice(0, 10)} (${Number(report.period.days.toFixed(1))} days) · levels from ${renderLink(report.report.url, report.report.title)}</p>`;
}

function renderTable(report: MetricsReport): Html {
  const rows = describeMetrics(report).map((row) => renderRow(row));
  const unchecked = describeMetrics(report).some((r) => r.level !== null && r.unchecked)
    ? markup`<p class="muted">* the band used is marked unchecked in the report data: it was recalled, not compared with the report.</p>`
    : "";
  return markup`<div class="table-wrap"><table class="gates metrics-table"><thead><tr><th scope="col">Metric</th><th scope="col">Figure</th><th scope="col">Median</th><th scope="col">p90</th><th scope="col">Behind it</th><th scope="col">Level</th></tr></thead><tbody>${rows}</tbody></table></div>${unchecked}`;
}

function renderRow(row: MetricRow): Html {
  const level =
    row.level === null
      ? markup`<span class="o o-na" data-testid="level">not rated</span>`
      : markup`<span class="o lv-${row.levelKey ?? ""}" data-testid="level">${row.level}${row.unchecked ? "*" : ""}</span>`;
  const band = row.band === null ? "" : markup`<div class="muted" data-testid="band">band: ${row.band}</div>`;
  const figure = row.ok ? markup`${row.figure}` : markup`<span class="muted">${row.figure}</span>`;
  return markup`<tr data-testid="metric" data-metric="${row.name}"><th scope="row">${row.title}</th><td data-label="Figure" data-testid="figure">${figure}</td><td data-label="Median" data-testid="median">${row.median || "—"}</td><td data-label="p90" data-testid="p90">${row.p90 || "—"}</td><td data-label="Behind it" data-testid="count">${row.count}</td><td data-label="Level">${level}${band}<div class="muted" data-testid="reason">${row.reason}</div></td></tr>`;
}

function renderWeeks(report: MetricsReport): Html {
  if (report.weeks.length === 0) return markup`<p class="muted">The period has no week.</p>`;
  const charts = SERIES.map(
    (s) =>
      markup`<figure class="vchart-box"><figcaption>${s.title}</figcaption>${renderWeeklyChart(report.weeks, s)}</figure>`,
  );
  const rows = [...report.weeks]
    .reverse()
    .map(
      (w) =>
        markup`<tr><th scope="row">${w.week}${w.whole ? "" : " (part)"}</th><td data-label="Deploys">${w.deploys}</td><td data-label="Failed">${w.deploys === 0 ? "—" : `${w.failed} (${percent(w.changeFailRate)})`}</td><td data-label="Rework">${w.deploys === 0 ? "—" : `${w.rework} (${percent(w.reworkRate)})`}</td><td data-label="Lead time">${w.leadTime.count === 0 ? "—" : `${hours(w.leadTime.median)} (${w.leadTime.count})`}</td><td data-label="Recovery">${w.recoveryTime.count === 0 ? "—" : `${hours(w.recoveryTime.median)} (${w.recoveryTime.count})`}</td></tr>`,
    );
  return markup`<div class="vcharts">${charts}</div><details><summary>The weeks as a table</summary><div class="table-wrap"><table class="gates"><thead><tr><th scope="col">Week</th><th scope="col">Deploys</th><th scope="col">Failed</th><th scope="col">Rework</th><th scope="col">Lead time (median)</th><th scope="col">Recovery (median)</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function renderFailed(report: MetricsReport): Html {
  const failed = listFailedDeploys(report);
  if (failed.length === 0) return markup`<p>No deploy of the period failed.</p>`;
  const rows = failed.slice(0, FAILED_LISTED).map(({ deploy, incidents, recovery }) => {
    const incidentCells =
      incidents.length === 0
        ? markup`<span class="muted">none linked</span>`
        : markup`<ul class="plain">${incidents.map(
            (i) =>
              markup`<li data-testid="incident">${renderLink(i.url, i.title ?? i.ref)} <small>${i.ref} · opened ${formatTime(i.openedAt)} · ${i.why}</small></li>`,
          )}</ul>`;
    return markup`<tr data-testid="failed-deploy"><th scope="row">${renderLink(deploy.url, deployName(deploy))} <small>${deploy.ref}</small></th><td data-label="When"><time datetime="${deploy.finishedAt}">${formatTime(deploy.finishedAt)}</time></td><td data-label="Why failed">${deploy.failures.join("; ")}</td><td data-label="Incident">${incidentCells}</td><td data-label="Recovery" data-testid="recovery">${recovery}${deploy.recoveryWhy ? markup`<div class="muted">${deploy.recoveryWhy}</div>` : ""}</td></tr>`;
  });
  const more =
    failed.length > FAILED_LISTED
      ? markup`<p class="muted">and ${failed.length - FAILED_LISTED} more: shipready metrics --explain lists them all.</p>`
      : "";
  return markup`<div class="table-wrap"><table class="gates"><thead><tr><th scope="col">Deploy</th><th scope="col">When</th><th scope="col">Why it failed</th><th scope="col">Incident</th><th scope="col">Recovery time</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`;
}

function renderNotes(report: MetricsReport, level: 2 | 3): Html {
  const skew = report.skew.map((s) => markup`<li>clock skew, not counted: ${s.ref}: ${s.detail}</li>`);
  const notes = report.warnings.map((w) => markup`<li>${w}</li>`);
  return markup`<div class="metrics-part" aria-labelledby="h-m-notes">${raw(`<h${level} id="h-m-notes">Notes</h${level}>`)}<ul>${skew}${notes}</ul></div>`;
}

/** Only web links are made clickable: a javascript: or data: address from outside stays text. */
export function renderLink(url: string | null, text: string): Html {
  if (url === null || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return markup`${text}`;
  return markup`<a href="${new URL(url).href}">${text}</a>`;
}

export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
