import assert from "node:assert/strict";
import {
  chmodSync,
  copyFileSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  existsSync,
} from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { git, initRepo } from "../helpers/git-repo.js";
import { seedDashboard } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-11-22T09:00:00Z";

interface ScoreJson {
  score: number;
  band: string;
  ready: boolean;
  threshold: number;
  coverage: number;
  categories: {
    name: string;
    weight: number;
    passed: number;
    total: number;
    score: number;
    gates: { name: string; outcome: string; required: boolean; source: string; line: number }[];
  }[];
  blockers: { gate: string; category: string; reason: string }[];
  warnings: { message: string; line: number | null }[];
}

function seedCopy(): { dir: string; file: string } {
  const dir = makeTempDir();
  const file = join(dir, "v0.7.0-release-checklist.md");
  copyFileSync(seedDashboard, file);
  return { dir, file };
}

test("score --json on the seed dashboard reproduces its tables with zero config", () => {
  const { dir } = seedCopy();
  const result = runCli(["score", seedDashboard, "--json"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout) as ScoreJson;
  assert.deepEqual(
    json.categories.map((c) => [c.name, c.weight, `${c.passed}/${c.total}`]),
    [
      ["Core Gates", 50, "7/8"],
      ["Optional Gates", 20, "6/8"],
      ["Deployment Automation", 20, "5/8"],
      ["Final Sign-Off", 10, "10/15"],
    ],
  );
  assert.equal(json.score, 77.9);
  assert.equal(json.band, "In Progress");
  assert.equal(json.ready, false);
  assert.equal(json.threshold, 90);
  assert.deepEqual(
    json.blockers.map((b) => [b.gate, b.category]),
    [["Security Audit", "Core Gates"]],
  );
  const security = json.categories[0]!.gates.find((g) => g.name === "Security Audit")!;
  assert.deepEqual([security.outcome, security.required, security.line], ["pending", true, 38]);
  assert.match(security.source, /000_036b06e9d9f9e5c3\.txt:38$/);
});

test("score warns about every hand-written claim its tables contradict, naming the claim and its line", () => {
  const { dir } = seedCopy();
  const json = JSON.parse(runCli(["score", seedDashboard, "--json"], { cwd: dir }).stdout) as ScoreJson;
  const claims = json.warnings.filter((w) => /claims/.test(w.message));
  const at = (line: number) => claims.find((w) => w.line === line)?.message ?? "";
  assert.match(at(11), /85%.*77\.9%/);
  assert.match(at(19), /Optional Gates 7\/8.*6\/8/);
  assert.match(at(20), /Deployment Automation 6\/8.*5\/8/);
  assert.match(at(21), /Final Sign-Off 11\/14.*10\/15/);
  assert.match(at(23), /85%/);
  // The Core Gates claim (7/8) is true, so it is not reported.
  assert.equal(at(18), "");
});

test("the terminal face shows the table, the verdict and the blocker", () => {
  const { dir, file } = seedCopy();
  const result = runCli(["score", file], { cwd: dir });
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Core Gates \(required\)\s*│\s*7\/8\s*│\s*87\.5%\s*│\s*50/);
  assert.match(result.stdout, /77\.9% .* In Progress · NOT READY \(threshold 90%\)/);
  assert.match(result.stdout, /✖ Security Audit \(Core Gates, line 38\)/);
});

