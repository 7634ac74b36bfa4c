import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answerShape } from "./github-answers.js";

const RUN = {
  id: 7,
  name: "CI",
  node_id: "WFR_7",
  head_branch: "main",
  head_sha: "a".repeat(40),
  event: "push",
  status: "completed",
  conclusion: "success",
  workflow_id: 3,
  html_url: "https://github.com/o/r/actions/runs/7",
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:05:00Z",
  run_started_at: "2024-01-01T00:01:00Z",
  actor: { login: "octocat", id: 1 },
  head_commit: { id: "a".repeat(40), message: "A long commit message" },
};

describe("answerShape", () => {
  it("keeps only the fields read from a page of runs, with total_count first for the paginator", () => {
    const shape = answerShape("/repos/o/r/actions/workflows/ci.yml/runs");
    assert.ok(shape);
    const compact = JSON.parse(shape.compact(JSON.stringify({ total_count: 1, workflow_runs: [RUN] })));
    assert.deepEqual(Object.keys(compact), ["total_count", "workflow_runs"]);
    const { node_id: _node, actor: _actor, head_commit: _commit, ...kept } = RUN;
    assert.deepEqual(compact.workflow_runs, [kept]);
  });

  it("keeps nested fields and reads a top-level array item by item", () => {
    const shape = answerShape("/repos/o/r/code-scanning/alerts");
    assert.ok(shape);
    const alert = {
      number: 1,
      state: "open",
      rule: { id: "js/x", severity: "error", security_severity_level: null, description: "D", tags: ["t"] },
      most_recent_instance: { ref: "refs/heads/main", message: { text: "M" } },
      html_url: "https://github.com/o/r/security/code-scanning/1",
      created_at: "2024-01-01T00:00:00Z",
    };
    assert.deepEqual(JSON.parse(shape.compact(JSON.stringify([alert]))), [
      {
        number: 1,
        rule: { security_severity_level: null, severity: "error", description: "D" },
        most_recent_instance: { message: { text: "M" } },
        html_url: alert.html_url,
        created_at: alert.created_at,
      },
    ]);
  });

  it("knows a repository written by id, as Link headers may write it", () => {
    const byName = answerShape("/repos/o/r/actions/workflows/3/runs");
    assert.ok(byName);
    assert.equal(answerShape("/repositories/123/actions/workflows/3/runs")?.id, byName.id);
    assert.deepEqual(
      JSON.parse(answerShape("/repos/o/r")?.compact('{"id":1,"default_branch":"trunk"}') ?? ""),
      {
        default_branch: "trunk",
      },
    );
  });

  it("leaves other paths whole, and a body that is not JSON as it is", () => {
    assert.equal(answerShape("/repos/o/r/actions/runs/7"), null);
    assert.equal(answerShape("/repos/o/r/actions/workflows/3/runs/extra"), null);
    assert.equal(answerShape("/repos/o/r/dependabot/alerts")?.compact("<html>"), "<html>");
  });

  it("names each shape apart, so a cache never mixes answers cut for other fields", () => {
    const ids = [
      "/repos/o/r",
      "/repos/o/r/actions/workflows",
      "/repos/o/r/actions/workflows/3/runs",
      "/repos/o/r/commits/main/check-runs",
      "/repos/o/r/commits/main/status",
      "/repos/o/r/dependabot/alerts",
      "/repos/o/r/code-scanning/alerts",
    ].map((path) => answerShape(path)?.id);
    assert.ok(ids.every((id) => id !== undefined));
    assert.equal(new Set(ids).size, ids.length);
  });
});
