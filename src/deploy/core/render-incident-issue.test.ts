import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  COMMIT_V1,
  COMMIT_V2,
  rollbackFailedDeploy,
  rolledBackDeploy,
  step,
} from "../../../test/helpers/make-deploy-record.js";
import { environment } from "../../../test/helpers/make-strategy.js";
import { versionKey } from "../../shared/version-key.js";
import { incidentMarker, renderIncidentIssue, type IncidentInput } from "./render-incident-issue.js";

const AT = "2026-11-22T09:05:00.000Z";

function input(extra: Partial<IncidentInput> = {}): IncidentInput {
  return {
    record: rolledBackDeploy(),
    environment: environment("production", { url: "https://app.example.com" }),
    changes: { entries: [], others: [] },
    repositoryUrl: "https://github.com/octo-org/octo-app",
    at: AT,
    ...extra,
  };
}

test("the marker names the environment and version, or the commit when there is no version", () => {
  assert.equal(
    incidentMarker({
      kind: "deploy",
      environment: "production",
      version: "2.0.0",
      commit: "abc",
      previous: null,
    }),
    "<!-- shipready:incident env=production version=2.0.0 -->",
  );
  assert.equal(
    incidentMarker({
      kind: "deploy",
      environment: "eu west",
      version: null,
      commit: "abc123",
      previous: null,
    }),
    "<!-- shipready:incident env=eu%20west commit=abc123 -->",
  );
});

test("v2.0.0 and 2.0.0 are one version: a re-run that writes it either way finds the same incident", () => {
  const of = (version: string) =>
    incidentMarker({ kind: "deploy", environment: "production", version, commit: "abc", previous: null });
  assert.equal(of("v2.0.0"), of("2.0.0"));
  assert.equal(of(" V2.0.0"), of("2.0.0"));
  assert.notEqual(of("vnext"), of("next"));
});

test("a manual rollback of a version shares the incident of the deploy of it that was rolled back", () => {
  const deploy = rolledBackDeploy();
  const manual = {
    ...deploy,
    kind: "rollback" as const,
    version: "1.4.2",
    commit: COMMIT_V1,
    previous: { version: "2.0.0", commit: COMMIT_V2 },
    outcome: "succeeded" as const,
    steps: deploy.steps.slice(3),
    metrics: [],
    rollback: { trigger: "manual_trigger", reason: "error budget burning", outcome: "succeeded" as const },
  };
  assert.equal(incidentMarker(manual), incidentMarker(deploy));
  const { title, body } = renderIncidentIssue(input({ record: manual }));
  assert.equal(title, "Rollback of v2.0.0 in production: error budget burning");
  assert.match(body, /> \*\*v2\.0\.0\*\* was rolled back in \*\*production\*\* to \*\*v1\.4\.2\*\*\./);
  assert.match(body, /\| Version \| v2\.0\.0 · `2222222` \|/);
  assert.match(body, /\| Previous version \| v1\.4\.2 · `1111111` — what the rollback restores \|/);
  assert.match(body, /\| Rollback started \| /);
  assert.match(body, /\| 1 \| service\\_rollback\.stop \| succeeded \|/);
  assert.match(body, /### The changes rolled back \(v1\.4\.2\.\.v2\.0\.0\)/);
});

test("no environment or version can end the marker's comment early or forge another marker", () => {
  fc.assert(
    fc.property(fc.string(), fc.option(fc.string(), { nil: null }), (env, version) => {
      const marker = incidentMarker({
        kind: "deploy",
        environment: env,
        version,
        commit: "c",
        previous: null,
      });
      const inner = marker.slice("<!-- ".length, -" -->".length);
      assert.match(inner, /^shipready:incident env=[^\s<>]* (version|commit)=[^\s<>]*$/);
      assert.ok(!inner.includes("--"), marker);
    }),
  );
});

test("two different environments or versions never share a marker", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (e1, v1, e2, v2) => {
      fc.pre(e1 !== e2 || versionKey(v1) !== versionKey(v2));
      assert.notEqual(
        incidentMarker({ kind: "deploy", environment: e1, version: v1, commit: null, previous: null }),
        incidentMarker({ kind: "deploy", environment: e2, version: v2, commit: null, previous: null }),
      );
    }),
  );
});

