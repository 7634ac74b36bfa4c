import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const GENERATOR = join(repoRoot, "test", "fixtures", "bench", "make-deploy-history.mjs");

interface Manifest {
  since: string;
  until: string;
  deploys: number;
  changeLeadTime: { count: number; median: number; level: string };
  changeFailRate: { failed: number; rate: number | null };
  recoveryTime: { count: number; median: number };
}

/** A generated repository named `repo` whose events go to the store `store`, and the answers it must give. */
function generate(root: string, repo: string, seed: number, chance: number, store: string) {
  const dir = join(root, repo.replace("/", "-"));
  execFileSync(process.execPath, [
    GENERATOR,
    "--out",
    dir,
    "--seed",
    String(seed),
    "--chance",
    String(chance),
  ]);
  writeFileSync(
    join(dir, "shipready.yml"),
    `github:\n  repo: ${repo}\nmetrics:\n  store: ${store}\n  environments:\n    production: [production, prod]\n  minSample: 3\n`,
  );
  return { dir, manifest: JSON.parse(readFileSync(`${dir}.manifest.json`, "utf8")) as Manifest };
}

test("metrics --org: every repository in one store, each as metrics measures it alone, from its clone or from the store", () => {
  const root = makeTempDir();
  const store = join(root, "org", "metrics.db");
  const shop = generate(root, "acme/shop", 1, 0.75, store);
  const cart = generate(root, "acme/cart", 2, 0.5, store);
  const period = ["--since", shop.manifest.since, "--until", shop.manifest.until];
  assert.deepEqual([cart.manifest.since, cart.manifest.until], [shop.manifest.since, shop.manifest.until]);

  // Each repository's events go into the one store; a metrics run in each clone keeps its commits there.
  const alone = new Map<string, unknown>();
  for (const [name, { dir }] of [
    ["acme/shop", shop],
    ["acme/cart", cart],
  ] as const) {
    const imported = runCli(["metrics", "import", "events.json"], { cwd: dir });
    assert.equal(imported.code, 0, imported.stderr);
    const run = runCli(["metrics", ...period, "--json"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    alone.set(name, JSON.parse(run.stdout));
  }
  // A repository known only by its readiness.
  const db = new Database(store);
  db.prepare("INSERT INTO readiness (repo, at, snapshot) VALUES (?, ?, ?)").run(
    "acme/docs",
    0,
    JSON.stringify({
      repo: "acme/docs",
      at: "2026-01-01T00:00:00.000Z",
      commit: null,
      checklist: "RELEASE.md",
      score: 72,
      band: "almost",
      verdict: "not-ready",
      gates: { pass: 8, fail: 3 },
      url: null,
    }),
  );
  db.close();

  // From a folder that is no clone of either: every commit comes from the store.
  const elsewhere = join(root, "elsewhere");
  mkdirSync(elsewhere);
  writeFileSync(
    join(elsewhere, "shipready.yml"),
    `metrics:\n  store: ${store}\n  environments:\n    production: [production, prod]\n  minSample: 3\n`,
  );
  for (const cwd of [shop.dir, elsewhere]) {
    const run = runCli(["metrics", "--org", ...period, "--json"], { cwd });
    assert.equal(run.code, 0, run.stderr);
    const org = JSON.parse(run.stdout);
    assert.deepEqual(
      org.repos.map((r: { repo: string; ok: boolean }) => [r.repo, r.ok]),
      [
        ["acme/cart", true],
        ["acme/docs", false],
        ["acme/shop", true],
      ],
    );
    for (const entry of org.repos.filter((r: { ok: boolean }) => r.ok)) {
      assert.deepEqual(entry.report, alone.get(entry.repo), `${entry.repo} from ${cwd}`);
      assert.equal(entry.readiness, null);
    }
    // The known answers, from the generator's manifests.
    for (const [name, { manifest }] of [
      ["acme/shop", shop],
      ["acme/cart", cart],
    ] as const) {
      const m = org.repos.find((r: { repo: string }) => r.repo === name).report.metrics;
      assert.equal(m.deploymentFrequency.deploys, manifest.deploys);
      assert.equal(m.changeLeadTime.count, manifest.changeLeadTime.count);
      assert.ok(Math.abs(m.changeLeadTime.median - manifest.changeLeadTime.median) < 1e-6);
      assert.equal(m.changeFailRate.numerator, manifest.changeFailRate.failed);
      assert.equal(m.recoveryTime.count, manifest.recoveryTime.count);
    }
    const docs = org.repos[1];
    assert.match(docs.problem, /no deploys are known for acme\/docs/);
    assert.equal(docs.readiness.score, 72);
    const leadLevels = [shop.manifest.changeLeadTime.level, cart.manifest.changeLeadTime.level];
    const expected: Record<string, number> = { unrated: 1 };
    for (const level of leadLevels) expected[level] = (expected[level] ?? 0) + 1;
    assert.deepEqual(org.levels.changeLeadTime, expected);
    assert.deepEqual(org.period, { since: shop.manifest.since, until: shop.manifest.until, days: 84 });
  }

  const text = runCli(["metrics", "--org", ...period], { cwd: elsewhere });
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /Delivery performance of 3 repositories in production, 2026-01-05 to 2026-03-30 \(84 days\)/,
  );
  assert.match(text.stdout, /acme\/cart .*\/week/);
  assert.match(text.stdout, /acme\/docs\s+│ 72 not-ready\s+│ no metrics, see below/);
  assert.match(text.stdout, /Repositories at each level:\n {2}Deployment frequency: /);
  assert.match(text.stdout, /Not measured:\n {2}acme\/docs: no deploys are known for acme\/docs/);

  const csv = runCli(["metrics", "--org", ...period, "--csv"], { cwd: elsewhere });
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split("\n");
  assert.equal(
    lines[0],
    "repo,metric,status,count,value,median,p90,unit,level,readiness_score,readiness_verdict,problem",
  );
  assert.equal(lines.length, 1 + 3 * 5);
  const shopLead = lines.find((l) => l.startsWith("acme/shop,changeLeadTime,"))!.split(",");
  assert.equal(Number(shopLead[5]), Number(shop.manifest.changeLeadTime.median.toFixed(6)));
  assert.match(
    lines.find((l) => l.startsWith("acme/docs,reworkRate,"))!,
    /^acme\/docs,reworkRate,unmeasured,0,,,,,,72,not-ready,/,
  );
});

test("metrics --org: bad combinations and an empty store are refused with exit 2", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "shipready.yml"), "metrics:\n  store: metrics.db\n");
  const withRepo = runCli(["metrics", "--org", "--repo", "acme/shop"], { cwd: dir });
  assert.equal(withRepo.code, 2);
  assert.match(withRepo.stderr, /--org and --repo cannot be used together/);
  const weekly = runCli(["metrics", "--org", "--weekly"], { cwd: dir });
  assert.equal(weekly.code, 2);
  assert.match(weekly.stderr, /--org and --weekly cannot be used together/);
  const empty = runCli(["metrics", "--org"], { cwd: dir });
  assert.equal(empty.code, 2, empty.stderr);
  assert.match(empty.stderr, /the metrics store metrics\.db holds no repository's events/);
  assert.doesNotMatch(empty.stderr, /at .*\.js:\d+/);
});
