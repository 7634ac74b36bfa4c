import { describeDuration } from "../../shared/describe-duration.js";
import { markup, raw, type Html } from "../../shared/html-template.js";
import {
  describeJudgement,
  displayVersion,
  formatUtc,
  millisBetween,
  rollbackEnds,
} from "../../deploy/core/describe-deploy.js";
import type { DeployOutcome, DeployRecord, MetricResult } from "../../deploy/types.js";
import type { DashboardDeploys } from "../types.js";
import { renderVerificationChart } from "./render-verification-chart.js";

/** Charts drawn per deploy; the other metrics are listed in words. */
const CHARTS_PER_DEPLOY = 4;

const OUTCOMES: Record<DeployOutcome, { word: string; chip: string }> = {
  running: { word: "running", chip: "o-pending" },
  succeeded: { word: "succeeded", chip: "o-pass" },
  failed: { word: "failed", chip: "o-fail" },
  "rolled-back": { word: "rolled back", chip: "o-warn" },
  "rollback-failed": { word: "rollback failed", chip: "o-fail" },
  interrupted: { word: "interrupted", chip: "o-inconclusive" },
  inconclusive: { word: "inconclusive", chip: "o-inconclusive" },
};

/**
 * The last deploys of each environment, newest first: outcome, version, when, by whom, why it was
 * rolled back, and each metric's verification chart (its samples against the bound). With no record
 * yet it says how to make one.
 */
export function renderDeploysSection(deploys: DashboardDeploys): Html {
  const head = raw(
    `<section data-testid="deploys" aria-labelledby="h-deploys"><h2 id="h-deploys">Deploys</h2>`,
  );
  const any = deploys.environments.some((e) => e.deploys.length > 0);
  if (!any) {
    const first = deploys.environments[0]?.name ?? "production";
    return markup`${head}<p data-testid="no-deploys">No deploy recorded yet in <code>${deploys.source}</code>. <code>shipready deploy --env ${first}</code> deploys, verifies over the window and records it here, with its verification chart.</p></section>`;
  }
  const groups = deploys.environments.map((env, i) => {
    const url = safeUrl(env.url);
    const list =
      env.deploys.length === 0
        ? markup`<p class="muted">No deploy recorded yet.</p>`
        : markup`<ol class="items">${env.deploys.map((d, j) => renderDeploy(d, `vc-${i}-${j}`))}</ol>`;
    return markup`<div class="deploy-env" role="group" aria-labelledby="dep-${i}"><div class="cat-head"><h3 id="dep-${i}">${env.name}</h3>${url ? markup`<a href="${url}">${env.url}</a>` : ""}<small>${env.deploys.length === 1 ? "the last deploy" : `the last ${env.deploys.length} deploys`}</small></div>${list}</div>`;
  });
  return markup`${head}
${groups}
<p class="muted">From <code>${deploys.source}</code>. In a chart, a filled dot met the bound (dashed), a hollow square did not; grey is the baseline before the deploy.</p>
</section>`;
}

function renderDeploy(d: DeployRecord, id: string): Html {
  const outcome = OUTCOMES[d.outcome];
  const { from, to } = rollbackEnds(d);
  const took = millisBetween(d.startedAt, d.endedAt);
  const what =
    d.kind === "rollback"
      ? markup`rollback of <strong>${displayVersion(from.version, from.commit)}</strong>${to ? markup` to <strong>${displayVersion(to.version, to.commit)}</strong>` : ""}`
      : markup`<strong>${displayVersion(d.version, d.commit)}</strong>${d.kind === "deploy" ? "" : ` ${d.kind}`}`;
  const facts = [
    `started ${formatUtc(d.startedAt)}`,
    ...(took === null ? [] : [describeDuration(took)]),
    ...(d.actor ? [`by ${d.actor}`] : []),
  ].join(" · ");
  const why = d.rollback ? markup`<p class="todo">${d.rollback.trigger}: ${d.rollback.reason}</p>` : "";
  const links = [
    d.incident && safeUrl(d.incident.url)
      ? markup`<a href="${safeUrl(d.incident.url)!}">incident #${d.incident.number}</a>`
      : null,
    d.runUrl && safeUrl(d.runUrl) ? markup`<a href="${safeUrl(d.runUrl)!}">CI run</a>` : null,
  ].filter((l): l is Html => l !== null);
  const charted = d.metrics.filter((m) => m.samples.length > 0).slice(0, CHARTS_PER_DEPLOY);
  const rest = d.metrics.filter((m) => !charted.includes(m));
  return markup`<li data-testid="deploy" data-outcome="${d.outcome}">${what} <span class="o ${outcome.chip}">${outcome.word}</span> <small>${facts}</small>${links.length > 0 ? markup` <small>${joinHtml(links)}</small>` : ""}${why}${charted.length > 0 ? markup`<div class="vcharts">${charted.map((m, k) => renderMetric(m, `${id}-${k}`))}</div>` : ""}${rest.length > 0 ? markup`<ul>${rest.map((m) => markup`<li>${m.name} <span class="o o-${verdictClass(m)}">${m.verdict}</span> ${m.reason}</li>`)}</ul>` : ""}${renderSteps(d)}</li>`;
}

function renderMetric(m: MetricResult, id: string): Html {
  return markup`<figure class="vchart-box"><figcaption>${m.name} <span class="o o-${verdictClass(m)}">${m.verdict}</span> <small>${describeJudgement(m.judgement)}</small></figcaption>${renderVerificationChart(m, id)}<p class="muted">${m.reason}</p></figure>`;
}

function renderSteps(d: DeployRecord): Html | string {
  if (d.steps.length === 0) return "";
  const rows = d.steps.map((s) => {
    const took = millisBetween(s.startedAt, s.endedAt);
    return markup`<tr><th scope="row">${s.name}</th><td data-label="Outcome">${s.status}</td><td data-label="Took">${took === null ? "—" : describeDuration(took)}</td></tr>`;
  });
  return markup`<details><summary>Steps (${d.steps.length})</summary><div class="table-wrap"><table class="gates"><thead><tr><th scope="col">Step</th><th scope="col">Outcome</th><th scope="col">Took</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function verdictClass(m: MetricResult): string {
  return m.verdict === "pass" ? "pass" : m.verdict === "fail" ? "fail" : "inconclusive";
}

function joinHtml(pieces: readonly Html[]): Html {
  return markup`${pieces.map((piece, i) => (i === 0 ? piece : markup` · ${piece}`))}`;
}

/** Only web links are made clickable: a javascript: or data: address from outside stays text. */
function safeUrl(url: string | null): string | null {
  if (url === null || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return null;
  return new URL(url).href;
}
