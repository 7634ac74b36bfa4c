import assert from "node:assert/strict";
import { test } from "node:test";
import { deployFromDeployment, deployFromRun, deployFromTag, incidentFromIssue } from "./from-github.js";
import type { GitHubIssueRecord, GitHubRunRecord } from "./github-records.js";

const SHA = "3f2a9c1d0e4b5a6978877665544332211aabbccd";
const DEPLOYMENT = {
  id: 42,
  sha: SHA,
  ref: "v1.4.2",
  environment: "Production",
  createdAt: "2026-03-02T10:00:00Z",
};
const status = (state: string, createdAt: string, description = "") => ({
  state,
  createdAt,
  description,
  url: `https://ci.example.com/${state}`,
});

test("a deployment's latest status decides what became of it", () => {
  const cases: [string, ReturnType<typeof status>[], string, string][] = [
    [
      "success",
      [status("in_progress", "2026-03-02T10:01:00Z"), status("success", "2026-03-02T10:05:00Z")],
      "success",
      "2026-03-02T10:05:00Z",
    ],
    [
      "failure",
      [status("failure", "2026-03-02T10:05:00Z", "health check failed")],
      "failure",
      "2026-03-02T10:05:00Z",
    ],
    ["error", [status("error", "2026-03-02T10:05:00Z")], "failure", "2026-03-02T10:05:00Z"],
    // An older deployment is made inactive when a newer one succeeds: it went out, at its success.
    [
      "inactive after success",
      [status("success", "2026-03-02T10:05:00Z"), status("inactive", "2026-03-03T09:00:00Z")],
      "success",
      "2026-03-02T10:05:00Z",
    ],
    [
      "inactive without success",
      [status("queued", "2026-03-02T10:01:00Z"), status("inactive", "2026-03-02T11:00:00Z")],
      "aborted",
      "2026-03-02T11:00:00Z",
    ],
    ["in progress", [status("in_progress", "2026-03-02T10:01:00Z")], "running", "2026-03-02T10:01:00Z"],
    ["queued", [status("queued", "2026-03-02T10:01:00Z")], "running", "2026-03-02T10:01:00Z"],
    ["pending", [status("pending", "2026-03-02T10:01:00Z")], "running", "2026-03-02T10:01:00Z"],
    ["no status", [], "running", "2026-03-02T10:00:00Z"],
  ];
  for (const [name, statuses, expected, finishedAt] of cases) {
    // The order GitHub lists them in does not matter.
    for (const list of [statuses, [...statuses].reverse()]) {
      const event = deployFromDeployment("o/shop", DEPLOYMENT, list);
      assert.equal(event.status, expected, name);
      assert.equal(event.finishedAt, finishedAt, name);
    }
  }
});

test("a deployment keeps GitHub's environment name, its ref as version, its sha and the status's words and link", () => {
  const event = deployFromDeployment("o/shop", DEPLOYMENT, [
    status("failure", "2026-03-02T10:05:00Z", " health check failed "),
  ]);
  assert.deepEqual(event, {
    repo: "o/shop",
    source: "github-deployment",
    sourceId: "42",
    environment: "Production",
    version: "v1.4.2",
    commit: SHA,
    startedAt: "2026-03-02T10:00:00Z",
    finishedAt: "2026-03-02T10:05:00Z",
    status: "failure",
    statusReason: "health check failed",
    rework: null,
    fixes: null,
    changes: null,
    url: "https://ci.example.com/failure",
  });
  // A deployment of a commit by its sha has no version.
  assert.equal(deployFromDeployment("o/shop", { ...DEPLOYMENT, ref: SHA }, []).version, null);
});

const RUN: GitHubRunRecord = {
  id: 7,
  headSha: SHA,
  headBranch: "main",
  status: "completed",
  conclusion: "success",
  createdAt: "2026-03-02T10:00:00Z",
  updatedAt: "2026-03-02T10:09:00Z",
  runStartedAt: "2026-03-02T10:00:30Z",
  htmlUrl: "https://github.com/o/shop/actions/runs/7",
};

