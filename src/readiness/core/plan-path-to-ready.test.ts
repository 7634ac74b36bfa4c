import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DEFAULT_BANDS } from "../../config/defaults.js";
import type { AssessedGate, CategorySpec, InconclusivePolicy, Readiness, ScoringRules } from "../types.js";
import type { Outcome } from "../../types.js";
import { scoreReadiness } from "./score-readiness.js";

function gate(
  category: string,
  outcome: Outcome,
  line: number,
  extra: Partial<AssessedGate> = {},
): AssessedGate {
  return {
    name: `${category} ${line}`,
    category,
    line,
    outcome,
    required: false,
    provenance: { kind: "checklist", source: `c.md:${line}`, observedAt: null },
    ...extra,
  };
}

function rules(categories: CategorySpec[], extra: Partial<ScoringRules> = {}): ScoringRules {
  return { categories, bands: [...DEFAULT_BANDS], threshold: 90, inconclusive: "zero", ...extra };
}

/** The same gates, with those named passing: what the checklist would say once they are done. */
function passing(gates: readonly AssessedGate[], done: readonly { category: string; line: number }[]) {
  return gates.map((g) =>
    done.some((d) => d.category === g.category && d.line === g.line) ? { ...g, outcome: "pass" as const } : g,
  );
}

const SEED_CATEGORIES: CategorySpec[] = [
  { name: "Core Gates", weight: 50, required: true },
  { name: "Optional Gates", weight: 20, required: false },
  { name: "Deployment Automation", weight: 20, required: false },
  { name: "Final Sign-Off", weight: 10, required: false },
];

/** The seed checklist's tables: 7/8 core (Security Audit pending), 6/8 optional, 5/8 deployment, 10/15 sign-off. */
function seedGates(): AssessedGate[] {
  let line = 0;
  const make = (category: string, outcomes: [string, Outcome, string?][]) =>
    outcomes.map(([name, outcome, owner]) =>
      gate(category, outcome, ++line, {
        name,
        required: category === "Core Gates",
        ...(owner ? { owner } : {}),
      }),
    );
  return [
    ...make("Core Gates", [
      ...Array.from({ length: 7 }, (_, i): [string, Outcome] => [`Core ${i}`, "pass"]),
      ["Security Audit", "pending", "@security-team"],
    ]),
    ...make("Optional Gates", [
      ...Array.from({ length: 6 }, (_, i): [string, Outcome] => [`Optional ${i}`, "pass"]),
      ["Load Testing", "pending", "@performance-team"],
      ["Rollback Procedure", "pending", "@devops-team"],
    ]),
    ...make("Deployment Automation", [
      ...Array.from({ length: 5 }, (_, i): [string, Outcome] => [`Deploy ${i}`, "pass"]),
      ["Production Deployment Workflow", "pending", "@devops-team"],
      ["Docker Image Build & Push", "pending", "@devops-team"],
      ["Kubernetes Manifests", "pending", "@platform-team"],
    ]),
    ...make("Final Sign-Off", [
      ...Array.from({ length: 10 }, (_, i): [string, Outcome] => [`Sign-off ${i}`, "pass"]),
      ...Array.from({ length: 5 }, (_, i): [string, Outcome] => [`Pending sign-off ${i}`, "pending"]),
    ]),
  ];
}

test("the seed checklist: 12.1 points missing; the security audit must pass, then three 2.5-point gates", () => {
  const gates = seedGates();
  const r = scoreReadiness(gates, rules(SEED_CATEGORIES));
  assert.equal(r.score, 77.9);
  const path = r.toReady!;
  assert.equal(path.reachable, true);
  assert.equal(Number(path.missing.toFixed(1)), 12.1);
  assert.deepEqual(
    path.gates.map((g) => [g.name, g.owner, g.required, Number(g.adds.toFixed(2))]),
    [
      ["Security Audit", "@security-team", true, 6.25],
      ["Load Testing", "@performance-team", false, 2.5],
      ["Rollback Procedure", "@devops-team", false, 2.5],
      ["Production Deployment Workflow", "@devops-team", false, 2.5],
    ],
  );
  const after = scoreReadiness(passing(gates, path.gates), rules(SEED_CATEGORIES));
  assert.equal(after.ready, true);
  assert.equal(after.toReady, null);
  assert.equal(after.score, 91.7);
});

test("ready means no path; a score that reaches the threshold with a blocker lists only the blockers, 0 missing", () => {
  const ready = scoreReadiness([gate("A", "pass", 1)], rules([{ name: "A", weight: 1, required: false }]));
  assert.equal(ready.toReady, null);
  const blocked = scoreReadiness(
    [
      ...Array.from({ length: 19 }, (_, i) => gate("A", "pass", i + 1)),
      gate("Core", "warn", 30, { required: true }),
    ],
    rules([
      { name: "A", weight: 99, required: false },
      { name: "Core", weight: 1, required: true },
    ]),
  );
  assert.equal(blocked.ready, false);
  assert.deepEqual(blocked.toReady, {
    missing: 0,
    reachable: true,
    gates: [{ name: "Core 30", category: "Core", line: 30, required: true, adds: 0.5 }],
  });
});

