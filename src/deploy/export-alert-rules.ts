import type { Files } from "../ports.js";
import type { DeployStrategy } from "./types.js";
import { planAlertRules, type AlertRulePlan } from "./core/plan-alert-rules.js";
import { renderPrometheusRules } from "./core/render-prometheus-rules.js";

/**
 * `strategy --prometheus-rules`: the alerting rules of the strategy's alerts as a Prometheus rule
 * file, written atomically to `file` when one is given. Alerts with no rule are listed with the reason.
 */
export async function exportAlertRules(
  options: { strategy: DeployStrategy; source: string; file?: string },
  ports: { files: Pick<Files, "writeAtomic"> },
): Promise<{ text: string; plan: AlertRulePlan }> {
  const plan = planAlertRules(options.strategy);
  const text = renderPrometheusRules(plan.rules, options.source);
  if (options.file !== undefined) await ports.files.writeAtomic(options.file, text);
  return { text, plan };
}
