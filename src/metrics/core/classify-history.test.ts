import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import fc from "fast-check";
import type { ChangeCommit, DeployEvent, IncidentEvent, RecoveryEvent } from "../types.js";
import { classifyHistory, isFixCommit, type ChangeLookup, type HistoryInput } from "./classify-history.js";
import { planChangeRanges } from "./plan-change-ranges.js";

const H = 3_600_000;
const T0 = Date.parse("2026-03-02T00:00:00Z");
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

function deploy(id: string, hours: number, fields: Partial<DeployEvent> = {}): DeployEvent {
  return {
    repo: "acme/shop",
    source: "record",
    sourceId: id,
    environment: "production",
    version: null,
    commit: `c-${id}`,
    startedAt: null,
    finishedAt: at(hours),
    status: "success",
    statusReason: null,
    rework: null,
    fixes: null,
    changes: null,
    url: null,
    ...fields,
  };
}

function incident(id: string, opened: number, fields: Partial<IncidentEvent> = {}): IncidentEvent {
  return {
    repo: "acme/shop",
    source: "record",
    sourceId: id,
    environment: null,
    openedAt: at(opened),
    resolvedAt: null,
    causeVersion: null,
    causeCommit: null,
    causeDeployId: null,
    title: null,
    url: null,
    ...fields,
  };
}

function recovery(id: string, hours: number, fields: Partial<RecoveryEvent> = {}): RecoveryEvent {
  return {
    repo: "acme/shop",
    source: "record",
    sourceId: id,
    environment: "production",
    at: at(hours),
    kind: "rollback",
    succeeded: true,
    causeDeployId: null,
    causeVersion: null,
    causeCommit: null,
    incidentId: null,
    fixVersion: null,
    fixCommit: null,
    reason: null,
    ...fields,
  };
}

const commit = (sha: string, hours: number, subject: string): ChangeCommit => ({
  sha,
  at: at(hours),
  subject,
});

/** Ranges as git would answer them, from a table "from..to" -> commits. */
function lookupFrom(table: Record<string, ChangeCommit[]>): ChangeLookup {
  return (from, to) => table[`${from}..${to}`];
}

function classify(fields: Partial<HistoryInput>) {
  return classifyHistory({
    deploys: [],
    incidents: [],
    recoveries: [],
    matches: ["production", "prod"],
    since: T0 - 1000 * H,
    until: T0 + 1000 * H,
    changes: () => undefined,
    ...fields,
  });
}

function verdictOf(history: ReturnType<typeof classify>, id: string) {
  const found = history.verdicts.find((v) => v.entry.deploy.sourceId === id);
  assert.ok(found, `no verdict for ${id}`);
  return found;
}

describe("failed deployments", () => {
  it("a rollback makes the deploy it names failed, and its end is the recovery", () => {
    const history = classify({
      deploys: [deploy("a", 0), deploy("b", 10), deploy("c", 20)],
      recoveries: [recovery("r", 10.5, { causeDeployId: "b", reason: "error ratio 8%" })],
    });
    const b = verdictOf(history, "b");
    assert.equal(b.failures.length, 1);
    assert.match(b.failures[0]!.text, /rolled back by record:r: error ratio 8%/);
    assert.equal(b.recoverySeconds, 0.5 * 3600);
    assert.equal(verdictOf(history, "a").failures.length, 0);
    assert.equal(verdictOf(history, "c").failures.length, 0);
  });

  it("a failed status without a rollback is recovered by the next successful deploy", () => {
    const history = classify({
      deploys: [
        deploy("a", 0, { status: "failure", statusReason: "verification failed" }),
        deploy("b", 2, { status: "rolled-back" }),
        deploy("c", 5),
      ],
    });
    assert.equal(verdictOf(history, "a").recoverySeconds, 5 * 3600);
    assert.equal(verdictOf(history, "b").recoverySeconds, 3 * 3600);
    assert.match(verdictOf(history, "a").recoveryWhy!, /next successful deploy record:c/);
  });

  it("a failure with nothing after it stays open", () => {
    const history = classify({ deploys: [deploy("a", 0), deploy("b", 1, { status: "failure" })] });
    const b = verdictOf(history, "b");
    assert.equal(b.open, true);
    assert.equal(b.recoverySeconds, null);
  });

  it("an aborted or running deploy is not a deployment; a duplicate from a less trusted source counts once", () => {
    const history = classify({
      deploys: [
        deploy("a", 0, { status: "aborted", statusReason: "step deploy failed" }),
        deploy("b", 1, { status: "running" }),
        deploy("c", 2, { commit: "abcdef1234" }),
        deploy("gh-9", 2.5, { source: "github-deployment", commit: "abcdef1" }),
        deploy("d", 2.2, { source: "shipready", commit: "abcdef1234567" }),
      ],
    });
    const counted = history.timeline.counted.map((e) => e.ref);
    assert.deepEqual(counted, ["shipready:d"]);
    assert.match(verdictOf(history, "a").entry.why, /never went out \(step deploy failed\)/);
    assert.equal(verdictOf(history, "c").entry.duplicateOf, "shipready:d");
    assert.equal(verdictOf(history, "gh-9").entry.duplicateOf, "shipready:d");
  });

  it("one source never duplicates itself, and reports over an hour apart are two deploys", () => {
    const history = classify({
      deploys: [
        deploy("a", 0, { commit: "abcdef1" }),
        deploy("b", 0.5, { commit: "abcdef1" }),
        deploy("gh", 2, { source: "github-deployment", commit: "abcdef1" }),
      ],
    });
    assert.equal(history.timeline.counted.length, 3);
  });
});

