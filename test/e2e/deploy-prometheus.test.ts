import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { makeExampleDeployProject } from "../helpers/example-deploy-project.js";
import { runCliAsync } from "../helpers/run-cli.js";
import { startExampleService, type ExampleService } from "../helpers/start-example-service.js";
import { startPrometheus, waitForData, type RunningPrometheus } from "../helpers/start-prometheus.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// The issue's end-to-end: the example service of examples/deploy at version 1, the real Prometheus
// scraping it every second, and `shipready deploy --config examples/deploy/shipready.yml --version 2`
// as a user runs it. Version 2 answers 500 to half its requests and fails /health: the verification
// fails within its window, the rollback puts version 1 back, and the service is healthy again.

let service: ExampleService;
let prometheus: RunningPrometheus;

before(async () => {
  service = await startExampleService({ version: "1", rate: 20 });
  prometheus = await startPrometheus([service.target]);
  await waitForData(prometheus.url, 'count_over_time(up{job="service"}[10s]) > 4');
});

after(async () => {
  await prometheus?.stop();
  await service?.stop();
});

interface Record {
  outcome: string;
  steps: {
    name: string;
    status: string;
    metrics?: { name: string; verdict: string; failedFast?: boolean }[];
  }[];
  rollback: { trigger: string; outcome: string };
}

function exampleProject(windowSeconds: number, edit?: (config: string) => string): string {
  const dir = makeTempDir();
  makeExampleDeployProject(dir, { service: service.url, prometheus: prometheus.url }, windowSeconds, edit);
  return dir;
}

async function deployVersion2(dir: string): Promise<{ record: Record; stdout: string }> {
  const result = await runCliAsync(["deploy", "--config", join(dir, "shipready.yml"), "--version", "2"], {
    cwd: dir,
    env: service.env,
  });
  assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
  const lines = readFileSync(join(dir, ".shipready", "deploys.jsonl"), "utf8")
    .trim()
    .split("\n");
  return { record: JSON.parse(lines.at(-1)!) as Record, stdout: result.stdout };
}

async function assertHealthyOnVersion1(): Promise<void> {
  assert.equal(service.run("status").trim(), "running, version 1");
  assert.equal((await fetch(`${service.url}/health`)).status, 200);
}

test("the example as written: version 2 fails its verification, the rollback puts version 1 back, the service is healthy", async () => {
  const { record, stdout } = await deployVersion2(exampleProject(30));
  assert.equal(record.outcome, "rolled-back", stdout);
  assert.equal(record.rollback.trigger, "validation_failure");
  assert.equal(record.rollback.outcome, "succeeded");
  assert.deepEqual(
    record.steps.map((s) => [s.name, s.status]),
    [
      ["validate", "succeeded"],
      ["deploy", "succeeded"],
      ["verify", "failed"],
      ["service_rollback.stop", "succeeded"],
      ["service_rollback.revert", "succeeded"],
      ["service_rollback.start", "succeeded"],
    ],
  );
  assert.match(stdout, /Verification failed; rolled back/);
  await assertHealthyOnVersion1();
});

test("Prometheus decides: with the HTTP checks and probes left out, the error ratio fails fast within the 30 s window", async () => {
  const dir = exampleProject(30, (config) =>
    config
      .replace(/^ {2}(health|performance): \{ http: .*$/gm, '  $1: { command: { run: "true" } }')
      .replace(
        /^ {4}http: \{ url: "[^"]*\/health", expect: 200, maxLatency: 500ms \}$/m,
        '    command: { run: "true" }',
      ),
  );
  const { record, stdout } = await deployVersion2(dir);
  assert.equal(record.outcome, "rolled-back", stdout);
  const verify = record.steps.find((s) => s.name === "verify")!;
  const ratio = verify.metrics?.find((m) => m.name === "service_metrics");
  assert.equal(ratio?.verdict, "fail", JSON.stringify(verify.metrics));
  assert.equal(ratio?.failedFast, true, "the verification waited for the whole window");
  await assertHealthyOnVersion1();
});
