import assert from "node:assert/strict";
import { test } from "node:test";
import { openSqliteMetricsStore } from "../adapters/sqlite/sqlite-metrics-store.js";
import { deployEvent } from "../../test/helpers/metrics-store-suite.js";
import { pickBandReport } from "./band-reports.js";
import { matchEnvironment } from "./core/match-environment.js";
import { measureDelivery } from "./measure-delivery.js";
import { measureOrganisation } from "./measure-organisation.js";
import type { ChangeHistory } from "./ports.js";
import { storedChangeHistory } from "./stored-change-history.js";
import type { OrganisationEntry, ReadinessSnapshot } from "./types.js";

const T0 = Date.parse("2026-03-02T00:00:00Z"); // a Monday
const iso = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const noGit: ChangeHistory = {
  commitsBetween: async () => assert.fail("only the store is asked"),
};

function snapshot(repo: string, score: number): ReadinessSnapshot {
  return {
    repo,
    at: iso(0),
    commit: null,
    checklist: "RELEASE.md",
    score,
    band: "ready",
    verdict: "ready",
    gates: { pass: 3 },
    url: null,
  };
}

test("every repository of the store, measured as metrics measures it, with its readiness and the levels counted", async () => {
  const store = openSqliteMetricsStore(":memory:");
  // acme/a: a deploy a day for two weeks, each taking out one change written two hours before.
  await store.put({
    deploys: Array.from({ length: 14 }, (_, day) =>
      deployEvent(`a${day}`, day * 24 + 12, {
        repo: "acme/a",
        changes: [{ sha: `a${day}`, at: iso(day * 24 + 10), subject: "feat: a" }],
      }),
    ),
  });
  // acme/b deploys to staging only.
  await store.put({ deploys: [deployEvent("b1", 5, { repo: "acme/b", environment: "staging" })] });
  // acme/d names commits: one range's commits are kept in the store, the other's are not.
  await store.put({
    deploys: [1, 2, 3].map((day) =>
      deployEvent(`d${day}`, day * 24, { repo: "acme/d", commit: `${day}`.repeat(40) }),
    ),
  });
  await store.putChanges("acme/d", [
    {
      from: "1".repeat(40),
      to: "2".repeat(40),
      commits: [{ sha: "f".repeat(40), at: iso(47), subject: "fix: d" }],
    },
  ]);
  // acme/c has a readiness and no events.
  await store.putReadiness(snapshot("acme/c", 40));
  await store.putReadiness(snapshot("acme/a", 95));

  const request = {
    environment: matchEnvironment("production", { production: ["prod"] }),
    since: T0,
    until: T0 + 14 * 86_400_000,
    minSample: 1,
    bands: pickBandReport(null)!,
  };
  const org = await measureOrganisation(store, (repo) => storedChangeHistory(store, repo), request);

  assert.deepEqual(
    org.repos.map((r) => [r.repo, r.ok, r.readiness?.score ?? null]),
    [
      ["acme/a", true, 95],
      ["acme/b", false, null],
      ["acme/c", false, 40],
      ["acme/d", true, null],
    ],
  );
  const [a, b, c, d] = org.repos as [
    OrganisationEntry,
    OrganisationEntry,
    OrganisationEntry,
    OrganisationEntry,
  ];
  assert.ok(a.ok && d.ok && !b.ok && !c.ok);
  assert.equal(a.report.metrics.deploymentFrequency.deploys, 14);
  assert.equal(a.report.metrics.changeLeadTime.median, 7200);
  assert.equal(a.report.metrics.changeLeadTime.level.level, "elite");
  assert.match(
    b.problem,
    /no deploys of acme\/b are in an environment named production or prod; the environments seen are staging \(1\)/,
  );
  assert.match(c.problem, /no deploys are known for acme\/c\. Record them/);
  assert.equal(d.report.metrics.changeLeadTime.count, 1);
  assert.equal(d.report.metrics.changeLeadTime.median, 3600);
  assert.ok(
    d.report.warnings.some((w) =>
      w.includes(
        `the commits ${"2".repeat(12)}..${"3".repeat(12)} of acme/d are not in the store: sync the repository`,
      ),
    ),
    d.report.warnings.join("\n"),
  );

  // Each repository's report is exactly what metrics gives for it alone.
  for (const entry of [a, d]) {
    const alone = await measureDelivery(store, storedChangeHistory(store, entry.repo), {
      ...request,
      repo: entry.repo,
      explain: false,
    });
    assert.deepEqual(entry.report, alone);
  }
  assert.deepEqual(org.levels.changeLeadTime, { elite: 2, unrated: 2 });
  assert.deepEqual(org.levels.recoveryTime, { unrated: 4 });
  for (const counts of Object.values(org.levels))
    assert.equal(
      Object.values(counts).reduce((sum, n) => sum + n, 0),
      4,
    );
  assert.deepEqual(org.period, { since: iso(0), until: iso(14 * 24), days: 14 });
  assert.equal(org.environment, "production");
  assert.equal(org.report.id, request.bands.id);

  // Asked for some repositories only.
  const some = await measureOrganisation(store, () => noGit, { ...request, repos: ["acme/a"] });
  assert.deepEqual(
    some.repos.map((r) => r.repo),
    ["acme/a"],
  );
  await store.close();
});
