import type { ExtraPage } from "../dashboard/start-dashboard-server.js";
import { parseMetricsQuery } from "../dashboard/core/parse-metrics-query.js";
import { renderBadRequestPage, renderMetricsPage } from "../dashboard/core/render-metrics-page.js";
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
