import { relative } from "node:path";
import { ShipreadyError } from "../errors.js";
import { listChecklistHistory } from "../readiness/checklist-history.js";
import { runReadiness } from "../readiness/run-readiness.js";
import type { ReadinessPorts } from "../readiness/ports.js";
import type { ReadinessOptions } from "../readiness/types.js";
import type { DeployRecords } from "../deploy/ports.js";
import type { DeployStrategy } from "../deploy/types.js";
import type { DashboardDeploys, DashboardInput } from "./types.js";

/** The run options the dashboard passes on: it always scores, and never writes or notifies. */
export type DashboardOptions = Omit<
  ReadinessOptions,
  "mode" | "dryRun" | "history" | "notify" | "ciSnapshot"
>;

/** What the dashboard reads: a readiness run's ports, and the deploy records when it may show them. */
export interface DashboardPorts extends ReadinessPorts {
  /** Opens the deploy records file (the DeployRecords port); without it the page shows no deploys. */
  openDeployRecords?(file: string, onWarning: (message: string) => void): DeployRecords;
}

/** Deploys shown per environment. */
const DEPLOYS_SHOWN = 5;

/**
 * Scores the checklist in score mode (with evidence unless `evidence: false`, and the CI snapshot when
 * the checklist has one), lists its history and, when shipready.yml has a release strategy, the last
 * deploys of each environment. It never rewrites the checklist, the history or the deploy records.
 */
export async function loadDashboard(
  options: DashboardOptions,
  ports: DashboardPorts,
): Promise<DashboardInput> {
  const result = await runReadiness({ ...options, mode: "score", ciSnapshot: true }, ports);
  const { history, root, strategy } = result.config;
  const warn = (message: string) => result.warnings.push({ code: "deploy-records", message });
  let deploys: DashboardDeploys | null = null;
  if (strategy && ports.openDeployRecords) {
    try {
      deploys = await listDeploys(strategy, root, ports.openDeployRecords, warn);
    } catch (error) {
      // A records file that cannot be read costs the page its deploys, not the readiness.
      if (!(error instanceof ShipreadyError)) throw error;
      warn(`the deploys are not shown: ${error.message}${error.fix ? ` ${error.fix}` : ""}`);
    }
  }
  return {
    result,
    history: await listChecklistHistory(result.checklist.path, history, root, ports),
    deploys,
  };
}

async function listDeploys(
  strategy: DeployStrategy,
  root: string,
  open: NonNullable<DashboardPorts["openDeployRecords"]>,
  onWarning: (message: string) => void,
): Promise<DashboardDeploys> {
  const records = await open(strategy.recordsFile, onWarning).list();
  const names = [
    ...strategy.environments.map((e) => e.name),
    ...records.map((r) => r.environment).filter((n) => !strategy.environments.some((e) => e.name === n)),
  ];
  return {
    source: relative(root, strategy.recordsFile) || strategy.recordsFile,
    environments: [...new Set(names)].map((name) => ({
      name,
      url: strategy.environments.find((e) => e.name === name)?.url ?? null,
      deploys: records
        .filter((r) => r.environment === name)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
        .slice(0, DEPLOYS_SHOWN),
    })),
  };
}
