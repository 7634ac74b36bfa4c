import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import type { AlertSpec, Judgement, MetricSpec } from "../types.js";
import { formatPrometheusDuration } from "./format-prometheus-duration.js";
import { planAlertRules } from "./plan-alert-rules.js";
import { renderPrometheusRules } from "./render-prometheus-rules.js";

function metric(
  name: string,
  judgement: Judgement,
  source: MetricSpec["source"] = prometheus("up"),
): MetricSpec {
  return {
    name,
    block: "monitoring",
    source,
    judgement,
    windowMs: 300_000,
    intervalMs: 60_000,
    initialDelayMs: 0,
    critical: true,
  };
}

function prometheus(query: string): MetricSpec["source"] {
  return { kind: "prometheus", url: "http://127.0.0.1:9090", query, mode: "instant", timeoutMs: 10_000 };
}

function alert(
  name: string,
  metricName: string | undefined,
  threshold: number,
  windowMs = 300_000,
): AlertSpec {
  return {
    name,
    ...(metricName !== undefined && { metric: metricName }),
    threshold,
    windowMs,
    severity: "critical",
  };
}

test("an alert on a metric judged by min fires below the threshold; by max, above it", () => {
  const plan = planAlertRules({
    metrics: [
      metric(
        "success",
        { min: 0.99, share: 1 },
        prometheus("sum(rate(ok[{{window}}])) / sum(rate(all[{{window}}]))"),
      ),
      metric("errors", { max: 0.01, share: 0.9 }, prometheus("sum(rate(errors_total[1m]))")),
    ],
    alerts: [alert("success_alert", "success", 0.995, 120_000), alert("errors_alert", "errors", 0.02)],
  });
  assert.deepEqual(plan.skipped, []);
  assert.deepEqual(plan.rules, [
    {
      alert: "success_alert",
      expr: "(sum(rate(ok[5m])) / sum(rate(all[5m]))) < 0.995",
      for: "2m",
      labels: { severity: "critical" },
      annotations: { summary: "success is below 0.995 for 2m (success_alert, from shipready.yml)" },
    },
    {
      alert: "errors_alert",
      expr: "(sum(rate(errors_total[1m]))) > 0.02",
      for: "5m",
      labels: { severity: "critical" },
      annotations: { summary: "errors is above 0.02 for 5m (errors_alert, from shipready.yml)" },
    },
  ]);
});

test("alerts with no prometheus metric are skipped, each with its reason", () => {
  const plan = planAlertRules({
    metrics: [
      metric(
        "probe",
        { min: 1, share: 0.99 },
        { kind: "http", url: "http://127.0.0.1/health", timeoutMs: 1000 },
      ),
      metric("band", { min: 1, max: 2, share: 1 }),
    ],
    alerts: [
      alert("a", undefined, 1),
      alert("b", "gone", 1),
      alert("c", "probe", 0.99),
      alert("d", "band", 1),
    ],
  });
  assert.deepEqual(plan.rules, []);
  assert.deepEqual(
    plan.skipped.map((s) => [s.alert, s.reason.split(":")[0]!.split(",")[0]]),
    [
      ["a", "it watches no metric"],
      ["b", "its metric gone is not a monitoring metric with a source"],
      ["c", "its metric probe reads http"],
      ["d", "its metric band is bounded on both sides (min and max)"],
    ],
  );
});

test("the rule file is YAML Prometheus reads: one group, the rules as planned", () => {
  const rules = planAlertRules({
    metrics: [metric("up", { min: 1, share: 1 })],
    alerts: [alert("up_alert", "up", 1)],
  }).rules;
  const text = renderPrometheusRules(rules, "shipready.yml");
  assert.match(text, /^# Prometheus alerting rules from the monitoring alerts of shipready\.yml,/);
  assert.deepEqual(parse(text), { groups: [{ name: "shipready", rules }] });
});

test("Prometheus durations use the largest unit that divides them, and read back to the same milliseconds", () => {
  assert.deepEqual([300_000, 90_000, 3_600_000, 86_400_000, 1500, 0].map(formatPrometheusDuration), [
    "5m",
    "90s",
    "1h",
    "1d",
    "1500ms",
    "0s",
  ]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (ms) => {
      const [, n, u] = /^(\d+)(ms|s|m|h|d)$/.exec(formatPrometheusDuration(ms))!;
      return Number(n) * unit[u as keyof typeof unit] === ms;
    }),
  );
});
