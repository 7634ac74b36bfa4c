import type { AlertSpec, DeployStrategy, MetricSpec } from "../types.js";
import { formatPrometheusDuration } from "./format-prometheus-duration.js";

/** A Prometheus alerting rule, as rule files write it. */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string };
}

export interface AlertRulePlan {
  rules: AlertRule[];
  /** Alerts no rule could be written for, and why. */
  skipped: { alert: string; reason: string }[];
}

/**
 * An alerting rule for each of monitoring:'s alerts whose metric reads Prometheus: the metric's
 * query compared with the alert's threshold in the direction the metric is judged (below its min:
 * `< threshold`; above its max: `> threshold`), held for the alert's window.
 */
export function planAlertRules(strategy: Pick<DeployStrategy, "alerts" | "metrics">): AlertRulePlan {
  const plan: AlertRulePlan = { rules: [], skipped: [] };
  for (const alert of strategy.alerts) {
    const metric = strategy.metrics.find((m) => m.name === alert.metric && m.block === "monitoring");
    const problem = whyNoRule(alert, metric);
    if (problem !== null || !metric || metric.source.kind !== "prometheus") {
      plan.skipped.push({ alert: alert.name, reason: problem ?? "no prometheus source" });
      continue;
    }
    const direction = directionOf(metric);
    const query = metric.source.query.replace(
      /\{\{\s*window\s*\}\}/g,
      formatPrometheusDuration(metric.windowMs),
    );
    plan.rules.push({
      alert: alert.name,
      expr: `(${query}) ${direction === "below" ? "<" : ">"} ${alert.threshold}`,
      for: formatPrometheusDuration(alert.windowMs),
      labels: { severity: alert.severity },
      annotations: {
        summary: `${metric.name} is ${direction} ${alert.threshold} for ${formatPrometheusDuration(alert.windowMs)} (${alert.name}, from shipready.yml)`,
      },
    });
  }
  return plan;
}

function whyNoRule(alert: AlertSpec, metric: MetricSpec | undefined): string | null {
  if (alert.metric === undefined)
    return "it watches no metric: no monitoring metric shares its stem; add metric: to the alert";
  if (!metric) return `its metric ${alert.metric} is not a monitoring metric with a source`;
  if (metric.source.kind !== "prometheus")
    return `its metric ${metric.name} reads ${metric.source.kind}, not prometheus, so Prometheus cannot evaluate it`;
  if (metric.judgement.min !== undefined && metric.judgement.max !== undefined)
    return `its metric ${metric.name} is bounded on both sides (min and max), so one threshold has no direction; write one alert per bound with a metric for each`;
  return null;
}

/** A metric judged by max: fires above; by min (or with no bound): fires below. */
function directionOf(metric: MetricSpec): "below" | "above" {
  return metric.judgement.max !== undefined && metric.judgement.min === undefined ? "above" : "below";
}