test("update changes only the owned range, and a second update with the same --now changes nothing", () => {
  const { dir, file } = seedCopy();
  const before = readFileSync(file, "utf8");
  const first = runCli(["update", file, "--now", NOW], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const after = readFileSync(file, "utf8");
  const start = "<!-- READINESS_SCORE_START -->\n";
  const end = "<!-- READINESS_SCORE_END -->";
  assert.equal(after.slice(0, after.indexOf(start)), before.slice(0, before.indexOf(start)));
  assert.equal(after.slice(after.indexOf(end)), before.slice(before.indexOf(end)));
  const owned = after.slice(after.indexOf(start), after.indexOf(end));
  assert.match(owned, /Release Readiness Score: 77\.9% 🟠/);
  assert.match(owned, /\*\*Last Updated:\*\* 2026-11-22 09:00 UTC/);
  assert.match(owned, /Final Sign-Off \(10\/15\):\*\* 66\.7%/);
  assert.match(owned, /Security Audit \(Core Gates\): pending/);

  const second = runCli(["update", file, "--now", NOW], { cwd: dir });
  assert.equal(second.code, 0);
  assert.equal(readFileSync(file, "utf8"), after);
  assert.match(second.stdout, /is up to date/);
  const history = readFileSync(join(dir, ".shipready", "history.jsonl"), "utf8")
    .trim()
    .split("\n");
  assert.equal(history.length, 1);
  assert.equal(JSON.parse(history[0]!).score, 77.9);
});

test("SOURCE_DATE_EPOCH fixes the clock like --now", () => {
  const { dir, file } = seedCopy();
  const epoch = String(Date.parse(NOW) / 1000);
  assert.equal(runCli(["update", file], { cwd: dir, env: { SOURCE_DATE_EPOCH: epoch } }).code, 0);
  assert.match(readFileSync(file, "utf8"), /Last Updated:\*\* 2026-11-22 09:00 UTC/);
});

test("update --dry-run prints a unified diff and writes nothing", () => {
  const { dir, file } = seedCopy();
  const before = readFileSync(file, "utf8");
  const result = runCli(["update", file, "--dry-run", "--now", NOW], { cwd: dir });
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^--- a\/v0\.7\.0-release-checklist\.md/m);
  assert.match(result.stdout, /^-## 📊 Release Readiness Score: 85% 🟢$/m);
  assert.match(result.stdout, /^\+## 📊 Release Readiness Score: 77\.9% 🟠$/m);
  assert.equal(readFileSync(file, "utf8"), before);
  assert.equal(existsSync(join(dir, ".shipready")), false);
});

test("check exits 1 when not ready and 0 when ready; the seed's --check-only is the same gate", () => {
  const { dir, file } = seedCopy();
  assert.equal(runCli(["check", file], { cwd: dir }).code, 1);
  assert.equal(runCli(["--check-only"], { cwd: dir }).code, 1);
  assert.equal(runCli(["update", "--check-only"], { cwd: dir }).code, 1);
  assert.equal(
    runCli(["check", file, "--threshold", "70"], { cwd: dir }).code,
    1,
    "the required gate still blocks",
  );
  const ready = join(dir, "ready-checklist.md");
  writeFileSync(ready, "# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n| Docs | N/A |\n");
  assert.equal(runCli(["check", ready], { cwd: dir }).code, 0);
  assert.equal(runCli(["update", ready, "--check", "--now", NOW], { cwd: dir }).code, 0);
});

test("update keeps CRLF, the BOM and a missing final newline; it adds the score section below the title when absent", () => {
  const dir = makeTempDir();
  const file = join(dir, "checklist.md");
  const text = "\uFEFF# Release 1.0\r\n\r\n## Gates\r\n\r\n- [x] Tests  \r\n- [ ] Docs 文档\r\n\r\n*kept*";
  writeFileSync(file, text);
  assert.equal(runCli(["update", file, "--now", NOW], { cwd: dir }).code, 0);
  const after = readFileSync(file, "utf8");
  assert.ok(after.startsWith("\uFEFF# Release 1.0\r\n"));
  assert.ok(after.endsWith("- [x] Tests  \r\n- [ ] Docs 文档\r\n\r\n*kept*"));
  assert.doesNotMatch(after.replace(/\r\n/g, ""), /\n/, "every line break is CRLF");
  assert.match(after, /<!-- READINESS_SCORE_START -->\r\n## 📊 Release Readiness Score: 50% 🔴/);
  runCli(["update", file, "--now", NOW], { cwd: dir });
  assert.equal(readFileSync(file, "utf8"), after);
});

test("update keeps the file's mode and writes through a symlink to its target", () => {
  const dir = makeTempDir();
  const real = join(dir, "real-checklist.md");
  copyFileSync(seedDashboard, real);
  chmodSync(real, 0o640);
  const link = join(dir, "link.md");
  symlinkSync(real, link);
  assert.equal(runCli(["update", link, "--now", NOW], { cwd: dir }).code, 0);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.match(readFileSync(real, "utf8"), /77\.9%/);
  assert.equal(statSync(real).mode & 0o777, 0o640);
});

test("in a git repository the history record carries the commit, and history shows the trend", () => {
  const { dir, file } = seedCopy();
  const commit = initRepo(dir);
  assert.equal(runCli(["update", file, "--now", NOW], { cwd: dir }).code, 0);
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "| 🔒 Security Audit | 🟡 PENDING |",
      "| 🔒 Security Audit | 🟢 PASS |",
    ),
  );
  git(dir, "commit", "-qam", "chore: security audit passed");
  assert.equal(runCli(["update", file, "--now", "2026-11-23T09:00:00Z"], { cwd: dir }).code, 0);
  const lines = readFileSync(join(dir, ".shipready", "history.jsonl"), "utf8")
    .trim()
    .split("\n");
  assert.equal(lines.length, 2);
  assert.equal(JSON.parse(lines[0]!).commit, commit);
  assert.equal(JSON.parse(lines[1]!).score, 84.2);

  const json = JSON.parse(runCli(["history", "--json"], { cwd: dir }).stdout);
  assert.equal(json.trend.current, 84.2);
  assert.equal(json.trend.change, 6.3);
  assert.equal(json.trend.arrow, "↑");
  const text = runCli(["history"], { cwd: dir }).stdout;
  assert.match(text, /Current 84\.2% · average of the last 2: 81\.1% · change \+6\.3 ↑/);
  const csv = runCli(["history", "--csv"], { cwd: dir }).stdout.split("\n");
  assert.match(csv[0]!, /^timestamp,score,band,ready/);
  assert.equal(csv.filter((l) => l !== "").length, 3);
});
