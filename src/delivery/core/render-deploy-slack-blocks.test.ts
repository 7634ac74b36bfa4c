import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { checkSlackMessage } from "../../../test/helpers/fake-slack.js";
import {
  rollbackFailedDeploy,
  rolledBackDeploy,
  succeededDeploy,
} from "../../../test/helpers/make-deploy-record.js";
import type { DeployEventType } from "../../deploy/ports.js";
import type { DeployRecord } from "../../deploy/types.js";
import { renderDeploySlackBlocks } from "./render-deploy-slack-blocks.js";
import { renderDeployWebhookPayload } from "./render-deploy-webhook-payload.js";

const EVENTS: DeployEventType[] = [
  "started",
  "succeeded",
  "verification-failed",
  "rollback-started",
  "rolled-back",
  "rollback-failed",
  "interrupted",
];

function message(event: DeployEventType, record: DeployRecord, environmentUrl: string | null = null) {
  return renderDeploySlackBlocks({ event, record, environmentUrl, at: "2026-11-22T09:05:00.000Z" });
}

test("every event makes a message Slack accepts, headed by what happened", () => {
  const heads = EVENTS.map((event) => {
    const record = event === "rollback-failed" ? rollbackFailedDeploy() : rolledBackDeploy();
    const m = message(
      event,
      { ...record, incident: { url: "https://github.com/o/r/issues/7", number: 7 } },
      "https://app.example.com",
    );
    assert.deepEqual(checkSlackMessage(m), [], event);
    return (m.blocks[0] as { text: { text: string } }).text.text;
  });
  assert.deepEqual(heads, [
    "🚀 Deploying v2.0.0 to production",
    "✅ v2.0.0 is live in production",
    "⚠️ v2.0.0 failed verification in production",
    "↩️ Rolling back v2.0.0 in production",
    "↩️ v2.0.0 was rolled back in production",
    "🔥 The rollback of v2.0.0 in production failed",
    "⏹️ The deploy of v2.0.0 to production was interrupted",
  ]);
});

test("a rolled-back deploy says to what, in how long, why, which metrics failed, and links the incident first", () => {
  const m = message(
    "rolled-back",
    { ...rolledBackDeploy(), incident: { url: "https://github.com/o/r/issues/7", number: 7 } },
    "https://app.example.com",
  );
  const text = JSON.stringify(m);
  assert.match(
    text,
    /\*v2\.0\.0\* was rolled back in \*production\* to \*v1\.4\.2\* in 13 s: verification failed: error_ratio 0\.083 &gt; max 0\.01\./,
  );
  assert.match(
    text,
    /\*error_ratio\* fail: error ratio 0\.083 &gt; max 0\.01 in 3 of 4 samples \(≤ 0\.01 in every sample; worst 0\.083\)/,
  );
  const actions = m.blocks.find((b) => b.type === "actions") as { elements: { text: { text: string } }[] };
  assert.deepEqual(
    actions.elements.map((e) => e.text.text),
    ["Incident #7", "Open the environment", "CI run"],
  );
  assert.match(m.text, /^v2\.0\.0 was rolled back in production: error_ratio did not pass$/);
});

test("a success lists no metrics; a failed rollback says where it stopped and to check the service", () => {
  const ok = JSON.stringify(message("succeeded", succeededDeploy()));
  assert.ok(!ok.includes("did not pass"));
  assert.match(ok, /passed verification \(1 metric\) in 1 min 30 s\./);
  const failed = JSON.stringify(message("rollback-failed", rollbackFailedDeploy()));
  assert.match(
    failed,
    /stopped at \*service_rollback\.revert\*: the service may be running neither \*v2\.0\.0\* nor \*v1\.4\.2\*\. \*Check it now\*/,
  );
});

test("text from outside is escaped and cut to Slack's limits, whatever it holds", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 4000 }), fc.constantFrom(...EVENTS), (text, event) => {
      const record = rolledBackDeploy();
      record.environment = text || "x";
      record.version = text || null;
      record.actor = text;
      record.metrics[0]!.name = text;
      record.metrics[0]!.reason = text;
      record.rollback!.reason = text;
      record.rollback!.trigger = text;
      assert.deepEqual(checkSlackMessage(message(event, record, text)), []);
    }),
    { numRuns: 200 },
  );
  const m = JSON.stringify(
    message("rolled-back", { ...rolledBackDeploy(), actor: "<!channel> @here <https://evil|click>" }),
  );
  assert.ok(
    m.includes("&lt;!channel&gt; @\u2060here &lt;https://evil|click&gt;") ||
      m.includes("&lt;!channel&gt; @\\u2060here"),
    m,
  );
});

test("the webhook payload carries what happened, never a step's output or the samples", () => {
  const record = rollbackFailedDeploy(undefined, ["secret output line"]);
  const payload = renderDeployWebhookPayload({
    event: "rollback-failed",
    record,
    environmentUrl: null,
    at: "2026-11-23T09:01:00.000Z",
  });
  assert.equal(payload.source, "shipready");
  assert.equal(payload.version, 1);
  assert.equal(payload.type, "deploy");
  assert.equal(payload.event, "rollback-failed");
  assert.deepEqual(payload.rollback, record.rollback);
  const json = JSON.stringify(payload);
  assert.ok(!json.includes("secret output line"));
  assert.ok(!json.includes('"value"'));
  assert.deepEqual(
    (payload.steps as { name: string; status: string }[]).map((s) => `${s.name} ${s.status}`).slice(-3),
    ["service_rollback.stop succeeded", "service_rollback.revert failed", "service_rollback.start skipped"],
  );
});
