import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./parse-config.js";

const root = path.resolve("/work/app");
const file = path.join(root, "shipready.yml");

test("metrics settings: paths resolved, the first environment measured by default", () => {
  const { config } = parseConfig(
    `metrics:
  store: data/metrics.db
  environments:
    live: [prod, production, PRD]
    staging: [stage]
  incidentLabels: [incident, sev1]
  deployWorkflows: [deploy.yml]
  minSample: 3
  report: 2023
`,
    file,
  );
  assert.deepEqual(config.metrics, {
    store: path.join(root, "data", "metrics.db"),
    environments: { live: ["prod", "production", "PRD"], staging: ["stage"] },
    defaultEnvironment: "live",
    incidentLabels: ["incident", "sev1"],
    deployWorkflows: ["deploy.yml"],
    minSample: 3,
    report: "2023",
    deployRecords: path.join(root, ".shipready", "deploys.jsonl"),
  });
});

test("without metrics:, production is known as production or prod, in .shipready/metrics.db", () => {
  const { config } = parseConfig("threshold: 80\n", file);
  assert.equal(config.metrics.store, path.join(root, ".shipready", "metrics.db"));
  assert.deepEqual(config.metrics.environments, { production: ["production", "prod"] });
  assert.equal(config.metrics.minSample, 5);
  assert.equal(config.metrics.report, null);
});

test("bad metrics settings name their line and how to write them", () => {
  let caught: unknown;
  try {
    parseConfig(
      "metrics:\n  minSample: 0\n  report: latest\n  environments: { production: prod }\n  sample: 3\n",
      file,
    );
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError);
  const problems = caught.problems.join("\n");
  assert.match(problems, /shipready\.yml:2: metrics\.minSample: /);
  assert.match(problems, /shipready\.yml:3: metrics\.report: expected a DORA report year, got "latest"/);
  assert.match(
    problems,
    /shipready\.yml:4: metrics\.environments\.production: expected a list of environment names/,
  );
  assert.match(problems, /shipready\.yml:5: .*sample/);
});