test("waived, n/a and passing gates are never on the path; warn gains half of what pending gains", () => {
  const r = scoreReadiness(
    [
      gate("A", "waived", 1),
      gate("A", "n/a", 2),
      gate("A", "pass", 3),
      gate("A", "warn", 4),
      gate("A", "pending", 5),
    ],
    rules([{ name: "A", weight: 1, required: false }], { threshold: 100 }),
  );
  assert.deepEqual(
    r.toReady!.gates.map((g) => [g.line, g.adds]),
    [
      [5, 25],
      [4, 12.5],
    ],
  );
});

test("a threshold no score can reach says so, and lists every gate that can still pass", () => {
  const r = scoreReadiness(
    [gate("A", "pass", 1), gate("A", "fail", 2), gate("A", "waived", 3)],
    rules([{ name: "A", weight: 1, required: false }], { threshold: 100.1 }),
  );
  assert.equal(r.toReady!.reachable, false);
  assert.deepEqual(
    r.toReady!.gates.map((g) => g.line),
    [2],
  );
  const none = scoreReadiness([], rules([{ name: "A", weight: 1, required: false }], { threshold: 50 }));
  assert.deepEqual(none.toReady, { missing: 50, gates: [], reachable: false });
});

test("with inconclusive: exclude, an inconclusive gate that passes joins its category's count", () => {
  const r = scoreReadiness(
    [
      gate("A", "pass", 1),
      ...Array.from({ length: 9 }, (_, i) => gate("A", "pending", i + 2)),
      gate("B", "inconclusive", 20),
    ],
    rules(
      [
        { name: "A", weight: 1, required: false },
        { name: "B", weight: 1, required: false },
      ],
      { inconclusive: "exclude", threshold: 50 },
    ),
  );
  // B has no gate that applies, so the total is A's 10%; B passing brings it in at 100%: (10 + 100) / 2.
  assert.equal(r.score, 10);
  assert.deepEqual(
    r.toReady!.gates.map((g) => [g.line, Number(g.adds.toFixed(6))]),
    [[20, 45]],
  );
});

const OUTCOME = fc.constantFrom<Outcome>("pass", "warn", "fail", "pending", "inconclusive", "waived", "n/a");

/** Up to four categories of up to four gates each, some required, and a threshold. */
function checklists(policy: InconclusivePolicy) {
  return fc
    .record({
      categories: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 100 }),
          required: fc.boolean(),
          gates: fc.array(fc.record({ outcome: OUTCOME, required: fc.boolean() }), { maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      threshold: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
    })
    .map(({ categories, threshold }) => {
      let line = 0;
      const specs: CategorySpec[] = categories.map((c, i) => ({
        name: `C${i}`,
        weight: c.weight,
        required: c.required,
      }));
      const gates = categories.flatMap((c, i) =>
        c.gates.map((g) => gate(`C${i}`, g.outcome, ++line, { required: c.required || g.required })),
      );
      return {
        gates,
        rules: rules(specs, { threshold: Math.round(threshold * 10) / 10, inconclusive: policy }),
      };
    });
}

test("passing the listed gates makes a re-score ready, and every required blocker is listed", () => {
  for (const policy of ["zero", "exclude"] as const) {
    fc.assert(
      fc.property(checklists(policy), ({ gates, rules }) => {
        const r = scoreReadiness(gates, rules);
        if (r.ready) return assert.equal(r.toReady, null);
        const path = r.toReady!;
        for (const b of r.blockers)
          assert.ok(
            path.gates.some((g) => g.line === b.line && g.required),
            `blocker at line ${b.line}`,
          );
        const after = scoreReadiness(passing(gates, path.gates), rules);
        assert.equal(after.ready, path.reachable);
        // What each gate adds sums to the change of the exact total.
        const gained = path.gates.reduce((sum, g) => sum + g.adds, 0);
        assert.ok(Math.abs(gained - (exactTotal(after) - exactTotal(r))) < 1e-9, `${gained}`);
      }),
      { numRuns: 300 },
    );
  }
});

test("no smaller set of gates makes it ready (inconclusive counting zero)", () => {
  fc.assert(
    fc.property(checklists("zero"), ({ gates, rules }) => {
      const r = scoreReadiness(gates, rules);
      if (r.ready || !r.toReady!.reachable) return;
      const size = r.toReady!.gates.length;
      const candidates = gates.filter((g) => ["fail", "pending", "warn", "inconclusive"].includes(g.outcome));
      // Passing more never lowers the score nor adds a blocker, so checking every set one smaller is enough.
      for (const smaller of subsets(candidates, size - 1)) {
        assert.equal(scoreReadiness(passing(gates, smaller), rules).ready, false, "a smaller set is ready");
      }
    }),
    { numRuns: 300 },
  );
});

function exactTotal(r: Readiness): number {
  const scored = r.categories.filter((c) => c.exact !== null);
  const weights = scored.reduce((sum, c) => sum + c.weight, 0);
  return weights === 0 ? 0 : scored.reduce((sum, c) => sum + c.weight * c.exact!, 0) / weights;
}

/** Every way to choose `size` of `items` (none when size < 0). */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size < 0 || size > items.length) return [];
  if (size === 0) return [[]];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first!, ...s]), ...subsets(rest, size)];
}
