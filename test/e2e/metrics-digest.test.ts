import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startFakeSlack } from "../helpers/fake-slack.js";
import { runCli, runCliAsync } from "../helpers/run-cli.js";
import { seedMetricsRepo } from "../helpers/seed-metrics.js";

const SECRET = "CANARYdigestCANARYsecret";
const slack = await startFakeSlack({ secret: SECRET });
after(() => slack.close());

/** The week of 2026-11-13 to 2026-11-20: v1.2.0 failed (the hostile incident), v1.2.1 fixed it. */
const ENV = { SOURCE_DATE_EPOCH: String(Date.parse("2026-11-20T00:00:00Z") / 1000) };
const dir = seedMetricsRepo();

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}

test("metrics digest --slack sends the week to Slack: five metrics, change, 90-day levels, failed deploys, escaped", async () => {
  const run = await runCliAsync(["metrics", "digest", "--slack", "--repo", "acme/shop"], {
    cwd: dir,
    env: { ...ENV, SLACK_WEBHOOK_URL: slack.webhookUrl },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /^Sent the delivery digest of acme\/shop in production \(2026-11-13 to 2026-11-20\) to the Slack webhook\.$/m,
  );
  assert.equal(slack.deliveries.length, 1);
  const delivery = slack.deliveries[0]!;
  assert.deepEqual(delivery.problems, [], "a valid Block Kit message");
  const blocks = (delivery.payload as { blocks: Block[] }).blocks;
  assert.equal(blocks[0]!.text!.text, "📊 Delivery this week: acme/shop in production");
  assert.equal(
    blocks[1]!.text!.text,
    "*acme/shop* in *production*, 2026-11-13 to 2026-11-20: 2 deploys, 1 failed.",
  );
  const fields = blocks[1]!.fields!.map((f) => f.text);
  assert.equal(fields.length, 5);
  // The week before (2026-11-06 to 11-13) had two successful deploys: the fail rate went from 0% to 50%.
  assert.equal(
    fields[2],
    "*Change fail rate*\n50% · +50 points (worse) vs the week before\nHigh over 90 days",
  );
  assert.equal(
    fields[0],
    // Seven days cut two ISO weeks: no whole week, so no weekly figure; 4 deploys in 90 days is Low.
    "*Deployment frequency*\n_not enough data_ (2 deploys)\nLow over 90 days",
  );
  assert.match(fields[1]!, /^\*Change lead time\*\n_not enough data_ \(0 changes\)\n/);
  const failed = blocks[2]!.text!.text;
  assert.match(failed, /^\*Failed deploys \(1\)\*\n• \*v1\.2\.0\* 2026-11-17 10:00 UTC: /);
  assert.ok(
    failed.includes(
      "<https://github.com/acme/shop/issues/77|&lt;img src=x onerror=alert(1)&gt; &amp; &lt;!channel&gt; *bold* | pipe>",
    ),
    failed,
  );
  assert.match(failed, /recovery: 4 h$/);
  assert.ok(!`${run.stdout}${run.stderr}`.includes(SECRET), "the webhook URL is never printed");
});

test("--webhook is a secret too: a refused delivery names it by label, exit 1; --dry-run sends nothing", async () => {
  const before = slack.deliveries.length;
  slack.queue({ status: 404, body: "no_service" });
  const url = slack.webhookUrl;
  const refused = await runCliAsync(["metrics", "digest", "--webhook", url, "--repo", "acme/shop"], {
    cwd: dir,
    env: ENV,
  });
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /was not sent: the Slack webhook given with --webhook/);
  assert.ok(!`${refused.stdout}${refused.stderr}`.includes(SECRET));
  assert.equal(slack.deliveries.length, before + 1);

  const dry = runCli(["metrics", "digest", "--dry-run", "--repo", "acme/shop"], {
    cwd: dir,
    env: { ...ENV, SLACK_WEBHOOK_URL: url },
  });
  assert.equal(dry.code, 0, dry.stderr);
  const printed = JSON.parse(dry.stdout) as { messages: { target: string; payload: { blocks: Block[] } }[] };
  assert.equal(printed.messages[0]!.target, "the Slack webhook");
  assert.equal(printed.messages[0]!.payload.blocks.length, 4);
  assert.equal(slack.deliveries.length, before + 1, "nothing sent");
  assert.ok(!`${dry.stdout}${dry.stderr}`.includes(SECRET));
});

test("without a webhook, or without deploys, the digest says what to set or record", () => {
  const none = runCli(["metrics", "digest", "--repo", "acme/shop"], {
    cwd: dir,
    env: { ...ENV, SLACK_WEBHOOK_URL: "" },
  });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no webhook is configured: SLACK_WEBHOOK_URL is not set/);
  const other = runCli(["metrics", "digest", "--repo", "acme/nothing"], {
    cwd: dir,
    env: { ...ENV, SLACK_WEBHOOK_URL: slack.webhookUrl },
  });
  assert.equal(other.code, 2);
  assert.match(other.stderr, /no deploys are known for acme\/nothing/);
  assert.ok(!other.stderr.includes(SECRET));
});
