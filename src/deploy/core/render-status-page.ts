import { DASHBOARD_CSS } from "../../dashboard/core/dashboard-css.js";
import { dashboardContentSecurityPolicy } from "../../dashboard/core/dashboard-content-security-policy.js";
import { describeDuration } from "../../shared/describe-duration.js";
import { markup, raw, type Html } from "../../shared/html-template.js";
import { formatUtc } from "./describe-deploy.js";
import type { PublicEnvironmentStatus, PublicIncident, PublicState } from "./summarize-public-status.js";

export interface StatusPageInput {
  /** The page's heading. */
  title: string;
  environments: readonly PublicEnvironmentStatus[];
  /** ISO time the page was made. */
  now: string;
  /** How many days of incidents it lists. */
  days: number;
}

const STATES: Record<PublicState, { label: string; chip: string; says: string }> = {
  operational: { label: "Operational", chip: "o-pass", says: "Working as expected." },
  degraded: {
    label: "Degraded",
    chip: "o-warn",
    says: "A new version is being verified, or the last deploy did not finish; it may not work as expected.",
  },
  "rolled-back": {
    label: "Rolled back",
    chip: "o-pending",
    says: "A new version did not pass its checks and was taken back; the earlier version runs.",
  },
  down: {
    label: "Down",
    chip: "o-fail",
    says: "Taking back a faulty version did not finish; the team is on it.",
  },
  unknown: { label: "No data", chip: "o-inconclusive", says: "No deploy has been recorded yet." },
};

/** The page's own additions to the dashboard's style sheet. */
const STATUS_CSS =
  ".status-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px}.status-head h2{margin:0}" +
  ".status-head .o{font-size:1em}.overall{font-size:1.1em;font-weight:600}" +
  ".incidents{list-style:none;padding:0;margin:.4em 0 0}.incidents li{border-top:1px solid var(--line);padding:6px 0}";

/**
 * The public status page: one self-contained HTML file (the dashboard's styles, no script, nothing
 * loaded from anywhere) showing each public environment's state, its version and its recent
 * incidents with their times. It is drawn from PublicEnvironmentStatus alone, which holds nothing a
 * visitor may not see; every text is escaped.
 */
export function renderStatusPage(input: StatusPageInput): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="${dashboardContentSecurityPolicy(null)}">
<title>${input.title}</title>
<style>${raw(DASHBOARD_CSS)}${raw(STATUS_CSS)}</style>
</head>
<body>
<a class="skip" href="#status">Skip to the status</a>
<header>
<h1>${input.title}</h1>
<p>Updated <time datetime="${input.now}">${formatUtc(input.now)}</time></p>
</header>
<main id="status">
${renderOverall(input.environments)}
${input.environments.map((e, i) => renderEnvironment(e, i, input.days))}
</main>
<footer><p>Times are in UTC. Incidents of the last ${input.days} days are listed.</p></footer>
</body>
</html>
`.toString();
}

function renderOverall(environments: readonly PublicEnvironmentStatus[]): Html {
  const worst = (["down", "degraded", "rolled-back", "unknown"] as const).find((s) =>
    environments.some((e) => e.state === s),
  );
  const text =
    environments.length === 0
      ? "No environment is published."
      : worst === undefined
        ? "All systems operational."
        : worst === "down"
          ? "Some systems are down."
          : worst === "degraded"
            ? "Some systems are degraded."
            : worst === "rolled-back"
              ? "A recent change was rolled back; all systems run their earlier version."
              : "Some systems have no recorded deploy yet.";
  return markup`<section aria-labelledby="h-overall"><h2 id="h-overall" class="vh">Overall</h2><p class="overall" data-testid="overall">${text}</p></section>`;
}

function renderEnvironment(e: PublicEnvironmentStatus, i: number, days: number): Html {
  const state = STATES[e.state];
  const link = safeUrl(e.url);
  const facts = [
    e.version === null ? null : markup`Version <strong data-testid="version">${e.version}</strong>`,
    link === null ? null : markup`<a href="${link}">${e.url}</a>`,
    e.since === null ? null : markup`since <time datetime="${e.since}">${formatUtc(e.since)}</time>`,
  ].filter((f): f is Html => f !== null);
  const incidents =
    e.incidents.length === 0
      ? markup`<p class="muted">No incidents in the last ${days} days.</p>`
      : markup`<ol class="incidents">${e.incidents.map((x) => markup`<li data-testid="incident">${renderIncident(x)}</li>`)}</ol>`;
  return markup`<section data-testid="environment" aria-labelledby="env-${i}">
<div class="status-head"><h2 id="env-${i}">${e.name}</h2><span class="o ${state.chip}" data-testid="state">${state.label}</span></div>
<p>${state.says}${facts.length > 0 ? markup` ${joinFacts(facts)}` : ""}</p>
<h3>Recent incidents</h3>
${incidents}
</section>`;
}

function renderIncident(x: PublicIncident): Html {
  const when = markup`<time datetime="${x.startedAt}">${formatUtc(x.startedAt)}</time>`;
  const took = x.rollbackMs === null ? "" : ` in ${describeDuration(x.rollbackMs)}`;
  switch (x.kind) {
    case "rolled-back":
      return markup`${when}: ${x.version} did not pass its checks and was rolled back${x.restored ? ` to ${x.restored}` : ""}${took}.`;
    case "rollback-failed":
      return markup`${when}: ${x.version} did not pass its checks, and rolling it back did not finish.`;
    case "verification-failed":
      return markup`${when}: ${x.version} did not pass its checks.`;
  }
}

function joinFacts(facts: readonly Html[]): Html {
  return markup`${facts.map((f, i) => (i === 0 ? f : markup` · ${f}`))}`;
}

/** Only web links are made clickable. */
function safeUrl(url: string | null): string | null {
  if (url === null || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return null;
  return new URL(url).href;
}
