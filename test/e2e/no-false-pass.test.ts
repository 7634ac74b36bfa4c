import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

interface JsonGate {
  name: string;
  outcome: string;
}

function score(markdown: string, args: string[] = [], config?: string) {
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), markdown);
  if (config !== undefined) writeFileSync(join(dir, "shipready.yml"), config);
  const result = runCli(["check", "c.md", "--json", ...args], { cwd: dir });
  const json = result.stdout ? JSON.parse(result.stdout) : null;
  const gates: JsonGate[] = json ? json.categories.flatMap((c: { gates: JsonGate[] }) => c.gates) : [];
  return { result, json, gates, dir };
}

const outcomes = (gates: JsonGate[]) => Object.fromEntries(gates.map((g) => [g.name, g.outcome]));

test("an unticked box beside PASS is pending, not a pass, and the contradiction is a warning on its line", () => {
  const { result, json, gates } = score(
    "# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Unit tests | [ ] PASS |\n| Lint | [x] PASS |\n",
  );
  assert.equal(result.code, 1);
  assert.deepEqual(outcomes(gates), { "Unit tests": "pending", Lint: "pass" });
  const warning = json.warnings.find((w: { code: string }) => w.code === "checkbox-contradiction");
  assert.equal(warning.line, 7);
  assert.match(warning.message, /box decides/);
});

test("a failing gate whose name is HTML is kept, shown as its text, and fails the check", () => {
  const { result, json, gates } = score(
    "# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n| <img src=x onerror=alert(1)> | 🔴 FAIL |\n| <b>API</b> | ✅ PASS |\n",
  );
  assert.equal(result.code, 1);
  assert.deepEqual(outcomes(gates), { "<img src=x onerror=alert(1)>": "fail", API: "pass" });
  assert.equal(json.score, 50);
});

test("every status cell of a matrix is a gate; per-row config decides a row by its worst cell", () => {
  const matrix =
    "# R\n\n## Platforms\n\n| Platform | Build | Tests |\n|---|---|---|\n| linux-x64 | :heavy_check_mark: | :no_entry: |\n| macos | :heavy_check_mark: | :heavy_check_mark: |\n";
  const cells = score(matrix);
  assert.equal(cells.result.code, 1);
  assert.deepEqual(outcomes(cells.gates), {
    "linux-x64 / Build": "pass",
    "linux-x64 / Tests": "fail",
    "macos / Build": "pass",
    "macos / Tests": "pass",
  });
  const rows = score(matrix, [], "matrix: per-row\n");
  assert.deepEqual(outcomes(rows.gates), { "linux-x64": "fail", macos: "pass" });
});

test("a status column headed in another language is read, and a team's own words join the vocabulary", () => {
  const { gates } = score(
    "# R\n\n## Tareas\n\n| Tarea | Estado |\n|---|---|\n| Compilar | hecho |\n| Publicar | Shipped |\n",
    [],
    "statuses: { pass: [Shipped] }\n",
  );
  assert.deepEqual(outcomes(gates), { Compilar: "pass", Publicar: "pass" });
});

test("GO ticked is one passing decision, not a decision plus a pending NO-GO", () => {
  const { result, json, gates } = score("# R\n\n## Go / no-go\n\n- [x] GO — all gates green\n- [ ] NO-GO\n");
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(outcomes(gates), { "Go / no-go": "pass" });
  assert.equal(json.score, 100);
});

test("both alternatives of a decision ticked is an error on that line; update writes nothing", () => {
  const dir = makeTempDir();
  const text = "# R\n\n## Decision\n\n- [x] GO\n- [x] NO-GO\n";
  writeFileSync(join(dir, "c.md"), text);
  const result = runCli(["update", "c.md"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /c\.md:5: the decision "Decision" has both "GO" \(line 5\) and "NO-GO" \(line 6\) ticked/,
  );
  assert.equal(readFileSync(join(dir, "c.md"), "utf8"), text);
});

test("a table where every column could be the status names both candidates, and nothing is written", () => {
  const dir = makeTempDir();
  const text = "# R\n\n## Core\n\n| Before | After |\n|---|---|\n| PASS | FAIL |\n";
  writeFileSync(join(dir, "c.md"), text);
  const result = runCli(["update", "c.md"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /c\.md:5: the table at line 5 has statuses in every column \("Before", "After"\)/,
  );
  assert.match(result.stderr, /head the column that names them Gate or Name/);
  assert.equal(readFileSync(join(dir, "c.md"), "utf8"), text);
});

test("status documents of bullets, glyphs and **Status:** lines are read, not rejected", () => {
  const { gates } = score(
    "# Plan\n\n## Phase 1\n\n**Status:** ✅ Complete\n\n## Phase 2\n\n- ☑ Tag\n- ☐ Docs\n- ✅ Build & Unit Tests: PASS\n- :pause_button: Rollout\n",
  );
  assert.deepEqual(outcomes(gates), {
    "Phase 1": "pass",
    Tag: "pass",
    Docs: "pending",
    "Build & Unit Tests": "pass",
    Rollout: "pending",
  });
});

test("a log is not a checklist: exit 3 names the shapes read and the table it passed over", () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "c.md"),
    "# Deploy log\n\n| Time | Level | Message |\n|---|---|---|\n| 2026-12-01T10:00 | INFO | started |\n| 2026-12-01T10:01 | ERROR | failed |\n",
  );
  const result = runCli(["check", "c.md"], { cwd: dir });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /c\.md has no gates/);
  assert.match(result.stderr, /a table with a status column/);
  assert.match(result.stderr, /task-list items/);
  assert.match(result.stderr, /c\.md:3: a table of events \(a time and a level column\), not of gates/);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
});

test("--explain and --json list the places that show a status but are not gates, with the rule", () => {
  const markdown =
    "# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n\nOverall we are 🟢 today.\n";
  const { json } = score(markdown);
  assert.deepEqual(
    json.skipped.map((s: { line: number; rule: string }) => [s.line, s.rule]),
    [[9, "prose-status"]],
  );
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), markdown);
  const explained = runCli(["score", "c.md", "--explain", "--no-color"], { cwd: dir });
  assert.match(
    explained.stdout,
    /Not read as gates \(1\):\n {2}c\.md:9: a line of prose that shows a status/,
  );
  assert.match(explained.stdout, /Overall we are 🟢 today\./);
});
