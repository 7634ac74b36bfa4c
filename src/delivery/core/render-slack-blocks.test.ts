import assert from "node:assert/strict";
import { test } from "node:test";
import { checkSlackMessage } from "../../../test/helpers/fake-slack.js";
import type { Blocker } from "../../readiness/types.js";
import type { FailingWorkflow, ReadinessNotification } from "../types.js";
import { escapeMrkdwn, renderSlackBlocks, type SlackBlock } from "./render-slack-blocks.js";
import { renderWebhookPayload } from "./render-webhook-payload.js";

function notification(overrides: Partial<ReadinessNotification> = {}): ReadinessNotification {
  return {
    checklist: "docs/RELEASE.md",
    score: 72.5,
    band: { name: "In Progress", min: 70, emoji: "🟠" },
    ready: false,
    threshold: 90,
    coverage: 100,
    previous: { at: "2026-11-21T09:00:00.000Z", score: 80, band: "In Progress", ready: false },
    change: -7.5,
    blockers: [],
    toReady: null,
    failingWorkflows: [],
    links: {
      checklist: "https://github.com/o/r/blob/main/docs/RELEASE.md",
      ci: "https://github.com/o/r/actions",
    },
    at: "2026-11-22T09:00:00.000Z",
    commit: "0123456789abcdef",
    reason: "not ready: 72.5% is below the threshold of 90%",
    ...overrides,
  };
}

function blocker(i: number, gate = `Gate ${i}`): Blocker {
  return { gate, category: "Core Gates", line: i, outcome: "fail", reason: `failed (command: exit ${i})` };
}

function workflow(i: number, passRate: number | null = i): FailingWorkflow {
  return {
    name: `Workflow ${i}`,
    url: `https://github.com/o/r/actions/workflows/w${i}.yml`,
    runUrl: `https://github.com/o/r/actions/runs/${1000 + i}`,
    conclusion: "failure",
    passRate,
  };
}

function textOf(block: SlackBlock | undefined): string {
  assert.ok(block && block.type === "section" && block.text);
  return block.text.text;
}

test("header, score fields, blockers, failing workflows with links, buttons and a fallback text", () => {
  const message = renderSlackBlocks(
    notification({ blockers: [blocker(1, "Security Audit")], failingWorkflows: [workflow(1, 50)] }),
  );
  assert.deepEqual(checkSlackMessage(message), []);
  assert.deepEqual(
    message.blocks.map((b) => b.type),
    ["header", "section", "section", "section", "actions", "context"],
  );
  const header = message.blocks[0];
  assert.ok(header?.type === "header");
  assert.equal(header.text.text, "🟠 Release readiness 72.5%: In Progress");
  const summary = message.blocks[1];
  assert.ok(summary?.type === "section");
  assert.deepEqual(
    summary.fields?.map((f) => f.text),
    [
      "*Score*\n72.5%",
      "*Band*\nIn Progress",
      "*Verdict*\nnot ready",
      "*Since the last run*\n↓ -7.5 points from 80%",
      "*Blockers*\n1",
      "*Coverage*\n100%",
    ],
  );
  assert.match(textOf(message.blocks[2]), /^\*Blockers \(1\)\*\n• \*Security Audit\* \(Core Gates\): failed/);
  assert.equal(
    textOf(message.blocks[3]),
    "*Failing workflows (1)*\n• <https://github.com/o/r/actions/runs/1001|Workflow 1>: last run failure, pass rate 50%",
  );
  const actions = message.blocks[4];
  assert.ok(actions?.type === "actions");
  assert.deepEqual(
    actions.elements.map((e) => [e.text.text, e.url]),
    [
      ["Open the checklist", "https://github.com/o/r/blob/main/docs/RELEASE.md"],
      ["CI runs", "https://github.com/o/r/actions"],
    ],
  );
  assert.equal(
    message.text,
    "Release readiness of docs/RELEASE.md: 72.5% (In Progress), not ready, 1 blocker",
  );
});

test('500 blockers and 100 failing workflows stay within Slack\'s limits, cut with "and N more"', () => {
  const long = "x".repeat(5000);
  const message = renderSlackBlocks(
    notification({
      checklist: long,
      band: { name: long, min: 0, emoji: "🔴" },
      blockers: Array.from({ length: 500 }, (_, i) => blocker(i, `${long} <!channel> & ${i}`)),
      failingWorkflows: Array.from({ length: 100 }, (_, i) => workflow(i)),
      reason: long,
    }),
  );
  assert.deepEqual(checkSlackMessage(message), []);
  assert.match(textOf(message.blocks[2]), /\n…and 49\d more$/);
  assert.match(textOf(message.blocks[3]), /^\*Failing workflows \(100\)\*\n(• .*\n){3}…and 97 more$/);
  // The worst pass rate first, as the notification orders them.
  assert.match(textOf(message.blocks[3]), /\|Workflow 0>/);
});

