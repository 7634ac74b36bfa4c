import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import stringWidth from "string-width";
import { initRepo } from "../helpers/git-repo.js";
import { makeTempTree } from "../helpers/make-temp-tree.js";
import { cliPath, runCli } from "../helpers/run-cli.js";

// util-linux's script(1) (Debian's bsdutils) runs the CLI under a real pseudo-terminal.
const scriptCheck = spawnSync("script", ["--version"], { encoding: "utf8" });
assert.equal(
  scriptCheck.status,
  0,
  "these tests need script(1) from util-linux: apt-get install -y bsdutils",
);

const CLEAR = "\r\x1b[K";
// eslint-disable-next-line no-control-regex -- matching escape codes is the point
const SGR = /\u001b\[[0-9;]*m/g;

function makeProject(): string {
  const dir = makeTempTree({
    "RELEASE.md": `# Release v2.0

## Core Gates

| Gate | Status |
|------|--------|
| Build | PENDING |
| Lint | PENDING |
| Docs | PASS |
`,
    // The first command's text holds a real escape sequence (YAML's \\e), which must be shown, not obeyed.
    "shipready.yml": `checklist: RELEASE.md
gates:
  - gate: Build
    evidence:
      - command: { run: "sleep 0.4 # \\e[2J clear the screen" }
  - gate: Lint
    evidence:
      - command: { run: "sleep 0.6" }
`,
  });
  initRepo(dir);
  return dir;
}

/** Runs the built CLI under a pseudo-terminal `columns` wide; returns what the terminal got. */
function runOnTerminal(dir: string, args: string[], env: Record<string, string>, columns = 100): string {
  const command = `stty cols ${columns} rows 40; exec '${process.execPath}' '${cliPath}' ${args.join(" ")}`;
  const result = spawnSync("script", ["-qfec", command, "/dev/null"], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: "xterm-256color", ...env },
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** The progress frames, and what was printed after the line was cleared, with the terminal's CRLF as LF. */
function splitProgress(output: string): { frames: string[]; rest: string } {
  const end = output.lastIndexOf(CLEAR);
  assert.ok(end >= 0, `no progress line was cleared: ${JSON.stringify(output.slice(0, 200))}`);
  const head = output.slice(0, end + CLEAR.length);
  // Nothing but frames (\r, a line, erase to the end) came before the table.
  // eslint-disable-next-line no-control-regex -- matching escape codes is the point
  assert.match(head, /^(?:\r[^\r\n]*\u001b\[K)+$/);
  const frames = head
    .split("\r")
    .filter((f) => f !== "" && f !== "\x1b[K")
    .map((f) => f.slice(0, -3));
  return { frames, rest: output.slice(end + CLEAR.length).replace(/\r\n/g, "\n") };
}

test("on a terminal a progress line counts the evidence, is cleared, and leaves the output as piped", () => {
  const dir = makeProject();
  const piped = runCli(["score"], { cwd: dir });
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /Core Gates/);
  assert.ok(!piped.stdout.includes("collecting evidence"), "no progress in piped output");
  assert.ok(
    !piped.stdout.includes("\x1b") && !piped.stdout.includes("\r"),
    "no escape codes in piped output",
  );

  const diff = runCli(["update", "--dry-run"], { cwd: dir });
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /^--- a\/RELEASE\.md/m);
  assert.ok(!`${diff.stdout}${diff.stderr}`.includes("collecting evidence"), "no progress with a piped diff");
  assert.ok(
    !diff.stdout.includes("\x1b") && !diff.stdout.includes("\r"),
    "no escape codes in the piped diff",
  );

  const output = runOnTerminal(dir, ["score"], { NO_COLOR: "1" });
  const { frames, rest } = splitProgress(output);
  assert.ok(frames.length >= 1);
  assert.match(
    frames[0]!,
    /^⠋ collecting evidence 0\/2 · sleep 0\.4 # \\x1b\[2J clear the screen \(command\)$/,
  );
  assert.ok(
    frames.every((f) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] collecting evidence [0-2]\/2/.test(f)),
    frames.join("\n"),
  );
  assert.equal(rest, piped.stdout, "the table is the same as without a terminal");
  assert.doesNotMatch(output, SGR, "NO_COLOR=1: no colour codes");
  assert.ok(!output.includes("\x1b[2J"), "the escape sequence in the command was not obeyed");
});

test("with colours allowed the line is coloured, fits a narrow terminal, and the table is intact", () => {
  const dir = makeProject();
  const piped = runCli(["score"], { cwd: dir });
  const output = runOnTerminal(dir, ["score"], {}, 44);
  const { frames, rest } = splitProgress(output);
  assert.match(frames[0]!, SGR);
  for (const frame of frames) {
    assert.ok(stringWidth(frame) <= 43, `wider than the terminal: ${JSON.stringify(frame)}`);
  }
  assert.equal(frames[0]!.replace(SGR, ""), "⠋ collecting evidence 0/2 · sleep 0.4 # \\x…");
  assert.equal(rest.replace(SGR, ""), piped.stdout);
  assert.ok(!output.includes("\x1b[2J"), "the escape sequence in the command was not obeyed");
});

test("--json on a terminal shows no progress", () => {
  const dir = makeProject();
  const output = runOnTerminal(dir, ["score", "--json"], {});
  assert.ok(!output.includes("collecting evidence"));
  assert.ok(!output.includes(CLEAR));
  const json = JSON.parse(output.replace(/\r\n/g, "\n")) as { score: number };
  assert.equal(typeof json.score, "number");
});