test("a completed deploy workflow run is a deploy: success, failure, or never went out", () => {
  const cases: [string | null, string | null, string | null][] = [
    ["completed", "success", "success"],
    ["completed", "failure", "failure"],
    ["completed", "timed_out", "failure"],
    ["completed", "cancelled", "aborted"],
    ["completed", "skipped", "aborted"],
    ["completed", "startup_failure", "aborted"],
    ["completed", "neutral", null],
    ["completed", "action_required", null],
    ["in_progress", null, null],
  ];
  for (const [runStatus, conclusion, expected] of cases) {
    const event = deployFromRun(
      "o/shop",
      "deploy.yml",
      { ...RUN, status: runStatus, conclusion },
      "production",
    );
    assert.equal(event?.status ?? null, expected, `${runStatus} ${conclusion}`);
  }
  const event = deployFromRun("o/shop", "deploy.yml", RUN, "production")!;
  assert.equal(event.environment, "production");
  assert.equal(event.finishedAt, RUN.updatedAt);
  assert.equal(event.startedAt, RUN.runStartedAt);
  assert.equal(event.sourceId, "7");
});

const ISSUE: GitHubIssueRecord = {
  number: 12,
  title: "Checkout is down",
  body: "",
  createdAt: "2026-03-02T11:00:00Z",
  updatedAt: "2026-03-02T12:00:00Z",
  closedAt: "2026-03-02T12:00:00Z",
  labels: ["incident"],
  htmlUrl: "https://github.com/o/shop/issues/12",
  pullRequest: false,
};

test("an incident issue names its cause by Caused-by (body or title) or a link to a commit or release", () => {
  const cases: [Partial<GitHubIssueRecord>, [string | null, string | null, string | null]][] = [
    [{ body: "Users cannot pay.\n\nCaused-by: v1.4.2\n" }, ["v1.4.2", null, null]],
    [{ title: "Caused-by: deploy:42" }, [null, null, "42"]],
    [
      { body: "Broken since https://github.com/o/shop/commit/3f2a9c1d0e4b5a69 was deployed" },
      [null, "3f2a9c1d0e4b5a69", null],
    ],
    [
      { body: "See https://github.com/o/shop/releases/tag/v2.0.0 and https://status.example.com" },
      ["v2.0.0", null, null],
    ],
    [
      { body: "Caused-by: v1.4.2\nhttps://github.com/o/shop/commit/3f2a9c1d0e4b5a69" },
      ["v1.4.2", null, null],
    ],
    [{ body: "No idea yet, see https://status.example.com/incidents/1" }, [null, null, null]],
  ];
  for (const [change, [version, commit, deployId]] of cases) {
    const incident = incidentFromIssue("o/shop", { ...ISSUE, ...change })!;
    assert.deepEqual(
      [incident.causeVersion, incident.causeCommit, incident.causeDeployId],
      [version, commit, deployId],
      JSON.stringify(change),
    );
  }
  const incident = incidentFromIssue("o/shop", ISSUE)!;
  assert.equal(incident.openedAt, ISSUE.createdAt);
  assert.equal(incident.resolvedAt, ISSUE.closedAt);
  assert.equal(incident.sourceId, "12");
  assert.equal(incidentFromIssue("o/shop", { ...ISSUE, pullRequest: true }), null);
});

test("a tag is a successful deploy at its commit's time", () => {
  const event = deployFromTag(
    "o/shop",
    { name: "v1.0.0", sha: SHA },
    "2026-01-01T00:00:00.000Z",
    "production",
    "https://github.com/o/shop",
  );
  assert.equal(event.source, "tag");
  assert.equal(event.version, "v1.0.0");
  assert.equal(event.status, "success");
  assert.equal(event.url, "https://github.com/o/shop/releases/tag/v1.0.0");
});
