import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { cliPath, runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const CHECKLIST = `# Release Checklist

## Core Gates

| Gate | Status |
|------|--------|
| Unit Tests | 🟡 PENDING |
| Pre-push hook installed | 🟡 PENDING |
| CI Pipeline | 🟡 PENDING |
`;

const CONFIG = `gates:
  - gate: Unit Tests
    evidence:
      - command: { run: "test ! -f broken", timeout: 30s }
  - gate: Pre-push hook installed
    evidence:
      - hooks: { installed: [pre-push] }
  - gate: CI Pipeline
    evidence:
      - github-actions: { workflow: ci.yml }
`;

const IDENTITY = {
  GIT_AUTHOR_NAME: "Dev",
  GIT_AUTHOR_EMAIL: "dev@example.com",
  GIT_COMMITTER_NAME: "Dev",
  GIT_COMMITTER_EMAIL: "dev@example.com",
};

interface Run {
  code: number | null;
  out: string;
}

/** git as a developer runs it: the hooks it triggers see this environment (no CI, no colour). */
function gitRun(dir: string, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync("git", args, {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: "1", ...IDENTITY, ...env },
    encoding: "utf8",
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function git(dir: string, ...args: string[]): string {
  const run = gitRun(dir, args);
  assert.equal(run.code, 0, `git ${args.join(" ")}: ${run.out}`);
  return run.out.trim();
}

/**
 * A project as a fresh clone has it: checklist, shipready.yml, shipready as a devDependency
 * (node_modules/.bin/shipready, the link npm makes), pushed once to a local bare remote.
 */
function makeProject(options: { binInNodeModules?: boolean } = {}): { dir: string; remote: string } {
  const root = makeTempDir("shipready-hooks-");
  const remote = join(root, "remote.git");
  const dir = join(root, "work");
  mkdirSync(dir);
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  writeFileSync(join(dir, "release-checklist.md"), CHECKLIST);
  writeFileSync(join(dir, "shipready.yml"), CONFIG);
  writeFileSync(join(dir, ".gitignore"), "node_modules/\nbroken\n");
  if (options.binInNodeModules !== false) {
    mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(cliPath, join(dir, "node_modules", ".bin", "shipready"));
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "chore: start");
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main");
  return { dir, remote };
}

function commitFile(dir: string, name: string, message: string, env: Record<string, string> = {}): Run {
  writeFileSync(join(dir, name), `${name}\n`);
  git(dir, "add", name);
  return gitRun(dir, ["commit", "-q", "-m", message], env);
}

function remoteHead(remote: string): string {
  return git(remote, "rev-parse", "main");
}

function shipready(dir: string, ...args: string[]) {
  return runCli(args, { cwd: dir });
}

describe("hooks install into a plain clone", () => {
  test("commit-msg rejects a bad message; pre-push runs preflight and a failing gate blocks the push", () => {
    const { dir, remote } = makeProject();
    assert.equal(shipready(dir, "hooks", "status").code, 1, "no hooks yet");
    const installed = shipready(dir, "hooks", "install");
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(installed.stdout, /commit-msg: installed/);
    assert.match(installed.stdout, /pre-push: installed/);
    assert.match(installed.stdout, /git push --no-verify/);
    const status = shipready(dir, "hooks", "status");
    assert.equal(status.code, 0, status.stdout);
    assert.match(status.stdout, /pre-push: current/);

    const bad = commitFile(dir, "a.txt", "added a file");
    assert.notEqual(bad.code, 0, "a message that is not a conventional commit is rejected");
    assert.match(bad.out, /has no "type: " in front/);
    assert.match(bad.out, /git commit --no-verify/);
    assert.equal(gitRun(dir, ["log", "-1", "--format=%s"]).out.trim(), "chore: start");
    const good = gitRun(dir, ["commit", "-q", "-m", "feat: add a file"]);
    assert.equal(good.code, 0, good.out);

    const pushed = gitRun(dir, ["push", "origin", "main"]);
    assert.equal(pushed.code, 0, pushed.out);
    assert.match(pushed.out, /Nothing local blocks the release/);
    assert.match(pushed.out, /CI Pipeline \(github-actions\)/, "the network gate is named as not checked");
    assert.equal(remoteHead(remote), git(dir, "rev-parse", "HEAD"));

    writeFileSync(join(dir, "broken"), "");
    assert.equal(commitFile(dir, "b.txt", "fix: another file").code, 0);
    const blocked = gitRun(dir, ["push", "origin", "main"]);
    assert.notEqual(blocked.code, 0, "a failing gate blocks the push");
    assert.match(blocked.out, /✖ Unit Tests/);
    assert.match(blocked.out, /1 gate blocks the release/);
    assert.notEqual(remoteHead(remote), git(dir, "rev-parse", "HEAD"), "the remote did not move");
    const skipped = gitRun(dir, ["push", "--no-verify", "origin", "main"]);
    assert.equal(skipped.code, 0, skipped.out);
    assert.equal(remoteHead(remote), git(dir, "rev-parse", "HEAD"));
  });

  test("uninstall removes only shipready's files; a hand-written hook is never overwritten", () => {
    const { dir } = makeProject();
    const own = "#!/bin/sh\necho my own pre-push\n";
    writeFileSync(join(dir, ".git", "hooks", "pre-push"), own);
    chmodSync(join(dir, ".git", "hooks", "pre-push"), 0o755);
    const installed = shipready(dir, "hooks", "install");
    assert.equal(installed.code, 0);
    assert.match(installed.stdout, /pre-push: not written/);
    assert.match(installed.stdout, /npx --no shipready preflight/, "the line to add is shown");
    assert.equal(readFileSync(join(dir, ".git", "hooks", "pre-push"), "utf8"), own);
    assert.match(installed.stdout, /commit-msg: installed/);
    const status = shipready(dir, "hooks", "status");
    assert.equal(status.code, 1);
    assert.match(status.stdout, /pre-push: foreign/);

    const removed = shipready(dir, "hooks", "uninstall");
    assert.equal(removed.code, 0);
    assert.match(removed.stdout, /removed .*commit-msg/);
    assert.equal(existsSync(join(dir, ".git", "hooks", "commit-msg")), false);
    assert.equal(readFileSync(join(dir, ".git", "hooks", "pre-push"), "utf8"), own);
  });

  test("an outdated hook is reported by status and rewritten by install", () => {
    const { dir } = makeProject();
    shipready(dir, "hooks", "install");
    const path = join(dir, ".git", "hooks", "pre-push");
    writeFileSync(path, readFileSync(path, "utf8").replace("pre-push 1", "pre-push 0"));
    const status = shipready(dir, "hooks", "status", "--json");
    assert.equal(status.code, 1);
    const parsed = JSON.parse(status.stdout) as { hooks: Array<{ hook: string; state: string }> };
    assert.deepEqual(
      parsed.hooks.map((h) => [h.hook, h.state]),
      [
        ["commit-msg", "current"],
        ["pre-push", "outdated"],
      ],
    );
    assert.match(shipready(dir, "hooks", "install").stdout, /pre-push: updated/);
    assert.equal(shipready(dir, "hooks", "status").code, 0);
  });

  test("on PATH instead of node_modules, and neither: the hook says how to install or skip", () => {
    const { dir, remote } = makeProject({ binInNodeModules: false });
    assert.equal(shipready(dir, "hooks", "install").code, 0);
    const bin = makeTempDir("shipready-path-");
    symlinkSync(cliPath, join(bin, "shipready"));
    const onPath = { PATH: `${bin}:${process.env.PATH}` };
    assert.equal(commitFile(dir, "a.txt", "docs: a", onPath).code, 0);
    writeFileSync(join(dir, "broken"), "");
    const blocked = gitRun(dir, ["push", "origin", "main"], onPath);
    assert.notEqual(blocked.code, 0, blocked.out);
    assert.match(blocked.out, /1 gate blocks the release/);

    const nowhere = gitRun(dir, ["push", "origin", "main"]);
    assert.notEqual(nowhere.code, 0);
    assert.match(nowhere.out, /shipready is not in node_modules\/\.bin nor on PATH/);
    assert.match(nowhere.out, /git push --no-verify/);
    assert.notEqual(remoteHead(remote), git(dir, "rev-parse", "HEAD"));
  });
});

describe("hooks with core.hooksPath and hook managers", () => {
  test("core.hooksPath is honoured: the hooks are written and run there", () => {
    const { dir, remote } = makeProject();
    git(dir, "config", "core.hooksPath", ".githooks");
    const installed = shipready(dir, "hooks", "install");
    assert.equal(installed.code, 0);
    assert.match(installed.stdout, /core\.hooksPath = \.githooks/);
    assert.ok(existsSync(join(dir, ".githooks", "pre-push")));
    assert.equal(existsSync(join(dir, ".git", "hooks", "pre-push")), false);
    assert.notEqual(commitFile(dir, "a.txt", "not conventional").code, 0);
    writeFileSync(join(dir, "broken"), "");
    assert.equal(gitRun(dir, ["commit", "-q", "-m", "feat: a"]).code, 0);
    assert.notEqual(gitRun(dir, ["push", "origin", "main"]).code, 0);
    assert.notEqual(remoteHead(remote), git(dir, "rev-parse", "HEAD"));
  });

  test("husky: its files are left alone, the line to add is shown, and once added the push runs preflight", () => {
    const { dir, remote } = makeProject();
    // husky 9's layout: hooks in .husky/, git pointed at .husky/_ whose shims run them.
    mkdirSync(join(dir, ".husky", "_"), { recursive: true });
    writeFileSync(join(dir, ".husky", "pre-push"), "npm test\n");
    for (const hook of ["pre-push", "commit-msg"]) {
      const shim = join(dir, ".husky", "_", hook);
      writeFileSync(shim, `#!/bin/sh\n[ -f .husky/${hook} ] || exit 0\nexec sh -e .husky/${hook} "$@"\n`);
      chmodSync(shim, 0o755);
    }
    git(dir, "config", "core.hooksPath", ".husky/_");
    const before = readFileSync(join(dir, ".husky", "_", "pre-push"), "utf8");
    const installed = shipready(dir, "hooks", "install");
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(installed.stdout, /hook manager: husky/);
    assert.match(installed.stdout, /add to \.husky\/pre-push\n\s+npx --no shipready preflight/);
    assert.match(
      installed.stdout,
      /add to \.husky\/commit-msg\n\s+npx --no shipready lint-commits --message-file "\$1"/,
    );
    assert.equal(readFileSync(join(dir, ".husky", "_", "pre-push"), "utf8"), before);
    assert.equal(readFileSync(join(dir, ".husky", "pre-push"), "utf8"), "npm test\n");
    assert.equal(shipready(dir, "hooks", "status").code, 1);

    // The line as added by hand (node_modules/.bin: npx would do the same, from the network-free cache).
    writeFileSync(join(dir, ".husky", "pre-push"), "node_modules/.bin/shipready preflight\n");
    writeFileSync(
      join(dir, ".husky", "commit-msg"),
      'node_modules/.bin/shipready lint-commits --message-file "$1"\n',
    );
    const status = shipready(dir, "hooks", "status");
    assert.equal(status.code, 0, status.stdout);
    assert.match(status.stdout, /pre-push: delegated via husky/);
    assert.notEqual(commitFile(dir, "a.txt", "not conventional").code, 0);
    assert.equal(gitRun(dir, ["commit", "-q", "-m", "feat: a"]).code, 0);
    writeFileSync(join(dir, "broken"), "");
    const blocked = gitRun(dir, ["push", "origin", "main"]);
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.out, /✖ Unit Tests/);
    assert.notEqual(remoteHead(remote), git(dir, "rev-parse", "HEAD"));
  });

  test("lefthook: lefthook.yml and its hook are left alone, the YAML to add is shown", () => {
    const { dir, remote } = makeProject();
    writeFileSync(
      join(dir, "lefthook.yml"),
      "pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n",
    );
    // What `lefthook install` leaves: a hook that calls lefthook, which reads lefthook.yml.
    const hook = join(dir, ".git", "hooks", "pre-push");
    const shim =
      "#!/bin/sh\n# lefthook's hook (this test stands in for lefthook run pre-push)\nexec node_modules/.bin/shipready preflight\n";
    writeFileSync(hook, shim);
    chmodSync(hook, 0o755);
    const installed = shipready(dir, "hooks", "install");
    assert.equal(installed.code, 0);
    assert.match(installed.stdout, /hook manager: lefthook \(lefthook\.yml\)/);
    assert.match(
      installed.stdout,
      /pre-push:\n\s+commands:\n\s+shipready:\n\s+run: npx --no shipready preflight/,
    );
    assert.equal(readFileSync(hook, "utf8"), shim);
    assert.equal(
      existsSync(join(dir, ".git", "hooks", "commit-msg")),
      false,
      "nothing written beside lefthook",
    );
    assert.equal(shipready(dir, "hooks", "status").code, 1);

    writeFileSync(
      join(dir, "lefthook.yml"),
      "pre-push:\n  commands:\n    shipready:\n      run: npx --no shipready preflight\n",
    );
    const status = shipready(dir, "hooks", "status", "--json");
    const hooks = (JSON.parse(status.stdout) as { hooks: Array<{ hook: string; state: string }> }).hooks;
    assert.deepEqual(
      hooks.map((h) => [h.hook, h.state]),
      [
        ["commit-msg", "needs-line"],
        ["pre-push", "delegated"],
      ],
    );
    assert.equal(commitFile(dir, "a.txt", "feat: a").code, 0);
    writeFileSync(join(dir, "broken"), "");
    assert.notEqual(gitRun(dir, ["push", "origin", "main"]).code, 0);
    assert.notEqual(remoteHead(remote), git(dir, "rev-parse", "HEAD"));
  });

  test("pre-commit: .pre-commit-config.yaml and its hook are left alone, the local hook to add is shown", () => {
    const { dir } = makeProject();
    writeFileSync(join(dir, ".pre-commit-config.yaml"), "repos: []\n");
    const hook = join(dir, ".git", "hooks", "commit-msg");
    const shim = "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexit 0\n";
    writeFileSync(hook, shim);
    chmodSync(hook, 0o755);
    const installed = shipready(dir, "hooks", "install");
    assert.equal(installed.code, 0);
    assert.match(installed.stdout, /hook manager: pre-commit/);
    assert.match(installed.stdout, /- repo: local\n\s+hooks:\n\s+- id: shipready-preflight/);
    assert.match(installed.stdout, /stages: \[commit-msg\]/);
    assert.equal(readFileSync(hook, "utf8"), shim);
    assert.equal(existsSync(join(dir, ".git", "hooks", "pre-push")), false);

    writeFileSync(
      join(dir, ".pre-commit-config.yaml"),
      [
        "repos:",
        "  - repo: local",
        "    hooks:",
        "      - id: shipready-lint-commits",
        "        name: shipready lint-commits",
        "        entry: npx --no shipready lint-commits --message-file",
        "        language: system",
        "        stages: [commit-msg]",
        "",
      ].join("\n"),
    );
    const status = JSON.parse(shipready(dir, "hooks", "status", "--json").stdout) as {
      hooks: Array<{ hook: string; state: string; fix?: string }>;
    };
    assert.deepEqual(
      status.hooks.map((h) => [h.hook, h.state]),
      [
        ["commit-msg", "delegated"],
        ["pre-push", "needs-line"],
      ],
    );
  });

  test("lint-commits --message-file reads what git gives commit-msg, comments and the diff of commit -v left out", () => {
    const { dir } = makeProject();
    const file = join(dir, ".git", "COMMIT_EDITMSG");
    writeFileSync(
      file,
      "feat: add a file\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\nnot a message\n",
    );
    assert.equal(shipready(dir, "lint-commits", "--message-file", ".git/COMMIT_EDITMSG").code, 0);
    writeFileSync(file, "# feat: commented out\nadded a file\n");
    const bad = shipready(dir, "lint-commits", "--message-file", ".git/COMMIT_EDITMSG");
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /"added a file"/);
    const both = shipready(
      dir,
      "lint-commits",
      "--message",
      "feat: x",
      "--message-file",
      ".git/COMMIT_EDITMSG",
    );
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--message and --message-file are both given/);
  });

  test("outside a git work tree: exit 2 with what to do", () => {
    const dir = makeTempDir();
    const result = shipready(dir, "hooks", "install");
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not inside a git work tree/);
  });
});
