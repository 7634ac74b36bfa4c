import type { ExtraPage } from "../dashboard/start-dashboard-server.js";
import { parseMetricsQuery } from "../dashboard/core/parse-metrics-query.js";
import { renderBadRequestPage, renderMetricsPage } from "../dashboard/core/render-metrics-page.js";
import { renderOrgPage } from "../dashboard/core/render-org-page.js";
import { pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { measureOrganisation } from "../metrics/measure-organisation.js";
import { storedChangeHistory } from "../metrics/stored-change-history.js";
import type { GlobalOptions } from "./main.js";
import { resolveMetricsSetup } from "./open-metrics-context.js";
import { readMetricsView } from "./read-metrics-view.js";

/**
 * The metrics page of `shipready serve`: /metrics?since=90d&env=production&repo=o/a, drawn for each
 * request from shipready.yml and the store as they are then (the store open only while it is read).
 */
export function metricsPage(
  opts: GlobalOptions & { repo?: string },
  nav: { org: boolean; readiness: boolean },
): ExtraPage {
  return {
    path: "/metrics",
    async render(query) {
      const setup = await resolveMetricsSetup(opts);
      const parsed = parseMetricsQuery(query, setup.ports.clock.now().getTime());
      if (!parsed.ok) return { status: 400, html: renderBadRequestPage(parsed.problem, parsed.fix, nav) };
      const repo = parsed.query.repo ?? setup.repo;
      const { view, environments, environment } = await readMetricsView(setup, {
        repo,
        env: parsed.query.env,
        period: parsed.query.period,
      });
      return {
        status: 200,
        html: renderMetricsPage({ view, repo, since: parsed.query.since, environment, environments, nav }),
      };
    },
  };
}

const NO_REPOSITORIES_FIX = `Collect repositories with \`shipready metrics sync --repo OWNER/A --repo OWNER/B\` into one store, or record and import each one's events (\`shipready record deploy --repo OWNER/A\`, \`shipready metrics import events.json --repo OWNER/A\`).`;

/**
 * The organisation page of `shipready serve --org`: /?since=90d&env=production&sort=score&dir=desc,
 * every repository in the store side by side (measureOrganisation), drawn per request with the store
 * open only while it is read. Other repositories' commits come from the store, never from git.
 */
export function orgPage(opts: GlobalOptions & { repo?: string }): ExtraPage {
  return {
    path: "/",
    async render(query) {
      const setup = await resolveMetricsSetup(opts);
      const parsed = parseMetricsQuery(query, setup.ports.clock.now().getTime());
      if (!parsed.ok) return { status: 400, html: renderBadRequestPage(parsed.problem, parsed.fix, ORG_NAV) };
      const { config } = setup;
      const environment = matchEnvironment(
        parsed.query.env ?? config.metrics.defaultEnvironment,
        config.metrics.environments,
      );
      const page = {
        sort: parsed.query.sort,
        descending: parsed.query.descending,
        since: parsed.query.since,
        environment: environment.name,
      };
      if (!setup.storeExists()) {
        const empty = {
          problem: `No repository is in the store yet: ${setup.storeLabel} does not exist.`,
          fix: NO_REPOSITORIES_FIX,
        };
        return { status: 200, html: renderOrgPage({ ...page, report: null, empty }) };
      }
      const bands =
        (config.metrics.report === null ? null : pickBandReport(config.metrics.report)) ??
        pickBandReport(null)!;
      const store = await setup.openStore();
      let report;
      try {
        report = await measureOrganisation(store, (repo) => storedChangeHistory(store, repo), {
          environment,
          since: parsed.query.period.since,
          until: parsed.query.period.until,
          minSample: config.metrics.minSample,
          bands,
        });
      } finally {
        await store.close();
      }
      const empty =
        report.repos.length === 0
          ? { problem: `No repository is in the store yet (${setup.storeLabel}).`, fix: NO_REPOSITORIES_FIX }
          : null;
      return { status: 200, html: renderOrgPage({ ...page, report, empty }) };
    },
  };
}

const ORG_NAV = { org: true, readiness: false };
