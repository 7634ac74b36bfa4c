/** What the dashboard draws. */
import type { DeployRecord } from "../deploy/types.js";
import type { MetricsReport, OrganisationReport } from "../metrics/types.js";
import type { HistoryRecord, ReadinessRun } from "../readiness/types.js";

/** The last deploys of each environment the release strategy names, read from the deploy records. */
export interface DashboardDeploys {
  /** In the strategy's order (then any other environment the records name), each newest deploy first. */
  environments: { name: string; url: string | null; deploys: DeployRecord[] }[];
  /** The records file, as the page names it (relative to the config's folder). */
  source: string;
}

/** What the dashboard page is drawn from: one scoring run and the checklist's recorded history. */
export interface DashboardInput {
  result: ReadinessRun;
  /** The runs recorded for this checklist, oldest first. */
  history: readonly HistoryRecord[];
  /** The last deploys; null when shipready.yml has no release strategy (the page then has no deploys section). */
  deploys?: DashboardDeploys | null;
  /** Delivery performance (report --html): shown when the metrics store has deploys; absent: no section. */
  metrics?: MetricsView | null;
}

/** The delivery performance a page shows: a report, or why there is none and what to record. */
export type MetricsView =
  | { kind: "report"; report: MetricsReport }
  | {
      kind: "empty";
      /** What is missing, in a sentence ("no deploys are known for acme/shop"). */
      problem: string;
      /** What to record, import or sync to have some. */
      fix: string;
    };

/** The metrics page: the view and the choices it was drawn for, as the form shows them. */
export interface MetricsPageInput {
  view: MetricsView;
  repo: string;
  /** As asked: 90d, 2026-01-01. */
  since: string;
  environment: string;
  /** The environments the repository's deploys name, to pick from. */
  environments: string[];
  /** Links to the organisation's page (serve --org) and to the readiness page (a checklist is served). */
  nav: { org: boolean; readiness: boolean };
}

/** The organisation page: every repository in the store side by side. */
export interface OrgPageInput {
  report: OrganisationReport | null;
  /** Why there is nothing to show (an empty store), and what to do. */
  empty: { problem: string; fix: string } | null;
  sort: OrgSortKey;
  descending: boolean;
  since: string;
  environment: string;
}

export const ORG_SORT_KEYS = [
  "repo",
  "score",
  "verdict",
  "at",
  "deploymentFrequency",
  "changeLeadTime",
  "changeFailRate",
  "recoveryTime",
  "reworkRate",
] as const;
export type OrgSortKey = (typeof ORG_SORT_KEYS)[number];