test("outside text is escaped wherever it lands: no HTML, no link, no emphasis, no table cell split", () => {
  const hostile = "a|b **x** [y](javascript:alert(1)) <img src=x onerror=alert(1)> `z` <!-- shipready -->";
  const record = rolledBackDeploy();
  record.environment = `prod|${hostile}`;
  record.actor = hostile;
  record.metrics[0]!.name = hostile;
  record.metrics[0]!.reason = `${hostile}\nsecond line`;
  record.rollback!.reason = hostile;
  record.rollback!.trigger = hostile;
  record.steps[3]!.name = hostile;
  const { body, title } = renderIncidentIssue(
    input({
      record,
      changes: {
        entries: [
          {
            sha: "a".repeat(40),
            type: "feat",
            scope: hostile,
            subject: hostile,
            breaking: true,
            breakingNote: hostile,
            references: [],
          },
        ],
        others: [{ sha: "b".repeat(40), header: hostile }],
      },
    }),
  );
  const lines = body.split("\n");
  // Only the marker is an HTML comment, and only on the first line.
  assert.equal(lines.filter((l) => l.includes("<!--")).length, 1);
  assert.ok(lines[0]!.startsWith("<!-- shipready:incident env=prod%7Ca%7Cb"));
  // A backslash before < shows it as text: only an unescaped one opens a tag.
  assert.ok(!/(^|[^\\])<(img|script|b)\b/im.test(body), body);
  assert.ok(!/(^|[^\\])\]\(javascript:/m.test(body), body);
  // Every table row keeps its column count: no pipe from outside splits a cell.
  const unescapedPipes = (line: string) => line.replace(/\\\|/g, "").split("|").length - 1;
  const metricRow = lines.find((l) => l.startsWith("| a\\|b"))!;
  assert.equal(unescapedPipes(metricRow), 7, metricRow);
  const stepRow = lines.find((l) => l.startsWith("| 1 | a\\|b"))!;
  assert.equal(unescapedPipes(stepRow), 6, stepRow);
  const facts = lines.filter((l) => /^\| (Environment|Deploy started|Trigger) \|/.test(l));
  assert.equal(facts.length, 3);
  for (const row of facts) assert.equal(unescapedPipes(row), 3, row);
  assert.ok(!title.includes("\n"));
});

test("a rollback that failed says which step, what ran, what did not, and the step's last lines in a fence they cannot close", () => {
  const record = rollbackFailedDeploy(undefined, ["```", "````", "error: manifest unknown"]);
  const { body, title } = renderIncidentIssue(input({ record }));
  assert.equal(
    title,
    "Rollback of v2.0.0 in production failed at service_rollback.revert: error_ratio 0.083 > 0.01",
  );
  assert.match(body, /> \[!CAUTION\]/);
  assert.match(body, /\| Rollback \| \*\*failed\*\* at service\\_rollback\.revert \|/);
  assert.match(body, /\| 3 \| service\\_rollback\.start \| skipped \| 0 ms \| — \|/);
  assert.match(
    body,
    /service\\_rollback\.stop ran; service\\_rollback\.revert did not finish; service\\_rollback\.start did not run/,
  );
  assert.match(
    body,
    /neither \*\*v2\.0\.0\*\* nor \*\*v1\.4\.2\*\* can be assumed to be running|neither v2\.0\.0 nor v1\.4\.2 can be assumed to be running/,
  );
  assert.ok(body.includes("`````text\n```\n````\nerror: manifest unknown\n`````"), body);
});

test("the changes: a compare link, the changelog entries, the rest counted; or why they could not be read", () => {
  const entries = Array.from({ length: 60 }, (_, i) => ({
    sha: i.toString(16).padStart(40, "0"),
    type: "fix",
    scope: null,
    subject: `fix number ${i}`,
    breaking: false,
    breakingNote: null,
    references: [],
  }));
  const many = renderIncidentIssue(input({ changes: { entries, others: [] } })).body;
  assert.match(many, /60 commits, 60 of them in the changelog:/);
  assert.match(many, /- \*\*fix:\*\* fix number 49 /);
  assert.ok(!many.includes("fix number 50 "));
  assert.match(many, /- …and 10 more/);
  assert.match(
    many,
    /\[Compare 1111111\.\.\.2222222\]\(https:\/\/github\.com\/octo-org\/octo-app\/compare\/1{40}\.\.\.2{40}\)/,
  );
  const unread = renderIncidentIssue(
    input({ changes: { error: "the range runs into a shallow clone's edge. Fetch the full history" } }),
  ).body;
  assert.match(
    unread,
    /The commits between them could not be read: the range runs into a shallow clone's edge\./,
  );
});

test("a body stays within GitHub's limit however long the record", () => {
  const record = rolledBackDeploy();
  record.metrics = Array.from({ length: 500 }, (_, i) => ({
    ...record.metrics[0]!,
    name: `m${i}`,
    reason: "x".repeat(5000),
  }));
  record.steps = [
    step("verify", record.startedAt, 1, { status: "failed" }),
    ...Array.from({ length: 500 }, (_, i) => step(`s${i}`.repeat(200), record.startedAt, 1)),
  ];
  const { body } = renderIncidentIssue(input({ record }));
  assert.ok(body.length < 65_536, String(body.length));
  assert.match(body, /…and 480 more\./);
});