describe("incidents", () => {
  const deploys = [
    deploy("a", 0, { version: "v1.4.1" }),
    deploy("b", 10, { version: "v1.4.2" }),
    deploy("c", 20, { version: "v1.4.3" }),
  ];

  it("an incident naming a version is linked to that deploy, not the last one", () => {
    const history = classify({
      deploys,
      incidents: [incident("42", 25, { causeVersion: "1.4.2", resolvedAt: at(27) })],
    });
    assert.equal(history.incidents[0]!.linkedTo, "record:b");
    assert.equal(history.incidents[0]!.why, "it names 1.4.2");
    const b = verdictOf(history, "b");
    assert.equal(b.failures[0]!.kind, "incident");
    assert.equal(b.recoverySeconds, 2 * 3600, "from the incident opening to its resolution");
  });

  it("an incident naming nothing goes to the last deploy finished at or before it opened", () => {
    const history = classify({ deploys, incidents: [incident("1", 10), incident("2", 19.9)] });
    assert.deepEqual(
      history.incidents.map((i) => i.linkedTo),
      ["record:b", "record:b"],
    );
    assert.equal(history.incidents[0]!.why, "the last deploy before it opened");
  });

  it("an incident for another environment, or before any deploy, or naming an unknown version is not linked", () => {
    const history = classify({
      deploys,
      incidents: [
        incident("staging", 12, { environment: "staging" }),
        incident("early", -5),
        incident("unknown", 30, { causeVersion: "v9.9.9" }),
      ],
    });
    assert.deepEqual(
      history.incidents.map((i) => [i.linkedTo, i.why]),
      [
        [null, "it opened before any deploy of this environment"],
        [null, "it happened in staging"],
        [null, "it names v9.9.9, which no deploy of this environment carries"],
      ],
    );
  });

  it("an incident opened before the deploy it names is clock skew, reported and not counted", () => {
    const history = classify({ deploys, incidents: [incident("7", 15, { causeVersion: "v1.4.3" })] });
    assert.equal(history.incidents[0]!.linkedTo, null);
    assert.equal(history.skew[0]!.kind, "incident");
    assert.equal(verdictOf(history, "c").failures.length, 0);
  });

  it("the link does not depend on the period asked for (DevLake's window problem)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: -100, max: 600 }),
        fc.integer({ min: 1, max: 700 }),
        (times, opened, since, span) => {
          const many = times.map((t, i) => deploy(`d${i}`, t, { commit: `c${i}` }));
          const wide = classify({ deploys: many, incidents: [incident("x", opened)] });
          const narrow = classify({
            deploys: many,
            incidents: [incident("x", opened)],
            since: T0 + since * H,
            until: T0 + (since + span) * H,
          });
          assert.equal(narrow.incidents[0]!.linkedTo, wide.incidents[0]!.linkedTo);
        },
      ),
    );
  });
});

describe("rework", () => {
  const failedThenNext = (subjects: string[], fields: Partial<DeployEvent> = {}) =>
    classify({
      deploys: [
        deploy("a", 0, { commit: "c1" }),
        deploy("b", 10, { commit: "c2", status: "rolled-back" }),
        deploy("c", 20, { commit: "c3", ...fields }),
      ],
      changes: lookupFrom({
        "c2..c3": subjects.map((s, i) => commit(`f${i}`, 15, s)),
        "c1..c3": [commit("e1", 5, "feat: checkout"), ...subjects.map((s, i) => commit(`f${i}`, 15, s))],
      }),
    });

  const cases: [string, string[], Partial<DeployEvent>, boolean, RegExp][] = [
    [
      "only fixes after a failed deploy",
      ["fix(cart): total", 'Revert "feat: checkout"'],
      {},
      true,
      /adding only fixes \(2 commits\)/,
    ],
    [
      "a fix and a merge",
      ["fix: total", "Merge pull request #12 from acme/fix"],
      {},
      true,
      /only fixes \(1 commit\)/,
    ],
    [
      "a feature among the fixes",
      ["fix: total", "feat: coupons"],
      {},
      false,
      /adds f1 "feat: coupons", not a fix/,
    ],
    ["no new commits", [], {}, false, /adds no commits/],
    ["marked planned", ["fix: total"], { rework: false }, false, /marked planned/],
    ["marked rework", ["feat: coupons"], { rework: true }, true, /marked rework/],
    ["naming what it fixes", ["feat: coupons"], { fixes: "v1.4.2" }, true, /it fixes v1.4.2/],
  ];
  for (const [name, subjects, fields, rework, why] of cases) {
    it(name, () => {
      const c = verdictOf(failedThenNext(subjects, fields), "c");
      assert.equal(c.rework, rework);
      assert.match(c.reworkWhy, why);
    });
  }

  it("fix commits after a deploy that had not failed (or failed only later) are planned work", () => {
    const history = classify({
      deploys: [deploy("a", 0, { commit: "c1" }), deploy("b", 10, { commit: "c2" })],
      incidents: [incident("late", 12)],
      changes: lookupFrom({ "c1..c2": [commit("f", 5, "fix: typo")] }),
    });
    assert.equal(verdictOf(history, "b").rework, false);
    assert.match(verdictOf(history, "b").reworkWhy, /had not failed when it went out/);
  });

  it("a fix recovery names the deploy that fixed it", () => {
    const history = classify({
      deploys: [deploy("a", 0, { version: "v1" }), deploy("b", 10, { version: "v2" })],
      recoveries: [recovery("r", 11, { kind: "fix", causeVersion: "v1", fixVersion: "v2" })],
    });
    assert.equal(verdictOf(history, "b").rework, true);
    assert.equal(verdictOf(history, "a").failures.length, 1);
    assert.equal(verdictOf(history, "a").recoverySeconds, 10 * 3600, "the next successful deploy came first");
  });

  test("fix commits are fix: of any scope and reverts", () => {
    for (const subject of ["fix: a", "fix(api)!: b", "revert: feat: c", 'Revert "feat: d"'])
      assert.ok(isFixCommit(subject), subject);
    for (const subject of ["feat: a", "Fix: a", "fixup! a", "chore: fix a", null])
      assert.ok(!isFixCommit(subject), String(subject));
  });
});

