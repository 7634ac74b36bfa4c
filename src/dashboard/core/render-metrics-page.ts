import { markup, raw, type Html } from "../../shared/html-template.js";
import type { MetricsPageInput } from "../types.js";
import { dashboardContentSecurityPolicy } from "./dashboard-content-security-policy.js";
import { DASHBOARD_CSS } from "./dashboard-css.js";
import { renderMetricsParts } from "./render-metrics-section.js";

/** Which page of the served dashboard a page is, for its navigation. */
export type PageName = "readiness" | "metrics" | "org";

/** The links between the dashboard's pages; the page itself is marked current. */
export function renderNav(current: PageName, nav: { org: boolean; readiness: boolean }): Html {
  const links: Html[] = [];
  const link = (name: PageName, href: string, text: string) =>
    markup`<a href="${href}"${raw(current === name ? ' aria-current="page"' : "")}>${text}</a>`;
  if (nav.org) links.push(link("org", "/", "Organisation"));
  if (nav.readiness) links.push(link("readiness", "/", "Release readiness"));
  links.push(link("metrics", "/metrics", "Delivery metrics"));
  return markup`<nav class="pages" aria-label="Dashboard pages" data-testid="nav">${links}</nav>`;
}

/** A page of the served dashboard with no script: its head, header and main. */
export function renderPlainPage(page: {
  title: string;
  heading: Html | string;
  header: Html[];
  main: Html[];
}): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="${dashboardContentSecurityPolicy(null)}">
<title>${page.title}</title>
<style>${raw(DASHBOARD_CSS)}</style>
</head>
<body>
<a class="skip" href="#page">Skip to the page</a>
<header>
<h1>${page.heading}</h1>
${page.header}
</header>
<main id="page">
${page.main}
</main>
<footer><p>shipready</p></footer>
</body>
</html>
`.toString();
}

/**
 * The dashboard's metrics page: a form to pick the period and environment (a plain GET, so it works
 * without script and every view has its own address), then the five metrics with their levels, the
 * weekly trends and the failed deploys; or, with nothing recorded, what to record.
 */
export function renderMetricsPage(input: MetricsPageInput): string {
  const envOptions = [...new Set([input.environment, ...input.environments])].map(
    (name) => markup`<option${raw(name === input.environment ? " selected" : "")}>${name}</option>`,
  );
  const repoField = input.nav.org ? markup`<input type="hidden" name="repo" value="${input.repo}">` : "";
  const form = markup`<form class="filters" method="get" action="/metrics" data-testid="filters">${repoField}<label>Period <input name="since" value="${input.since}" size="12" aria-describedby="since-help"></label><label>Environment <select name="env">${envOptions}</select></label><button type="submit">Show</button><small id="since-help">A span back from now (7d, 90d, 12w) or a day (2026-01-01).</small></form>`;
  const parts = renderMetricsParts(input.view, 2).map((part) => markup`<section>${part}</section>`);
  return renderPlainPage({
    title: `${input.repo}: delivery metrics · shipready`,
    heading: markup`Delivery metrics · ${input.repo}`,
    header: [renderNav("metrics", input.nav)],
    main: [markup`<section aria-label="Period and environment">${form}</section>`, ...parts],
  });
}

/** A request the page cannot answer (a bad query): what is wrong and how to ask instead. */
export function renderBadRequestPage(
  problem: string,
  fix: string,
  nav: { org: boolean; readiness: boolean },
): string {
  return renderPlainPage({
    title: "Bad request · shipready",
    heading: "The page cannot be shown",
    header: [renderNav("metrics", nav)],
    main: [
      markup`<section data-testid="bad-request"><p><strong>${problem}</strong></p><p>${fix}</p></section>`,
    ],
  });
}
