import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./parse-config.js";

const root = path.resolve("/work/project");
const file = path.join(root, "shipready.yml");

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, file, "shipready.yml");
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return [...error.problems];
  }
  return assert.fail("expected a ConfigError");
}

test("notify: defaults to below-threshold, SLACK_WEBHOOK_URL and a state file beside the history", () => {
  const { config } = parseConfig("history: { file: records/history.jsonl }\n", file);
  assert.deepEqual(config.notify, {
    policy: "below-threshold",
    slack: { webhook: "${SLACK_WEBHOOK_URL}", configured: false },
    webhook: null,
    checklistUrl: null,
    ciUrl: null,
    state: path.join(root, "records", "notified.json"),
  });
});

test("notify: every key is read, paths resolved against the file", () => {
  const { config, warnings } = parseConfig(
    `notify:
  policy: on-change
  slack: { webhook: "\${TEAM_SLACK_HOOK}" }
  webhook:
    url: "\${RELEASE_HOOK}"
    headers: { Authorization: "Bearer \${HOOK_TOKEN}" }
  checklistUrl: https://example.com/checklist
  ciUrl: https://ci.example.com/runs
  state: state/notified.json
`,
    file,
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.notify, {
    policy: "on-change",
    slack: { webhook: "${TEAM_SLACK_HOOK}", configured: true },
    webhook: { url: "${RELEASE_HOOK}", headers: { Authorization: "Bearer ${HOOK_TOKEN}" } },
    checklistUrl: "https://example.com/checklist",
    ciUrl: "https://ci.example.com/runs",
    state: path.join(root, "state", "notified.json"),
  });
});

test("a Slack webhook URL written into the file is a warning that does not repeat it", () => {
  const secret = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";
  const { warnings } = parseConfig(`notify:\n  slack:\n    webhook: ${secret}\n`, file, "shipready.yml");
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0]!,
    /^shipready.yml:3: notify\.slack\.webhook: holds a Slack webhook URL written out/,
  );
  assert.match(warnings[0]!, /create a new webhook/);
  assert.ok(!warnings[0]!.includes("XXXXsecretXXXX"));
});

test("bad notify settings are reported with their lines, and a webhook value is never echoed", () => {
  const problems = problemsOf(`notify:
  policy: sometimes
  slack: { webhook: 42, channel: "#dev" }
  webhook: { url: "  " }
  checklistUrl: ftp://x
`);
  assert.equal(problems.length, 5, problems.join("\n"));
  assert.match(
    problems[0]!,
    /^shipready.yml:2: notify\.policy: expected "below-threshold", "on-change" or "always"/,
  );
  assert.match(problems[1]!, /^shipready.yml:3: notify\.slack\.webhook: expected a URL written as text/);
  assert.match(problems[2]!, /^shipready.yml:3: notify\.slack\.channel: unknown key "channel"/);
  assert.match(problems[3]!, /^shipready.yml:4: notify\.webhook\.url: is blank/);
  assert.match(problems[4]!, /^shipready.yml:5: notify\.checklistUrl: expected an http or https URL/);
  assert.ok(problems.every((p) => !p.includes("42")));
});
