import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  after,
  rollbackFailedDeploy,
  rolledBackDeploy,
  succeededDeploy,
} from "../../../test/helpers/make-deploy-record.js";
import { environment } from "../../../test/helpers/make-strategy.js";
import type { DeployRecord } from "../types.js";
import { renderStatusPage } from "./render-status-page.js";
import { summarizePublicStatus, type PublicState } from "./summarize-public-status.js";

const PUBLIC = [environment("production", { public: true, url: "https://app.example.com" })];
const NOW = "2026-11-22T12:00:00.000Z";

function stateAfter(records: DeployRecord[], now = NOW) {
  return summarizePublicStatus(PUBLIC, records, { now })[0]!;
}

test("the state follows the newest record: operational, degraded, rolled back for a day, down", () => {
  const table: [string, DeployRecord[], PublicState, string | null][] = [
    ["nothing recorded", [], "unknown", null],
    ["a deploy that passed", [succeededDeploy("2026-11-20T09:00:00.000Z")], "operational", "v2.0.0"],
    [
      "a deploy being verified",
      [
        succeededDeploy("2026-11-20T09:00:00.000Z", { version: "1.4.2" }),
        { ...succeededDeploy(), outcome: "running", endedAt: null },
      ],
      "degraded",
      "v1.4.2",
    ],
    ["rolled back three hours ago", [rolledBackDeploy("2026-11-22T09:00:00.000Z")], "rolled-back", "v1.4.2"],
    ["rolled back two days ago", [rolledBackDeploy("2026-11-20T09:00:00.000Z")], "operational", "v1.4.2"],
    [
      "a rollback that failed",
      [
        succeededDeploy("2026-11-01T09:00:00.000Z", { version: "1.4.2" }),
        rollbackFailedDeploy("2026-11-21T09:00:00.000Z"),
      ],
      "down",
      "v1.4.2",
    ],
    [
      "a deploy step that failed",
      [{ ...succeededDeploy("2026-11-21T09:00:00.000Z"), outcome: "failed" }],
      "degraded",
      null,
    ],
    [
      "a manual rollback an hour ago",
      [
        {
          ...succeededDeploy("2026-11-22T11:00:00.000Z"),
          kind: "rollback",
          version: "1.4.2",
          previous: { version: "2.0.0", commit: null },
        },
      ],
      "rolled-back",
      "v1.4.2",
    ],
  ];
  for (const [name, records, state, version] of table) {
    const status = stateAfter(records);
    assert.equal(status.state, state, name);
    assert.equal(status.version, version, name);
  }
});

test("incidents: rollbacks, failed rollbacks and failed verifications of the last 90 days, newest first", () => {
  const records = [
    rolledBackDeploy("2026-07-01T09:00:00.000Z"),
    rolledBackDeploy("2026-11-01T09:00:00.000Z"),
    succeededDeploy("2026-11-02T09:00:00.000Z"),
    { ...rolledBackDeploy("2026-11-03T09:00:00.000Z"), outcome: "failed" as const, rollback: undefined },
    rollbackFailedDeploy("2026-11-04T09:00:00.000Z"),
  ];
  const { incidents } = stateAfter(records);
  assert.deepEqual(
    incidents.map((i) => [i.startedAt.slice(0, 10), i.kind, i.version, i.restored, i.rollbackMs]),
    [
      ["2026-11-04", "rollback-failed", "v2.0.0", null, 10_000],
      ["2026-11-03", "verification-failed", "v2.0.0", null, null],
      ["2026-11-01", "rolled-back", "v2.0.0", "v1.4.2", 13_000],
    ],
  );
});

test("only public environments are summarized, and nothing of another environment reaches the page", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{5,20}$/), (secretName) => {
      fc.pre(!"production".includes(secretName) && !"Service status".toLowerCase().includes(secretName));
      const envs = [...PUBLIC, environment(secretName, { url: `https://${secretName}.internal` })];
      const records = [
        rolledBackDeploy("2026-11-22T09:00:00.000Z", { environment: secretName, version: `${secretName}-9` }),
        succeededDeploy("2026-11-21T09:00:00.000Z"),
      ];
      const status = summarizePublicStatus(envs, records, { now: NOW });
      assert.deepEqual(
        status.map((s) => s.name),
        ["production"],
      );
      const html = renderStatusPage({ title: "Service status", environments: status, now: NOW, days: 90 });
      assert.ok(!html.toLowerCase().includes(secretName), secretName);
    }),
    { numRuns: 50 },
  );
});

test("the page shows no commit, step, metric or URL but the environment's own", () => {
  const record = rolledBackDeploy("2026-11-22T09:00:00.000Z");
  record.steps[4]!.tail = ["docker pull registry.internal/gateway"];
  record.metrics[0]!.reason = 'sum(rate(http_requests_total{code=~"5.."}[1m]))';
  const html = renderStatusPage({
    title: "Service status",
    environments: summarizePublicStatus(PUBLIC, [record], { now: NOW }),
    now: NOW,
    days: 90,
  });
  for (const leak of [
    record.commit!,
    record.commit!.slice(0, 7),
    record.previous!.commit!.slice(0, 7),
    "registry.internal",
    "http_requests_total",
    "error_ratio",
    "service_rollback",
    "validation_failure",
    "mona",
    "actions/runs",
    record.id,
  ]) {
    assert.ok(!html.includes(leak), `${leak} is on the page`);
  }
  assert.match(html, /v2\.0\.0 did not pass its checks and was rolled back to v1\.4\.2 in 13 s\./);
  assert.match(html, /<a href="https:\/\/app\.example\.com\/">https:\/\/app\.example\.com<\/a>/);
  assert.equal(
    [...html.matchAll(/https?:\/\//g)].length,
    2,
    "the environment's link, written once as href and once as text",
  );
});

test("times are the records' own, from the page's now", () => {
  const record = succeededDeploy(after("2026-11-22T00:00:00.000Z", 60));
  const status = stateAfter([record]);
  assert.equal(status.since, "2026-11-22T00:01:00.000Z");
});