describe("lead time", () => {
  it("counts each change from its first commit to the first successful deploy that took it out", () => {
    const history = classify({
      deploys: [
        deploy("a", 0, { commit: "c1" }),
        deploy("b", 10, { commit: "c2", status: "rolled-back" }),
        deploy("c", 20, { commit: "c3" }),
      ],
      changes: lookupFrom({
        "c1..c3": [commit("x", 2, "feat: x"), commit("y", 18, "fix: y")],
        "c2..c3": [commit("y", 18, "fix: y")],
      }),
    });
    assert.deepEqual(
      verdictOf(history, "c").changes.map((c) => [c.sha, c.seconds / 3600]),
      [
        ["x", 18],
        ["y", 2],
      ],
    );
    assert.deepEqual(
      verdictOf(history, "b").changes,
      [],
      "a failed deploy's changes count at the next success",
    );
    assert.match(verdictOf(history, "a").changesNote!, /first successful deploy known/);
  });

  it("a commit after its deploy is clock skew: reported, not counted", () => {
    const history = classify({
      deploys: [deploy("a", 0, { commit: "c1" }), deploy("b", 10, { commit: "c2" })],
      changes: lookupFrom({ "c1..c2": [commit("late", 11, "feat: late"), commit("ok", 9, "feat: ok")] }),
    });
    assert.deepEqual(
      verdictOf(history, "b").changes.map((c) => c.sha),
      ["ok"],
    );
    assert.equal(history.skew.length, 1);
    assert.match(history.skew[0]!.detail, /commit late at .* is not before the deploy/);
  });

  it("changes a source lists are used as given; a range git could not read is a warning", () => {
    const history = classify({
      deploys: [
        deploy("a", 0, { commit: "c1" }),
        deploy("b", 10, { commit: "c2", changes: [commit("p", 4, "feat: p")] }),
        deploy("c", 20, { commit: "c3" }),
      ],
      changes: (from) => (from === "c2" ? { problem: "git has no commit c3: fetch it" } : undefined),
    });
    assert.deepEqual(
      verdictOf(history, "b").changes.map((c) => c.seconds / 3600),
      [6],
    );
    assert.equal(verdictOf(history, "c").changesNote, "git has no commit c3: fetch it");
    assert.match(history.warnings.join("\n"), /Lead time leaves out record:c: git has no commit c3/);
  });
});

test("planChangeRanges asks for the ranges classifyHistory reads, and only for the period", () => {
  const deploys = [
    deploy("a", 0, { commit: "c1" }),
    deploy("b", 10, { commit: "c2", status: "rolled-back" }),
    deploy("c", 20, { commit: "c3" }),
    deploy("d", 30, { commit: "c3" }),
    deploy("e", 40, { commit: "c4", changes: [] }),
  ];
  const ranges = planChangeRanges(deploys, ["production"], T0 + 5 * H, T0 + 50 * H);
  assert.deepEqual(ranges, [
    { from: "c1", to: "c2" },
    { from: "c1", to: "c3" },
    { from: "c2", to: "c3" },
  ]);
  const asked: string[] = [];
  classify({
    deploys,
    since: T0 + 5 * H,
    until: T0 + 50 * H,
    changes: (from, to) => {
      asked.push(`${from}..${to}`);
      return [];
    },
  });
  const planned = new Set(ranges.map((r) => `${r.from}..${r.to}`));
  for (const range of asked) assert.ok(planned.has(range), `${range} was not planned`);
});
