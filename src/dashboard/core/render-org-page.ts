import { LEVEL_NAMES, METRIC_TITLES } from "../../metrics/core/describe-metrics.js";
import {
  METRIC_NAMES,
  PERFORMANCE_LEVELS,
  type MetricName,
  type OrganisationEntry,
  type PerformanceLevel,
} from "../../metrics/types.js";
import { markup, raw, type Html } from "../../shared/html-template.js";
import type { OrgPageInput, OrgSortKey } from "../types.js";
import { formatTime, renderLink } from "./render-metrics-section.js";
import { renderNav, renderPlainPage } from "./render-metrics-page.js";

const SHORT_TITLES: Record<MetricName, string> = {
  deploymentFrequency: "Deploy frequency",
  changeLeadTime: "Lead time",
  changeFailRate: "Fail rate",
  recoveryTime: "Recovery time",
  reworkRate: "Rework rate",
};

/** The level of one metric of a repository; null when it has none. */
export function levelOf(entry: OrganisationEntry, name: MetricName): PerformanceLevel | null {
  return entry.ok ? entry.report.metrics[name].level.level : null;
}

/**
 * The repositories in the order asked: by name, by readiness (score, verdict, when) or by a
 * metric's level (elite first when ascending). Repositories without the value go last either way;
 * ties keep the order by name.
 */
export function sortOrgEntries(
  entries: readonly OrganisationEntry[],
  key: OrgSortKey,
  descending: boolean,
): OrganisationEntry[] {
  const valueOf = (e: OrganisationEntry): string | number | null => {
    switch (key) {
      case "repo":
        return e.repo.toLowerCase();
      case "score":
        return e.readiness?.score ?? null;
      case "verdict":
        return e.readiness?.verdict ?? null;
      case "at":
        return e.readiness?.at ?? null;
      default: {
        const level = levelOf(e, key);
        return level === null ? null : PERFORMANCE_LEVELS.indexOf(level);
      }
    }
  };
  const byName = [...entries].sort((a, b) => a.repo.localeCompare(b.repo));
  return byName
    .map((entry, i) => ({ entry, i, value: valueOf(entry) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.i - b.i : a.value === null ? 1 : -1;
      const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return (descending ? -order : order) || a.i - b.i;
    })
    .map((x) => x.entry);
}

/**
 * `serve --org`: every repository in the store side by side, with its readiness as last kept and
 * the level of each DORA metric over the period; each links to its metrics page. The column heads
 * sort the table (plain links: no script), and say which way it is sorted.
 */
export function renderOrgPage(input: OrgPageInput): string {
  const nav = renderNav("org", { org: true, readiness: false });
  const form = markup`<form class="filters" method="get" action="/" data-testid="filters"><input type="hidden" name="sort" value="${input.sort}"><input type="hidden" name="dir" value="${input.descending ? "desc" : "asc"}"><label>Period <input name="since" value="${input.since}" size="12"></label><label>Environment <input name="env" value="${input.environment}" size="14"></label><button type="submit">Show</button></form>`;
  const main: Html[] = [markup`<section aria-label="Period and environment">${form}</section>`];
  if (input.empty || !input.report) {
    const empty = input.empty ?? { problem: "No repository is in the store.", fix: "" };
    main.push(
      markup`<section data-testid="org-empty"><p><strong>${empty.problem}</strong></p><p>${empty.fix}</p></section>`,
    );
  } else {
    main.push(renderTable(input), renderLevelCounts(input));
  }
  return renderPlainPage({
    title: "Organisation: readiness and delivery · shipready",
    heading: "Organisation · readiness and delivery",
    header: [nav],
    main,
  });
}

function renderTable(input: OrgPageInput): Html {
  const report = input.report!;
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ since: input.since, env: input.environment, ...extra }).toString()}`;
  const head = (key: OrgSortKey, text: string) => {
    const current = input.sort === key;
    const next = current && !input.descending ? "desc" : "asc";
    const sort = current ? (input.descending ? "descending" : "ascending") : null;
    return markup`<th scope="col"${raw(sort ? ` aria-sort="${sort}"` : "")}><a class="sort" href="${query({ sort: key, dir: next })}">${text}${current ? (input.descending ? " ▼" : " ▲") : ""}</a></th>`;
  };
  const rows = sortOrgEntries(report.repos, input.sort, input.descending).map((e) => {
    const r = e.readiness;
    const link = `/metrics${query({ repo: e.repo })}`;
    const levels = METRIC_NAMES.map((name) => {
      const level = levelOf(e, name);
      return level === null
        ? markup`<td data-label="${SHORT_TITLES[name]}" data-metric="${name}"><span class="o o-na">—</span></td>`
        : markup`<td data-label="${SHORT_TITLES[name]}" data-metric="${name}"><span class="o lv-${level}">${LEVEL_NAMES[level]}</span></td>`;
    });
    const problem = e.ok ? "" : markup`<div class="muted" data-testid="problem">${e.problem}</div>`;
    return markup`<tr data-testid="org-repo" data-repo="${e.repo}"><th scope="row"><a href="${link}">${e.repo}</a>${problem}</th><td data-label="Score" data-testid="score">${r ? `${Number(r.score.toFixed(1))}%` : "—"}</td><td data-label="Band">${r ? renderLink(r.url, r.band) : "—"}</td><td data-label="Verdict" data-testid="verdict">${r ? r.verdict : "—"}</td><td data-label="Scored">${r ? markup`<time datetime="${r.at}">${formatTime(r.at)}</time>` : "—"}</td>${levels}</tr>`;
  });
  return markup`<section aria-labelledby="h-org"><h2 id="h-org">Repositories (${report.repos.length})</h2><p class="muted">${report.environment}, ${report.period.since.slice(0, 10)} to ${report.period.until.slice(0, 10)} · levels from ${renderLink(report.report.url, report.report.title)}</p><div class="table-wrap"><table class="gates" data-testid="org-table"><thead><tr>${head("repo", "Repository")}${head("score", "Readiness")}<th scope="col">Band</th>${head("verdict", "Verdict")}${head("at", "Scored")}${METRIC_NAMES.map((name) => head(name, SHORT_TITLES[name]))}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function renderLevelCounts(input: OrgPageInput): Html {
  const levels = input.report!.levels;
  const rows = METRIC_NAMES.map((name) => {
    const counts = levels[name];
    const cells = [...PERFORMANCE_LEVELS, "unrated" as const].map(
      (level) =>
        markup`<td data-label="${level === "unrated" ? "Not rated" : LEVEL_NAMES[level]}">${counts[level] ?? 0}</td>`,
    );
    return markup`<tr><th scope="row">${METRIC_TITLES[name]}</th>${cells}</tr>`;
  });
  return markup`<section aria-labelledby="h-levels"><h2 id="h-levels">Repositories at each level</h2><div class="table-wrap"><table class="gates" data-testid="org-levels"><thead><tr><th scope="col">Metric</th><th scope="col">Elite</th><th scope="col">High</th><th scope="col">Medium</th><th scope="col">Low</th><th scope="col">Not rated</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}
