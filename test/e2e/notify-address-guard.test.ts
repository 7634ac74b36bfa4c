import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { initRepo } from "../helpers/git-repo.js";
import { runCliAsync } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// The webhook URL's last part is a planted secret: it must appear in no output or file.
const CANARY = "CANARYguardSECRET";

function makeProject(shipready: string): string {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "RELEASE.md"),
    "# Release\n\n| Gate | Status |\n|------|--------|\n| Build | PASS |\n",
  );
  writeFileSync(join(dir, "shipready.yml"), `checklist: RELEASE.md\nnotify:\n  policy: always\n${shipready}`);
  initRepo(dir);
  return dir;
}

test("a Slack webhook at the metadata address is refused with a warning naming SLACK_WEBHOOK_URL, not the URL", async () => {
  const dir = makeProject("");
  const result = await runCliAsync(["update", "--notify", "--now", "2026-11-21T09:00:00Z"], {
    cwd: dir,
    env: { SLACK_WEBHOOK_URL: `http://169.254.169.254/services/T000/B000/${CANARY}` },
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /the notification was not sent: the Slack webhook points to a cloud metadata address, refused on purpose/,
  );
  assert.match(result.stdout, /Set SLACK_WEBHOOK_URL \(or the variable notify\.slack\.webhook names\)/);
  for (const text of [result.stdout, result.stderr, readFileSync(join(dir, "RELEASE.md"), "utf8")]) {
    assert.ok(!text.includes(CANARY), "the URL leaked");
    assert.ok(!text.includes("169.254"), "the Slack URL's host leaked");
  }
});

test("a generic webhook whose host is link-local is refused, naming notify.webhook.url", async () => {
  const dir = makeProject(`  webhook: { url: "http://[fe80::1]:8080/hooks/${CANARY}" }\n`);
  const result = await runCliAsync(["update", "--notify", "--json", "--now", "2026-11-21T09:00:00Z"], {
    cwd: dir,
  });
  assert.equal(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout) as {
    notify: { failed: { target: string; message: string; fix: string }[] };
  };
  const failed = json.notify.failed[0]!;
  assert.equal(failed.target, "webhook");
  assert.match(
    failed.message,
    /the webhook at \[fe80::1\]:8080 points to a link-local address, refused on purpose/,
  );
  assert.match(failed.fix, /Set notify\.webhook\.url in shipready\.yml/);
  assert.ok(!result.stdout.includes(CANARY) && !result.stderr.includes(CANARY), "the URL leaked");
});
