import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cliPath, runCli, startCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const T1 = "2026-12-01T09:00:00Z";
const T2 = "2026-12-02T09:00:00Z";

function project(gates = 400): { dir: string; file: string; before: string } {
  const dir = makeTempDir();
  const rows = Array.from({ length: gates }, (_, i) => `| Gate ${i} | ${i % 3 === 0 ? "PENDING" : "PASS"} |`);
  const before = `# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n${rows.join("\n")}\n`;
  const file = join(dir, "c.md");
  writeFileSync(file, before);
  return { dir, file, before };
}

function historyAt(dir: string): string[] {
  const path = join(dir, ".shipready", "history.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l).at as string);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("kill -9 anywhere in an update: the next run finds the checklist and its record both, or neither", async () => {
  // How long a whole update takes here, so the kills spread over all of it on a fast or a slow machine.
  const probe = project();
  const started = Date.now();
  assert.equal(runCli(["update", "c.md", "--now", T1], { cwd: probe.dir }).code, 0);
  const whole = Date.now() - started;
  const outcomes = { landed: 0, neither: 0, repaired: 0 };
  for (let i = 0; i < 32; i++) {
    const { dir, file, before } = project();
    const child = startCli(["update", "c.md", "--now", T1, "--record", "always"], { cwd: dir });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Spread over the whole run: start-up, parsing, the journal, the record, the rename.
    await wait(Math.round(whole * (0.3 + ((i * 37) % 32) / 40)));
    child.kill("SIGKILL");
    await exited;
    const landed = readFileSync(file, "utf8") !== before;
    // The next run repairs what the killed one left, then records its own run.
    const next = runCli(["update", "c.md", "--now", T2, "--record", "always", "--json"], { cwd: dir });
    assert.equal(next.code, 0, next.stderr);
    const warnings = JSON.parse(next.stdout).warnings as { code: string }[];
    if (warnings.some((w) => w.code === "interrupted-run-repaired")) outcomes.repaired++;
    const at = historyAt(dir);
    assert.equal(
      at.includes("2026-12-01T09:00:00.000Z"),
      landed,
      `iteration ${i}: the checklist ${landed ? "was" : "was not"} written, the history ${at.join(", ")}`,
    );
    assert.ok(at.includes("2026-12-02T09:00:00.000Z"));
    assert.deepEqual(readdirSync(join(dir, ".shipready", "journal")), [], "no journal is left behind");
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith(".tmp")),
      [],
      "no temp file of the checklist is left behind",
    );
    outcomes[landed ? "landed" : "neither"]++;
  }
  // Both sides of the rename were hit, or the test proves nothing.
  assert.ok(outcomes.landed > 0 && outcomes.neither > 0, JSON.stringify(outcomes));
});

/** Runs the CLI with a per-file size limit (RLIMIT_FSIZE): a write beyond it fails with EFBIG. */
function runWithFileLimit(kilobytes: number, args: string[], cwd: string) {
  // shipready handles SIGXFSZ, so the write fails with EFBIG instead of killing the process.
  const script = `ulimit -f ${kilobytes}; exec "$0" "$@"`;
  return spawnSync("sh", ["-c", script, process.execPath, cliPath, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" },
    encoding: "utf8",
  });
}

test("a full disk for the history record: exit 74 naming the file, the checklist and history unchanged", () => {
  const { dir, file, before } = project(20);
  // A history of ~100 KB: the next append crosses a 64 KB limit (the SQLite index, a cache, starts afresh
  // below it).
  const old = runCli(["update", "c.md", "--now", T1, "--record", "always"], { cwd: dir });
  assert.equal(old.code, 0, old.stderr);
  const historyFile = join(dir, ".shipready", "history.jsonl");
  const line = readFileSync(historyFile, "utf8");
  writeFileSync(historyFile, line.repeat(Math.ceil(100_000 / line.length)));
  rmSync(join(dir, ".shipready", "cache"), { recursive: true, force: true });
  const history = readFileSync(historyFile, "utf8");
  writeFileSync(file, before);

  const result = runWithFileLimit(32, ["update", "c.md", "--now", T2, "--record", "always"], dir);
  assert.equal(result.status, 74, result.stderr);
  assert.match(
    result.stderr,
    /history\.jsonl.*the file would grow beyond the size allowed \(EFBIG\); nothing was changed/,
  );
  assert.doesNotMatch(result.stderr, /^\s+at /m);
  assert.equal(readFileSync(file, "utf8"), before);
  assert.equal(readFileSync(historyFile, "utf8"), history);
  assert.deepEqual(readdirSync(join(dir, ".shipready", "journal")), []);
});

test("a full disk for the checklist: exit 74, and the record already appended is taken back", () => {
  const { dir, file, before } = project(4000);
  const result = runWithFileLimit(64, ["update", "c.md", "--now", T2, "--record", "always"], dir);
  assert.equal(result.status, 74, result.stderr);
  assert.match(result.stderr, /c\.md.*\(EFBIG\); nothing was changed/);
  assert.equal(readFileSync(file, "utf8"), before);
  assert.deepEqual(historyAt(dir), []);
});
