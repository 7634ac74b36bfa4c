import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MetricsStore } from "../../src/metrics/ports.js";
import type { DeployEvent, IncidentEvent, RecoveryEvent } from "../../src/metrics/types.js";

/**
 * What every MetricsStore must do, whatever keeps it. `fresh()` gives an empty backing store and a
 * way to open it (more than once at the same time, as two machines would); each adapter's test runs
 * this suite with its own factory.
 */
export interface StoreFactory {
  fresh(): Promise<{ open(): Promise<MetricsStore> }>;
}

const T0 = Date.parse("2026-03-02T00:00:00Z");
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

export function deployEvent(id: string, hours: number, fields: Partial<DeployEvent> = {}): DeployEvent {
  return {
    repo: "acme/shop",
    source: "record",
    sourceId: id,
    environment: "production",
    version: null,
    commit: null,
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

function incidentEvent(id: string, hours: number, fields: Partial<IncidentEvent> = {}): IncidentEvent {
  return {
    repo: "acme/shop",
    source: "record",
    sourceId: id,
    environment: null,
    openedAt: at(hours),
    resolvedAt: null,
    causeVersion: null,
    causeCommit: null,
    causeDeployId: null,
    title: null,
    url: null,
    ...fields,
  };
}

function recoveryEvent(id: string, hours: number, fields: Partial<RecoveryEvent> = {}): RecoveryEvent {
  return {
    repo: "acme/shop",
    source: "shipready",
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

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

async function withStore(factory: StoreFactory, work: (store: MetricsStore) => Promise<void>): Promise<void> {
  const store = await (await factory.fresh()).open();
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

export function describeMetricsStore(name: string, factory: StoreFactory): void {
  describe(`${name} metrics store`, () => {
    it("gives back every field of every event as it was put", async () => {
      await withStore(factory, async (store) => {
        const full = deployEvent("d1", 1, {
          version: "v1.4.2",
          commit: "3f2a9c1d0e5b4a69",
          startedAt: at(0.9),
          status: "rolled-back",
          statusReason: "error ratio 8% > 1%",
          rework: true,
          fixes: "v1.4.1",
          changes: [{ sha: "abc1234", at: at(-5), subject: "fix: ümlauts | pipes" }],
          url: "https://ci.example.com/runs/1",
        });
        const incident = incidentEvent("INC-1", 2, {
          environment: "prod",
          resolvedAt: at(3),
          causeVersion: "v1.4.2",
          title: "Checkout <fails>",
          url: "https://example.com/i/1",
        });
        const recovery = recoveryEvent("r1", 2.5, { causeDeployId: "d1", reason: "validation_failure: x" });
        const result = await store.put({ deploys: [full], incidents: [incident], recoveries: [recovery] });
        assert.deepEqual(result, { inserted: 3, updated: 0, unchanged: 0 });
        assert.deepEqual(await all(store.deploys({ repo: "acme/shop", environments: [] })), [full]);
        assert.deepEqual(await all(store.incidents({ repo: "acme/shop" })), [incident]);
        assert.deepEqual(await all(store.recoveries({ repo: "acme/shop" })), [recovery]);
        assert.deepEqual(await store.incident("acme/shop", "record", "INC-1"), incident);
        assert.equal(await store.incident("acme/shop", "record", "INC-2"), null);
        assert.ok(store.schemaVersion >= 1);
      });
    });

    it("upserts by (repo, source, id): the same event twice is one, and a null field keeps its value", async () => {
      await withStore(factory, async (store) => {
        const opened = incidentEvent("7", 1, { title: "Search is slow", causeCommit: "3f2a9c1" });
        await store.put({ incidents: [opened] });
        assert.deepEqual(await store.put({ incidents: [opened] }), { inserted: 0, updated: 0, unchanged: 1 });
        const resolved = incidentEvent("7", 1, { resolvedAt: at(4) });
        assert.deepEqual(await store.put({ incidents: [resolved] }), {
          inserted: 0,
          updated: 1,
          unchanged: 0,
        });
        assert.deepEqual(await all(store.incidents({ repo: "acme/shop" })), [
          { ...opened, resolvedAt: at(4) },
        ]);
        // Another source's id, or another repository's, is another event.
        await store.put({
          incidents: [
            { ...opened, source: "import" },
            { ...opened, repo: "acme/other" },
          ],
        });
        assert.equal((await all(store.incidents({ repo: "acme/shop" }))).length, 2);
        // A new status brings its own reason.
        await store.put({ deploys: [deployEvent("d", 1, { status: "failure", statusReason: "broken" })] });
        await store.put({ deploys: [deployEvent("d", 1, { status: "success" })] });
        const [d] = await all(store.deploys({ repo: "acme/shop", environments: [] }));
        assert.equal(d!.status, "success");
        assert.equal(d!.statusReason, null);
      });
    });

    it("keeps a batch whole or not at all", async () => {
      await withStore(factory, async (store) => {
        const bad = deployEvent("bad", 2, { status: "exploded" as DeployEvent["status"] });
        await assert.rejects(store.put({ deploys: [deployEvent("good", 1), bad] }));
        assert.deepEqual(await all(store.deploys({ repo: "acme/shop", environments: [] })), []);
      });
    });

    it("queries deploys by environment names (any case), period [from, to) and status, oldest first", async () => {
      await withStore(factory, async (store) => {
        await store.put({
          deploys: [
            deployEvent("a", 3, { environment: "Prod" }),
            deployEvent("b", 1, { environment: "production", status: "failure" }),
            deployEvent("c", 2, { environment: "staging" }),
            deployEvent("d", 4, { environment: "production" }),
            deployEvent("e", 5, { environment: "production", repo: "acme/other" }),
          ],
        });
        const ids = async (query: Partial<Parameters<MetricsStore["deploys"]>[0]>) =>
          (
            await all(store.deploys({ repo: "acme/shop", environments: ["production", "prod"], ...query }))
          ).map((d) => d.sourceId);
        assert.deepEqual(await ids({}), ["b", "a", "d"]);
        assert.deepEqual(await ids({ from: at(1), to: at(4) }), ["b", "a"]);
        assert.deepEqual(await ids({ statuses: ["success"] }), ["a", "d"]);
        assert.deepEqual(await ids({ environments: [] }), ["b", "c", "a", "d"]);
        const scope = { repo: "acme/shop", environments: ["production", "prod"] };
        assert.equal((await store.lastDeployBefore(scope, at(3)))?.sourceId, "b");
        assert.equal(
          (await store.lastDeployBefore({ ...scope, statuses: ["success"] }, at(3.5)))?.sourceId,
          "a",
        );
        assert.equal(await store.lastDeployBefore(scope, at(1)), null);
        assert.equal((await store.firstDeployAfter(scope, at(3)))?.sourceId, "a");
        assert.equal(await store.firstDeployAfter(scope, at(4.5)), null);
        const around = async (since: number, until: number) =>
          Object.fromEntries(
            Object.entries(await store.deploysAround(scope, at(since), at(until))).map(([k, d]) => [
              k,
              d?.sourceId ?? null,
            ]),
          );
        assert.deepEqual(await around(3, 3.5), {
          lastBefore: "b",
          lastSuccessBefore: null,
          firstAfter: "d",
          firstSuccessAfter: "d",
        });
        assert.deepEqual(await around(3.5, 5), {
          lastBefore: "a",
          lastSuccessBefore: "a",
          firstAfter: null,
          firstSuccessAfter: null,
        });
        assert.deepEqual(await around(0, 1), {
          lastBefore: null,
          lastSuccessBefore: null,
          firstAfter: "b",
          firstSuccessAfter: "a",
        });
        assert.deepEqual(await store.environments("acme/shop"), [
          { name: "production", deploys: 2 },
          { name: "Prod", deploys: 1 },
          { name: "staging", deploys: 1 },
        ]);
        assert.deepEqual(await store.repositories(), [
          { repo: "acme/other", deploys: 1, incidents: 0 },
          { repo: "acme/shop", deploys: 4, incidents: 0 },
        ]);
      });
    });

    it("finds deploys by version (with or without v), commit prefix and id", async () => {
      await withStore(factory, async (store) => {
        await store.put({
          deploys: [
            deployEvent("a", 1, { version: "v1.4.2", commit: "3f2a9c1d0e5b4a69" }),
            deployEvent("b", 2, { version: "1.4.2", commit: "aaaaaaa1111" }),
            deployEvent("c", 3, { version: "v1.4.20", commit: "3f2a9c2" }),
          ],
        });
        const scope = { repo: "acme/shop", environments: ["production"] };
        const ids = (list: DeployEvent[]) => list.map((d) => d.sourceId);
        assert.deepEqual(ids(await store.findDeploys(scope, { versions: ["V1.4.2"] })), ["a", "b"]);
        assert.deepEqual(ids(await store.findDeploys(scope, { commits: ["3F2A9C1"] })), ["a"]);
        assert.deepEqual(ids(await store.findDeploys(scope, { commits: ["3f2a9c2ffff"] })), ["c"]);
        assert.deepEqual(ids(await store.findDeploys(scope, { commits: ["3f2a9"] })), []);
        assert.deepEqual(ids(await store.findDeploys(scope, { sourceIds: ["b"] })), ["b"]);
        // Many names at once: each deploy once, in order, whichever names found it.
        assert.deepEqual(
          ids(
            await store.findDeploys(scope, {
              versions: ["v1.4.20", "1.4.2"],
              commits: ["aaaaaaa", "3f2a9c1d"],
              sourceIds: ["c", "zz"],
            }),
          ),
          ["a", "b", "c"],
        );
        assert.deepEqual(ids(await store.findDeploys(scope, {})), []);
        assert.deepEqual(
          ids(
            await store.findDeploys({ repo: "acme/shop", environments: ["staging"] }, { sourceIds: ["a"] }),
          ),
          [],
        );
      });
    });

    it("iterates thousands of events in pages, in order, without skipping ties", async () => {
      await withStore(factory, async (store) => {
        const deploys = Array.from({ length: 1234 }, (_, i) =>
          deployEvent(`d${String(i).padStart(4, "0")}`, Math.floor(i / 3)),
        );
        await store.put({ deploys });
        const read = await all(store.deploys({ repo: "acme/shop", environments: ["production"] }));
        assert.deepEqual(
          read.map((d) => d.sourceId),
          deploys.map((d) => d.sourceId),
        );
        const incidents = Array.from({ length: 1100 }, (_, i) =>
          incidentEvent(
            `i${String(i).padStart(4, "0")}`,
            Math.floor(i / 2),
            i % 5 === 0 ? { causeVersion: "v1" } : {},
          ),
        );
        await store.put({ incidents });
        assert.equal((await all(store.incidents({ repo: "acme/shop" }))).length, 1100);
        assert.equal(
          (await all(store.incidents({ repo: "acme/shop", from: at(100), to: at(200) }))).length,
          200,
        );
        assert.equal((await all(store.incidents({ repo: "acme/shop", withCause: true }))).length, 220);
        // [100, 200) whole (200), then from 200 on only those naming a deploy (one in five of 700).
        assert.equal(
          (
            await all(
              store.incidents({ repo: "acme/shop", from: at(100), to: at(200), laterWithCause: true }),
            )
          ).length,
          200 + 140,
        );
        const recoveries = Array.from({ length: 700 }, (_, i) => recoveryEvent(`r${i}`, i));
        await store.put({ recoveries });
        assert.equal((await all(store.recoveries({ repo: "acme/shop", from: at(600) }))).length, 100);
      });
    });

    it("keeps git's answers for commit ranges, and gives many back in one go", async () => {
      await withStore(factory, async (store) => {
        const asked = async (...ranges: [string, string][]) =>
          Object.fromEntries(
            await store.changes(
              "acme/shop",
              ranges.map(([from, to]) => ({ from, to })),
            ),
          );
        assert.deepEqual(await asked(["a", "b"]), {});
        assert.deepEqual(await asked(), {});
        const commits = [{ sha: "abc1234", at: at(-1), subject: "fix: x" }];
        const other = [{ sha: "def5678", at: at(-2), subject: null }];
        await store.putChanges("acme/shop", [{ from: "a", to: "b", commits }]);
        await store.putChanges("acme/shop", [
          { from: "a", to: "b", commits },
          { from: "b", to: "c", commits: [] },
          { from: "c", to: "d", commits: commits },
          { from: "c", to: "d", commits: other },
        ]);
        await store.putChanges("acme/other", [{ from: "x", to: "y", commits }]);
        assert.deepEqual(await asked(["a", "b"]), { "a..b": commits });
        assert.deepEqual(await asked(["b", "a"]), {});
        assert.deepEqual(await asked(["a", "b"], ["b", "c"], ["c", "d"], ["x", "y"]), {
          "a..b": commits,
          "b..c": [],
          "c..d": other,
        });
      });
    });

    it("keeps each feed's sync cursor per repository, the last one written", async () => {
      await withStore(factory, async (store) => {
        assert.equal(await store.cursor("acme/shop", "github-issues"), null);
        await store.putCursor("acme/shop", "github-issues", "2026-03-01T00:00:00Z");
        await store.putCursor("acme/shop", "github-issues", "2026-03-02T00:00:00Z");
        await store.putCursor("acme/web", "github-issues", "w");
        await store.putCursor("acme/shop", "github-deployments", "d");
        assert.equal(await store.cursor("acme/shop", "github-issues"), "2026-03-02T00:00:00Z");
        assert.equal(await store.cursor("acme/web", "github-issues"), "w");
        assert.equal(await store.cursor("acme/shop", "github-deployments"), "d");
        assert.equal(await store.cursor("acme/web", "github-deployments"), null);
      });
    });

    it("keeps the latest readiness of each repository, never replaced by an older one", async () => {
      await withStore(factory, async (store) => {
        const snapshot = (repo: string, hours: number, score: number) => ({
          repo,
          at: at(hours),
          commit: "abc1234",
          checklist: "RELEASE_CHECKLIST.md",
          score,
          band: score >= 90 ? "Ready" : "Not ready",
          verdict: score >= 90 ? "ready" : "not-ready",
          gates: { pass: 9, fail: score >= 90 ? 0 : 1 },
          url: null,
        });
        assert.deepEqual(await store.readiness(), []);
        await store.putReadiness(snapshot("acme/web", 1, 50));
        await store.putReadiness(snapshot("acme/shop", 2, 80));
        await store.putReadiness(snapshot("acme/shop", 3, 95));
        await store.putReadiness(snapshot("acme/shop", 1, 10));
        assert.deepEqual(await store.readiness(), [
          snapshot("acme/shop", 3, 95),
          snapshot("acme/web", 1, 50),
        ]);
      });
    });

    it("two writers sending overlapping batches at once leave one copy of each event", async () => {
      const backing = await factory.fresh();
      const [one, two] = await Promise.all([backing.open(), backing.open()]);
      try {
        const batch = (offset: number) => ({
          deploys: Array.from({ length: 300 }, (_, i) => deployEvent(`d${i + offset}`, i + offset)),
        });
        await Promise.all([one.put(batch(0)), two.put(batch(150)), one.put(batch(100)), two.put(batch(0))]);
        const read = await all(one.deploys({ repo: "acme/shop", environments: [] }));
        assert.equal(read.length, 450);
        assert.equal(new Set(read.map((d) => d.sourceId)).size, 450);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
}
