import { ConfigError } from "../errors.js";
import type { DeployPlan } from "./core/plan-deploy.js";
import type { DeploySite } from "./resolve-environment.js";
import type { DeployRunPorts } from "./run-types.js";

/**
 * Before anything is deployed: every metric the deploy will verify (the validation metrics, and
 * those a canary analysis names) is asked whether its source can be read at all. A query Prometheus
 * rejects, or a source that cannot be reached, stops the deploy here (exit 2), with nothing run.
 */
export async function checkMetricSources(
  site: DeploySite,
  plan: DeployPlan,
  ports: Pick<DeployRunPorts, "checkSource">,
  signal?: AbortSignal,
): Promise<void> {
  const named = new Set(
    plan.steps.flatMap((s) => (s.kind === "canary" && s.step.kind === "analysis" ? s.step.metrics : [])),
  );
  const verifies = plan.steps.some(
    (s) =>
      (s.kind === "step" && s.action?.kind === "builtin" && s.action.name === "verify") ||
      (s.kind === "canary" && s.step.kind === "analysis" && s.step.metrics.length === 0),
  );
  const metrics = site.strategy.metrics.filter(
    (m) => named.has(m.name) || (verifies && m.block === "validation"),
  );
  const problems = await Promise.all(
    metrics.map(async (m) => {
      const problem = await ports.checkSource(m.source, signal);
      return problem === null ? null : `${m.line ? `line ${m.line}: ` : ""}${m.name}: ${problem}`;
    }),
  );
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) {
    throw new ConfigError(
      `${found.length === 1 ? "a metric's source" : `${found.length} metrics' sources`} cannot be read, so the deploy could not be verified; nothing was run`,
      found,
      "Fix the query or the source's address in shipready.yml (or start the metrics server), then deploy again.",
    );
  }
}
