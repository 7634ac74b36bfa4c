import { Document } from "yaml";
import type { AlertRule } from "./plan-alert-rules.js";

/** A Prometheus rule file (YAML) holding the alerting rules in one group, as promtool check rules reads it. */
export function renderPrometheusRules(rules: readonly AlertRule[], source: string): string {
  const doc = new Document({ groups: [{ name: "shipready", rules: rules.map((rule) => ({ ...rule })) }] });
  doc.commentBefore = ` Prometheus alerting rules from the monitoring alerts of ${source},\n written by shipready strategy --prometheus-rules. Edit the alerts there, then write this again.`;
  return doc.toString({ lineWidth: 0 });
}
