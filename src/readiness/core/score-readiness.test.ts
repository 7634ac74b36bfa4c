import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_BANDS } from "../../config/defaults.js";
import type { AssessedGate, CategorySpec, ScoringRules } from "../types.js";
import type { Outcome } from "../../types.js";
import { bandFor, scoreReadiness } from "./score-readiness.js";

function gates(category: string, outcomes: Outcome[], required = false): AssessedGate[] {
  return outcomes.map((outcome, i) => ({
    name: `${category} gate ${i}`,
    category,
    line: i + 1,
    outcome,
    required,
    provenance: { kind: "checklist", source: `c.md:${i + 1}`, observedAt: null },
  }));
}

function rules(categories: CategorySpec[], extra: Partial<ScoringRules> = {}): ScoringRules {
  return { categories, bands: [...DEFAULT_BANDS], threshold: 90, inconclusive: "zero", ...extra };
}

test("a category scores pass and waived in full, warn at half, pending and fail at zero; n/a does not apply", () => {
  const r = scoreReadiness(
    gates("A", ["pass", "waived", "warn", "pending", "fail", "n/a"]),
    rules([{ name: "A", weight: 1, required: false }]),
  );
  const a = r.categories[0]!;
  assert.equal(a.total, 5);
  assert.equal(a.passed, 2);
  assert.equal(a.score, 50); // (2 + 0.5) / 5
  assert.equal(r.score, 50);
});

test("the seed's weights give 77.9 for its tables' counts", () => {
  const all = [
    ...gates("Core", [...Array(7).fill("pass"), "pending"]),
    ...gates("Optional", [...Array(6).fill("pass"), "pending", "pending"]),
    ...gates("Deploy", [...Array(5).fill("pass"), "pending", "pending", "pending"]),
    ...gates("SignOff", [...Array(10).fill("pass"), ...Array(5).fill("pending")]),
  ];
  const r = scoreReadiness(
    all,
    rules([
      { name: "Core", weight: 50, required: true },
      { name: "Optional", weight: 20, required: false },
      { name: "Deploy", weight: 20, required: false },
      { name: "SignOff", weight: 10, required: false },
    ]),
  );
  assert.equal(r.score, 77.9);
  assert.equal(r.band.name, "In Progress");
  assert.equal(r.ready, false);
});

test("weights are relative and a category without gates drops out of the total", () => {
  const r = scoreReadiness(
    [...gates("A", ["pass", "pass"]), ...gates("B", ["fail", "pass"])],
    rules([
      { name: "A", weight: 3, required: false },
      { name: "B", weight: 1, required: false },
      { name: "Empty", weight: 100, required: false },
    ]),
  );
  assert.equal(r.score, 87.5); // (3*100 + 1*50) / 4
  assert.equal(r.categories[2]!.score, null);
});

test("inconclusive counts zero by default, shows in coverage, and can be excluded by policy", () => {
  const g = gates("A", ["pass", "pass", "inconclusive", "inconclusive"]);
  const zero = scoreReadiness(g, rules([{ name: "A", weight: 1, required: false }]));
  assert.equal(zero.score, 50);
  assert.equal(zero.coverage, 50);
  const excluded = scoreReadiness(
    g,
    rules([{ name: "A", weight: 1, required: false }], { inconclusive: "exclude" }),
  );
  assert.equal(excluded.score, 100);
  assert.equal(excluded.coverage, 50);
});

test("missing evidence never raises a score: replacing any pass by inconclusive never increases it", () => {
  const base: Outcome[] = ["pass", "warn", "fail", "pending", "pass", "n/a"];
  const before = scoreReadiness(gates("A", base), rules([{ name: "A", weight: 1, required: false }])).score;
  base.forEach((o, i) => {
    const changed = [...base];
    changed[i] = "inconclusive";
    const after = scoreReadiness(
      gates("A", changed),
      rules([{ name: "A", weight: 1, required: false }]),
    ).score;
    if (o !== "n/a") assert.ok(after <= before, `replacing ${o} at ${i}: ${after} > ${before}`);
  });
});

test("a required gate that is not pass or waived vetoes the release whatever the total", () => {
  const g = [...gates("A", Array(99).fill("pass")), ...gates("Core", ["warn"], true)];
  const r = scoreReadiness(
    g,
    rules([
      { name: "A", weight: 99, required: false },
      { name: "Core", weight: 1, required: true },
    ]),
  );
  assert.ok(r.score >= 90);
  assert.equal(r.ready, false);
  assert.deepEqual(
    r.blockers.map((b) => [b.gate, b.outcome]),
    [["Core gate 0", "warn"]],
  );
});

test("ready needs the threshold and no blockers; waived required gates do not block", () => {
  const g = [...gates("Core", ["pass", "waived"], true)];
  const r = scoreReadiness(g, rules([{ name: "Core", weight: 1, required: true }]));
  assert.equal(r.ready, true);
  assert.deepEqual(r.blockers, []);
  const strict = scoreReadiness(
    g,
    rules([{ name: "Core", weight: 1, required: true }], { threshold: 100.1 }),
  );
  assert.equal(strict.ready, false);
});

test("bands follow the seed's ranges at their boundaries", () => {
  const cases: [number, string][] = [
    [100, "Release Ready"],
    [95, "Release Ready"],
    [94.9, "Nearly Ready"],
    [90, "Nearly Ready"],
    [89.9, "Minor Blockers"],
    [85, "Minor Blockers"],
    [84.9, "In Progress"],
    [70, "In Progress"],
    [69.9, "Not Ready"],
    [0, "Not Ready"],
  ];
  for (const [score, band] of cases) assert.equal(bandFor(score, DEFAULT_BANDS).name, band, String(score));
});
