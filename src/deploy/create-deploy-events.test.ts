import assert from "node:assert/strict";
import { test } from "node:test";
import { rolledBackDeploy, succeededDeploy } from "../../test/helpers/make-deploy-record.js";
import { EvidenceError, PermissionError } from "../errors.js";
import { createRedactor } from "../shared/create-redactor.js";
import { createDeployEvents, type DeployListener } from "./create-deploy-events.js";
import type { DeployEventType } from "./ports.js";
import type { DeployRecord } from "./types.js";

const SECRET = "s3cret-deploy-token-0123";

/** A listener that writes down what it saw, in the order it saw it. */
function recorder(
  name: string,
  log: string[],
  made?: (type: DeployEventType) => object | undefined,
): DeployListener {
  return {
    name,
    async handle(type, record) {
      log.push(`${name}:${type}:${record.githubDeployment?.id ?? "-"}:${record.incident?.number ?? "-"}`);
      return made?.(type) as never;
    },
  };
}

test("listeners hear each event in order, each seeing the links made before it, and emit returns them", async () => {
  const log: string[] = [];
  const events = createDeployEvents({
    listeners: [
      recorder("github", log, (t) =>
        t === "started" ? { githubDeployment: { id: 7, url: "https://x/7" } } : undefined,
      ),
      recorder("incident", log, (t) =>
        t === "rolled-back" ? { incident: { url: "https://x/issues/3", number: 3 } } : undefined,
      ),
      recorder("slack", log),
    ],
    redact: (t) => t,
    onWarning: (m) => assert.fail(m),
  });
  const record = rolledBackDeploy();
  assert.deepEqual(await events.emit("started", record), { githubDeployment: { id: 7, url: "https://x/7" } });
  const last = await events.emit("rolled-back", record);
  assert.deepEqual(last, {
    githubDeployment: { id: 7, url: "https://x/7" },
    incident: { url: "https://x/issues/3", number: 3 },
  });
  assert.deepEqual(log, [
    "github:started:-:-",
    "incident:started:7:-",
    "slack:started:7:-",
    "github:rolled-back:7:-",
    "incident:rolled-back:7:-",
    "slack:rolled-back:7:3",
  ]);
});

test("a listener that fails is a redacted warning, the others still hear the event, and emit never throws", async () => {
  const warnings: string[] = [];
  const log: string[] = [];
  const events = createDeployEvents({
    listeners: [
      {
        name: "the GitHub deployment",
        handle: async () => {
          throw new PermissionError(
            `The token ${SECRET} may not create a deployment`,
            "Grant the token deployments: write.",
          );
        },
      },
      {
        name: "broken",
        handle: async () => {
          throw new TypeError("cannot read x of undefined");
        },
      },
      recorder("slack", log),
    ],
    redact: createRedactor([SECRET]),
    onWarning: (m) => warnings.push(m),
  });
  assert.deepEqual(await events.emit("started", succeededDeploy()), {});
  assert.deepEqual(log, ["slack:started:-:-"]);
  assert.equal(warnings.length, 2);
  assert.match(
    warnings[0]!,
    /^the GitHub deployment \(started\): The token \*\*\* may not create a deployment\. Grant the token deployments: write\.$/,
  );
  assert.match(warnings[1]!, /^broken \(started\): internal error: cannot read x of undefined$/);
  assert.ok(warnings.every((w) => !w.includes(SECRET)));

  const throwingWarn = createDeployEvents({
    listeners: [{ name: "x", handle: async () => Promise.reject(new EvidenceError("no")) }],
    redact: (t) => t,
    onWarning: () => {
      throw new Error("the terminal is gone");
    },
  });
  assert.deepEqual(await throwingWarn.emit("succeeded", succeededDeploy()), {});
});

test("listeners see the record redacted and as it was when emitted, whatever the deploy changes later", async () => {
  const seen: DeployRecord[] = [];
  const events = createDeployEvents({
    listeners: [{ name: "spy", handle: async (_t, r) => void seen.push(r) }],
    redact: createRedactor([SECRET]),
    onWarning: () => undefined,
  });
  const record = rolledBackDeploy();
  record.steps[4]!.tail = [`curl -H "Authorization: Bearer ${SECRET}" registry`];
  record.metrics[0]!.reason = `query failed: token=${encodeURIComponent(SECRET)}`;
  await events.emit("rolled-back", record);
  record.outcome = "running";
  const json = JSON.stringify(seen[0]);
  assert.ok(!json.includes(SECRET) && !json.includes(encodeURIComponent(SECRET)), json);
  assert.match(seen[0]!.steps[4]!.tail![0]!, /Bearer \*\*\*/);
  assert.equal(seen[0]!.outcome, "rolled-back");
});

test("the events a rollback follows are told without waiting, and the next event waits for them", async () => {
  const log: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const events = createDeployEvents({
    listeners: [
      {
        name: "slow",
        async handle(type) {
          if (type === "verification-failed") await gate;
          log.push(`slow:${type}`);
        },
      },
    ],
    redact: (t) => t,
    onWarning: () => undefined,
  });
  const record = rolledBackDeploy();
  await events.emit("started", record);
  await events.emit("verification-failed", record);
  await events.emit("rollback-started", record);
  log.push("rollback steps run");
  const ended = events.emit("rolled-back", record);
  await Promise.resolve();
  assert.deepEqual(log, ["slow:started", "rollback steps run"]);
  release();
  await ended;
  assert.deepEqual(log, [
    "slow:started",
    "rollback steps run",
    "slow:verification-failed",
    "slow:rollback-started",
    "slow:rolled-back",
  ]);
});

test("links already on the record (a resumed deploy) are returned and handed on", async () => {
  const seen: (number | undefined)[] = [];
  const events = createDeployEvents({
    listeners: [{ name: "spy", handle: async (_t, r) => void seen.push(r.githubDeployment?.id) }],
    redact: (t) => t,
    onWarning: () => undefined,
  });
  const record = { ...succeededDeploy(), githubDeployment: { id: 99, url: "https://x/99" } };
  assert.deepEqual(await events.emit("succeeded", record), {
    githubDeployment: { id: 99, url: "https://x/99" },
  });
  assert.deepEqual(seen, [99]);
});