test("many short blockers show the first ten, then how many more", () => {
  const message = renderSlackBlocks(
    notification({ blockers: Array.from({ length: 25 }, (_, i) => blocker(i)) }),
  );
  assert.deepEqual(checkSlackMessage(message), []);
  const lines = textOf(message.blocks[2]).split("\n");
  assert.equal(lines.length, 12);
  assert.equal(lines.at(-1), "…and 15 more");
});

test("gate names cannot mention, link or format their way out of the text", () => {
  const evil = "<!channel> <@U123|boss> <https://evil.example|click> & @here";
  const message = renderSlackBlocks(
    notification({
      checklist: "<!here>.md",
      blockers: [blocker(1, evil)],
      failingWorkflows: [
        { ...workflow(1), name: "<!everyone>", runUrl: "javascript:alert(1)", url: "https://x.example/a|b" },
      ],
    }),
  );
  assert.deepEqual(checkSlackMessage(message), []);
  const all = JSON.stringify(message);
  assert.ok(!/<!(channel|here|everyone)/.test(all), all);
  assert.ok(!all.includes("<@U123"));
  assert.ok(!all.includes("javascript:"));
  assert.match(
    textOf(message.blocks[2]),
    /&lt;!channel&gt; &lt;@U123\|boss&gt; &lt;https:\/\/evil\.example\|click&gt; &amp; @\u2060here/,
  );
  assert.match(textOf(message.blocks[3]), /<https:\/\/x\.example\/a%7Cb\|&lt;!everyone&gt;>/);
  assert.equal(escapeMrkdwn("a & b < c > d"), "a &amp; b &lt; c &gt; d");
});

test("without history, a CI snapshot or links, those parts are left out", () => {
  const message = renderSlackBlocks(
    notification({
      previous: null,
      change: null,
      links: { checklist: null, ci: null },
      commit: null,
      ready: true,
    }),
  );
  assert.deepEqual(checkSlackMessage(message), []);
  assert.deepEqual(
    message.blocks.map((b) => b.type),
    ["header", "section", "context"],
  );
  assert.match(JSON.stringify(message), /no earlier run/);
});

test("the webhook payload carries the documented keys, with at most 100 blockers", () => {
  const payload = renderWebhookPayload(
    notification({
      blockers: Array.from({ length: 150 }, (_, i) => blocker(i)),
      failingWorkflows: [workflow(1)],
    }),
  );
  assert.deepEqual(Object.keys(payload), [
    "source",
    "version",
    "checklist",
    "score",
    "band",
    "ready",
    "threshold",
    "coverage",
    "previous",
    "change",
    "blockerCount",
    "blockers",
    "failingWorkflows",
    "links",
    "at",
    "commit",
    "reason",
  ]);
  assert.equal(payload.blockerCount, 150);
  assert.equal((payload.blockers as unknown[]).length, 100);
  assert.equal(payload.band, "In Progress");
});

test("the way to ready lists the gates to pass by owner with their points, escaped", () => {
  const message = renderSlackBlocks(
    notification({
      toReady: {
        missing: 12.07,
        reachable: true,
        gates: [
          {
            name: "Security <!channel> Audit",
            category: "Core",
            line: 3,
            owner: "@here",
            required: true,
            adds: 6.25,
          },
          { name: "Load Testing", category: "Optional", line: 9, required: false, adds: 2.5 },
          { name: "Rollback", category: "Optional", line: 10, owner: "@here", required: false, adds: 2.5 },
        ],
      },
    }),
  );
  assert.deepEqual(checkSlackMessage(message), []);
  assert.equal(
    textOf(message.blocks[2]),
    [
      "*To reach 90%: 12.1 points missing*, pass:",
      "• @\u2060here: *Security &lt;!channel&gt; Audit* (+6.3, required)",
      "• @\u2060here: *Rollback* (+2.5)",
      "• *Load Testing* (+2.5)",
    ].join("\n"),
  );
  const many = renderSlackBlocks(
    notification({
      toReady: {
        missing: 30,
        reachable: true,
        gates: Array.from({ length: 25 }, (_, i) => ({
          name: `Gate ${i}`,
          category: "Core",
          line: i,
          required: false,
          adds: 1.2,
        })),
      },
    }),
  );
  assert.match(textOf(many.blocks[2]), /• \*Gate 9\* \(\+1\.2\)\n…and 15 more$/);
});
