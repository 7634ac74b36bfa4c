import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { CLI_COMMITTER, git } from "../helpers/git-repo.js";
import { runCliAsync } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-12-01T09:00:00Z";
const READY = "# Release\n\n## Core Gates\n\n| Gate | Status |\n|------|--------|\n| Build | 🟢 PASS |\n";

/** A repository holding `files` in a first commit, then one commit per entry of `commits` (files it writes, message). */
function makeRepo(files: Record<string, string>, commits: [Record<string, string>, string][]): string {
  const dir = join(makeTempDir(), "work");
  mkdirSync(dir);
  git(dir, "init", "-q", "-b", "main");
  const write = (set: Record<string, string>) => {
    for (const [path, text] of Object.entries(set)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(dir, "add", "-A");
  };
  write({ "RELEASE_CHECKLIST.md": READY, "shipready.yml": "checklist: RELEASE_CHECKLIST.md\n", ...files });
  git(dir, "commit", "-q", "-m", "chore: set up release-please");
  for (const [set, message] of commits) {
    write(set);
    git(dir, "commit", "-q", "--allow-empty", "-m", message);
  }
  return dir;
}

function release(dir: string, extra: string[] = []) {
  return runCliAsync(["release", "--now", NOW, ...extra], { cwd: dir, env: { ...CLI_COMMITTER } });
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const sha = (dir: string, message: string) =>
  git(dir, "log", "--format=%h", "--grep", message, "-F").slice(0, 7);

const MONOREPO = {
  "packages/a/package.json": '{\n  "name": "@octo/a",\n  "version": "1.2.0"\n}\n',
  "packages/b/version.txt": "0.3.0\n",
  ".release-please-manifest.json": '{\n  "packages/a": "1.2.0",\n  "packages/b": "0.3.0"\n}\n',
  "release-please-config.json": `{
  "packages": {
    "packages/a": { "release-type": "node" },
    "packages/b": { "release-type": "simple", "component": "b", "bump-minor-pre-major": true }
  }
}
`,
};

test("a release-please monorepo with a manifest and no tags releases each changed package with its own section and tag, in one commit", async () => {
  const dir = makeRepo(MONOREPO, [
    [{ "packages/a/x.js": "1\n" }, "feat(api): bulk export"],
    [{ "packages/b/y.txt": "1\n" }, "fix: trim names"],
    [{ "packages/b/y.txt": "2\n" }, "feat!: drop the v1 format"],
    [{ "README.md": "hi\n" }, "fix: a top-level file belongs to no package"],
  ]);
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^Release of 2 packages\n {2}a 1\.3\.0 \(a-v1\.2\.0 -> a-v1\.3\.0\)\n {2}b 0\.4\.0 \(b-v0\.3\.0 -> b-v0\.4\.0\)\n/,
  );
  assert.match(result.stdout, /Released a-v1\.3\.0, b-v0\.4\.0\./);

  assert.equal(read(dir, "packages/a/package.json"), '{\n  "name": "@octo/a",\n  "version": "1.3.0"\n}\n');
  assert.equal(read(dir, "packages/b/version.txt"), "0.4.0\n");
  assert.equal(
    read(dir, ".release-please-manifest.json"),
    '{\n  "packages/a": "1.3.0",\n  "packages/b": "0.4.0"\n}\n',
  );
  assert.equal(
    read(dir, "packages/a/CHANGELOG.md"),
    `# Changelog\n\n## 1.3.0 (2026-12-01)\n\n\n### Features\n\n* **api:** bulk export ${sha(dir, "bulk export")}\n`,
  );
  // bump-minor-pre-major: a breaking change at 0.x is a minor.
  assert.equal(
    read(dir, "packages/b/CHANGELOG.md"),
    `# Changelog\n\n## 0.4.0 (2026-12-01)\n\n\n### ⚠ BREAKING CHANGES\n\n* drop the v1 format\n\n### Features\n\n* drop the v1 format ${sha(dir, "drop the v1")}\n\n\n### Bug Fixes\n\n* trim names ${sha(dir, "trim names")}\n`,
  );
  assert.equal(git(dir, "log", "-1", "--format=%s"), "chore(release): a-v1.3.0, b-v0.4.0");
  assert.deepEqual(git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").sort(), [
    ".release-please-manifest.json",
    "packages/a/CHANGELOG.md",
    "packages/a/package.json",
    "packages/b/CHANGELOG.md",
    "packages/b/version.txt",
  ]);
  const head = git(dir, "rev-parse", "HEAD");
  assert.equal(git(dir, "rev-parse", "a-v1.3.0^{commit}"), head);
  assert.equal(git(dir, "rev-parse", "b-v0.4.0^{commit}"), head);

  // Run again: everything is released, the tags mark where each package starts.
  const again = await release(dir);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /a-v1\.3\.0 at|already/);
  assert.equal(git(dir, "rev-parse", "HEAD"), head, "no second commit");
});

test("only the package whose folder changed is released; the other keeps its version", async () => {
  const dir = makeRepo(MONOREPO, [[{ "packages/b/y.txt": "1\n" }, "fix: trim names"]]);
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(git(dir, "tag"), "b-v0.3.1");
  assert.equal(
    read(dir, ".release-please-manifest.json"),
    '{\n  "packages/a": "1.2.0",\n  "packages/b": "0.3.1"\n}\n',
  );
  assert.equal(git(dir, "log", "-1", "--format=%s"), "chore(release): b-v0.3.1");
});

const ROOT_SIMPLE = (config: object, version = "1.4.2") => ({
  "version.txt": `${version}\n`,
  ".release-please-manifest.json": `{\n  ".": "${version}"\n}\n`,
  "release-please-config.json": JSON.stringify(
    { packages: { ".": { "release-type": "simple", ...config } } },
    null,
    2,
  ),
});

test("a Release-As footer forces the version; include-component-in-tag false tags it v2.0.0", async () => {
  const dir = makeRepo(ROOT_SIMPLE({ component: "app", "include-component-in-tag": false }), [
    [{ "src.txt": "1\n" }, "fix: keep the session\n\nRelease-As: 2.0.0"],
  ]);
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(git(dir, "tag"), "v2.0.0");
  assert.equal(read(dir, "version.txt"), "2.0.0\n");
  assert.equal(
    read(dir, "CHANGELOG.md"),
    `# Changelog\n\n## 2.0.0 (2026-12-01)\n\n\n### Bug Fixes\n\n* keep the session ${sha(dir, "keep the session")}\n`,
  );
});

test("bump-patch-for-minor-pre-major makes a feature at 0.x a patch; the component is in the tag by default", async () => {
  const dir = makeRepo(ROOT_SIMPLE({ component: "app", "bump-patch-for-minor-pre-major": true }, "0.5.0"), [
    [{ "src.txt": "1\n" }, "feat: export"],
  ]);
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(git(dir, "tag"), "app-v0.5.1");
});

test("changelog-sections: a hidden type is left out, a listed one gets its title, in the config's order", async () => {
  const sections = [
    { type: "docs", section: "Docs" },
    { type: "feat", section: "New" },
    { type: "fix", section: "Fixed", hidden: true },
  ];
  const dir = makeRepo(ROOT_SIMPLE({ "changelog-sections": sections, "include-component-in-tag": false }), [
    [{ "a.txt": "1\n" }, "fix: hidden fix"],
    [{ "b.txt": "1\n" }, "docs: guide"],
    [{ "c.txt": "1\n" }, "feat: export"],
  ]);
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    read(dir, "CHANGELOG.md"),
    `# Changelog\n\n## 1.5.0 (2026-12-01)\n\n\n### Docs\n\n* guide ${sha(dir, "guide")}\n\n\n### New\n\n* export ${sha(dir, "export")}\n`,
  );
});

test("extra-files: release-please's markers and a JSONPath are updated, nothing else in them", async () => {
  const dir = makeRepo(
    {
      ...ROOT_SIMPLE({
        "include-component-in-tag": false,
        "extra-files": ["src/version.py", { type: "json", path: "app.json", jsonpath: "$.meta.version" }],
      }),
      "src/version.py": 'NAME = "app"  # 9.9.9 stays\nVERSION = "1.4.2"  # x-release-please-version\n',
      "app.json": '{\n    "version": "0.0.1",\n    "meta": { "version": "1.4.2" }\n}\n',
    },
    [[{ "a.txt": "1\n" }, "fix: a"]],
  );
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    read(dir, "src/version.py"),
    'NAME = "app"  # 9.9.9 stays\nVERSION = "1.4.3"  # x-release-please-version\n',
  );
  assert.equal(read(dir, "app.json"), '{\n    "version": "0.0.1",\n    "meta": { "version": "1.4.3" }\n}\n');
  assert.ok(git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").includes("app.json"));
});

test("a config that is not valid JSON, or not release-please's schema, stops with the file, line and column and writes nothing", async () => {
  const dir = makeRepo(
    {
      ...ROOT_SIMPLE({}),
      "release-please-config.json":
        '{\n  "packages": {\n    ".": { "release-type": "simple", "bump-minor-pre-major": "yes" }\n  }\n}\n',
    },
    [[{ "a.txt": "1\n" }, "fix: a"]],
  );
  const head = git(dir, "rev-parse", "HEAD");
  const result = await release(dir);
  assert.equal(result.code, 2, result.stdout);
  assert.match(
    result.stderr,
    /release-please-config\.json:3:38: packages\["\."\]\.bump-minor-pre-major must be a boolean\./,
  );
  writeFileSync(join(dir, "release-please-config.json"), '{\n  "packages": {\n    ".": {},\n  }\n}\n');
  git(dir, "commit", "-qam", "chore: break the config");
  const broken = await release(dir);
  assert.equal(broken.code, 2);
  assert.match(
    broken.stderr,
    /release-please-config\.json:4:3: the JSON does not parse \(property name expected\)/,
  );
  assert.equal(git(dir, "tag"), "");
  assert.notEqual(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(git(dir, "log", "-1", "--format=%s"), "chore: break the config");
});

test("a release that stops after its commit and tag exits 4 (partly done) and the next run resumes it", async () => {
  const dir = makeRepo(ROOT_SIMPLE({ "include-component-in-tag": false }), [[{ "a.txt": "1\n" }, "fix: a"]]);
  const remote = join(dirname(dir), "remote.git");
  git(dirname(dir), "init", "-q", "--bare", "-b", "main", remote);
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main");
  const hook = join(remote, "hooks", "pre-receive");
  writeFileSync(hook, "#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n");
  chmodSync(hook, 0o755);

  const first = await release(dir);
  assert.equal(first.code, 4, first.stderr);
  assert.match(first.stderr, /The release is partly done: .*commit \(committed/);
  assert.match(first.stderr, /tag \(tagged [0-9a-f]{7} as v1\.4\.3\)/);
  assert.match(
    first.stderr,
    /run shipready release again: it finds what is done and resumes where it stopped/,
  );
  assert.equal(git(dir, "tag"), "v1.4.3");

  rmSync(hook);
  const second = await release(dir);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /^Release of 1 package\n {2}root 1\.4\.3 \(v1\.4\.2 -> v1\.4\.3\)\n/);
  assert.match(second.stdout, /\[already done\] commit: v1\.4\.3 is already tagged at/);
  assert.match(second.stdout, /\[already done\] tag: v1\.4\.3 is at/);
  assert.match(second.stdout, /\[done\] push: pushed main and v1\.4\.3 to origin/);
  assert.equal(git(remote, "rev-parse", "v1.4.3^{commit}"), git(dir, "rev-parse", "HEAD"));
});

test("release --dry-run works offline: it says what it could not check and changes nothing", async () => {
  const dir = makeRepo(ROOT_SIMPLE({ "include-component-in-tag": false }), [[{ "a.txt": "1\n" }, "fix: a"]]);
  git(dir, "remote", "add", "origin", join(dirname(dir), "no-such-remote.git"));
  const head = git(dir, "rev-parse", "HEAD");
  const result = await release(dir, ["--dry-run"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /\[would do\] push: push main and v1\.4\.3 to origin \(not checked: origin could not be reached: The remote origin cannot be reached/,
  );
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(git(dir, "tag"), "");
});

test("version and changelog read the release-please files: each package's next version, --package for one", async () => {
  const dir = makeRepo(MONOREPO, [
    [{ "packages/a/x.js": "1\n" }, "feat(api): bulk export"],
    [{ "packages/b/y.txt": "1\n" }, "fix: trim names"],
  ]);
  const run = (args: string[]) =>
    runCliAsync([...args, "--now", NOW], { cwd: dir, env: { ...CLI_COMMITTER } });
  const version = await run(["version"]);
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout, "a 1.3.0\nb 0.3.1\n");
  const one = await run(["version", "--package", "b"]);
  assert.equal(one.stdout, "0.3.1\n");
  const changelog = await run(["changelog", "--package", "packages/a"]);
  assert.equal(
    changelog.stdout,
    `## 1.3.0 (2026-12-01)\n\n\n### Features\n\n* **api:** bulk export ${sha(dir, "bulk export")}\n`,
  );
  const unknown = await run(["version", "--package", "c"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--package c is not a package of release-please-config\.json/);
});

test("a node package's package-lock.json and npm-shrinkwrap.json take the new version, as release-please's node strategy writes them", async () => {
  const lock = (version: string) =>
    `{\n  "name": "@octo/a",\n  "version": "${version}",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {\n      "name": "@octo/a",\n      "version": "${version}",\n      "dependencies": {\n        "left-pad": "1.2.0"\n      }\n    },\n    "node_modules/left-pad": {\n      "version": "1.2.0"\n    }\n  }\n}\n`;
  const shrinkwrap = (version: string) =>
    `{\n  "name": "@octo/a",\n  "version": "${version}",\n  "lockfileVersion": 1,\n  "dependencies": {}\n}\n`;
  const dir = makeRepo(
    {
      ...MONOREPO,
      "packages/a/package-lock.json": lock("1.2.0"),
      "packages/a/npm-shrinkwrap.json": shrinkwrap("1.2.0"),
      // Not the package's: the root's lock file is left alone.
      "package-lock.json": lock("1.2.0"),
    },
    [[{ "packages/a/x.js": "1\n" }, "fix(api): keep the order"]],
  );
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /packages\/a\/package-lock\.json: 1\.2\.0 -> 1\.2\.1/);
  assert.equal(read(dir, "packages/a/package-lock.json"), lock("1.2.1"));
  assert.equal(read(dir, "packages/a/npm-shrinkwrap.json"), shrinkwrap("1.2.1"));
  assert.equal(read(dir, "package-lock.json"), lock("1.2.0"));
  assert.deepEqual(git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").sort(), [
    ".release-please-manifest.json",
    "packages/a/CHANGELOG.md",
    "packages/a/npm-shrinkwrap.json",
    "packages/a/package-lock.json",
    "packages/a/package.json",
  ]);
});

test("the GitHub Releases are named as release-please names them: `a: v1.3.0` with the component, `v0.3.1` without", async () => {
  const dir = makeRepo(
    {
      ...MONOREPO,
      "shipready.yml": "checklist: RELEASE_CHECKLIST.md\ngithub: { repo: octo-org/octo-app }\n",
      "release-please-config.json": `{
  "packages": {
    "packages/a": { "release-type": "node" },
    "packages/b": { "release-type": "simple", "component": "b", "include-component-in-tag": false }
  }
}
`,
    },
    [
      [{ "packages/a/x.js": "1\n" }, "feat(api): bulk export"],
      [{ "packages/b/y.txt": "1\n" }, "fix: trim names"],
    ],
  );
  const remote = join(dirname(dir), "remote.git");
  git(dirname(dir), "init", "-q", "--bare", "-b", "main", remote);
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main");
  const token = "ghp_releaseNAMEtoken0123456789abcdefgh";
  const github = await startFakeGitHub({ token });
  github.addRepo({ owner: "octo-org", repo: "octo-app" });
  after(() => github.close());
  const result = await runCliAsync(["release", "--now", NOW, "--api-url", github.url], {
    cwd: dir,
    env: { ...CLI_COMMITTER, GITHUB_TOKEN: token },
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    github
      .releases({ owner: "octo-org", repo: "octo-app" })
      .map((r) => [r.tagName, r.name])
      .sort(),
    [
      ["a-v1.3.0", "a: v1.3.0"],
      ["v0.3.1", "v0.3.1"],
    ],
  );
});

test("the compare link: to the tag of the manifest's version, as release-please links it; none for a first release", async () => {
  const dir = makeRepo(
    {
      ...MONOREPO,
      ".release-please-manifest.json": '{\n  "packages/a": "1.2.0"\n}\n',
    },
    [
      [{ "packages/a/x.js": "1\n" }, "feat(api): bulk export"],
      [{ "packages/b/y.txt": "1\n" }, "fix: trim names"],
    ],
  );
  git(dir, "remote", "add", "origin", "https://github.com/octo-org/octo-app.git");
  const run = (args: string[]) =>
    runCliAsync([...args, "--now", NOW], { cwd: dir, env: { ...CLI_COMMITTER } });
  const a = await run(["changelog", "--package", "a"]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(
    a.stdout.split("\n", 1)[0],
    "## [1.3.0](https://github.com/octo-org/octo-app/compare/a-v1.2.0...a-v1.3.0) (2026-12-01)",
  );
  // b is not in the manifest: its first release (1.0.0) has no previous tag, and no link.
  const b = await run(["changelog", "--package", "b"]);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(b.stdout.split("\n", 1)[0], "## 1.0.0 (2026-12-01)");
});

test("release --package releases one package of the monorepo: its files, its tag, its manifest entry only", async () => {
  const dir = makeRepo(MONOREPO, [
    [{ "packages/a/x.js": "1\n" }, "feat(api): bulk export"],
    [{ "packages/b/y.txt": "1\n" }, "fix: trim names"],
  ]);
  const b = await release(dir, ["--package", "packages/b/"]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /^Release of 1 package\n {2}b 0\.3\.1 \(b-v0\.3\.0 -> b-v0\.3\.1\)\n/);
  assert.equal(git(dir, "tag"), "b-v0.3.1");
  assert.equal(git(dir, "log", "-1", "--format=%s"), "chore(release): b-v0.3.1");
  assert.equal(
    read(dir, ".release-please-manifest.json"),
    '{\n  "packages/a": "1.2.0",\n  "packages/b": "0.3.1"\n}\n',
  );
  assert.deepEqual(git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").sort(), [
    ".release-please-manifest.json",
    "packages/b/CHANGELOG.md",
    "packages/b/version.txt",
  ]);
  assert.equal(read(dir, "packages/a/package.json"), MONOREPO["packages/a/package.json"]);

  // By component: a is released later with the commits it had waiting.
  const a = await release(dir, ["--package", "a"]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(git(dir, "tag", "--points-at", "HEAD"), "a-v1.3.0");
  assert.equal(
    read(dir, "packages/a/CHANGELOG.md"),
    `# Changelog\n\n## 1.3.0 (2026-12-01)\n\n\n### Features\n\n* **api:** bulk export ${sha(dir, "bulk export")}\n`,
  );
  // Run again without --package: HEAD is a's release, found done; b is not released twice.
  const head = git(dir, "rev-parse", "HEAD");
  const rest = await release(dir);
  assert.equal(rest.code, 0, rest.stderr);
  assert.match(rest.stdout, /^Release of 1 package\n {2}a 1\.3\.0 /);
  assert.match(rest.stdout, /\[already done\] tag: a-v1\.3\.0 is at/);
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.deepEqual(git(dir, "tag").split("\n"), ["a-v1.3.0", "b-v0.3.1"]);

  const unknown = await release(dir, ["--package", "c"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--package c is not a package of release-please-config\.json/);
  assert.match(unknown.stderr, /packages\/a \(a\), packages\/b \(b\)/);
});

test("release --package in a repository without release-please-config.json stops with exit 2", async () => {
  const dir = makeRepo({ "package.json": '{\n  "version": "1.0.0"\n}\n' }, [[{ "a.txt": "1\n" }, "fix: a"]]);
  const result = await release(dir, ["--package", "a"]);
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /--package a picks a package of release-please-config\.json, and this repository has none/,
  );
  assert.equal(git(dir, "tag"), "");
});

test("versioning prerelease with prerelease-type beta: 1.3.0-beta, then 1.3.0-beta.1, marked pre-release on GitHub", async () => {
  const dir = makeRepo(
    {
      ...ROOT_SIMPLE(
        {
          "include-component-in-tag": false,
          versioning: "prerelease",
          prerelease: true,
          "prerelease-type": "beta",
        },
        "1.2.3",
      ),
      "shipready.yml": "checklist: RELEASE_CHECKLIST.md\ngithub: { repo: octo-org/octo-app }\n",
    },
    [[{ "a.txt": "1\n" }, "feat: export"]],
  );
  const remote = join(dirname(dir), "remote.git");
  git(dirname(dir), "init", "-q", "--bare", "-b", "main", remote);
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main");
  const token = "ghp_prereleaseTOKEN0123456789abcdefghij";
  const github = await startFakeGitHub({ token });
  github.addRepo({ owner: "octo-org", repo: "octo-app" });
  after(() => github.close());
  const run = () =>
    runCliAsync(["release", "--now", NOW, "--api-url", github.url], {
      cwd: dir,
      env: { ...CLI_COMMITTER, GITHUB_TOKEN: token },
    });
  const first = await run();
  assert.equal(first.code, 0, first.stderr);
  assert.equal(read(dir, "version.txt"), "1.3.0-beta\n");
  writeFileSync(join(dir, "b.txt"), "1\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "fix: keep the order");
  const second = await run();
  assert.equal(second.code, 0, second.stderr);
  assert.equal(read(dir, ".release-please-manifest.json"), '{\n  ".": "1.3.0-beta.1"\n}\n');
  assert.deepEqual(
    github
      .releases({ owner: "octo-org", repo: "octo-app" })
      .map((r) => [r.tagName, r.name, r.prerelease])
      .sort(),
    [
      ["v1.3.0-beta", "v1.3.0-beta", true],
      ["v1.3.0-beta.1", "v1.3.0-beta.1", true],
    ],
  );
});

test("always-bump-major makes a fix a major; an unknown versioning stops with the file and line", async () => {
  const dir = makeRepo(ROOT_SIMPLE({ "include-component-in-tag": false, versioning: "always-bump-major" }), [
    [{ "a.txt": "1\n" }, "fix: a"],
  ]);
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(git(dir, "tag"), "v2.0.0");
  writeFileSync(
    join(dir, "release-please-config.json"),
    JSON.stringify({ packages: { ".": { "release-type": "simple", versioning: "service-pack" } } }, null, 2),
  );
  git(dir, "commit", "-qam", "fix: b");
  const unknown = await release(dir);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /release-please-config\.json:5:7: versioning "service-pack" is not one shipready computes \(default, always-bump-patch, always-bump-minor, always-bump-major, prerelease\)/,
  );
});

test("extra-files of type yaml, toml, xml and pom: the selected values rewritten, every other byte kept", async () => {
  const chart = `# the chart\nname: app # keep\nversion: "1.4.2"\nimage:\n  tag: 1.4.2\n`;
  const cargo = `[package]\nname = "app" # keep\nversion = "1.4.2"\n`;
  const csproj = `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <Version>1.4.2</Version>\n  </PropertyGroup>\n</Project>\n`;
  const pom = `<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <parent><version>9.0.0</version></parent>\n  <version>1.4.2</version>\n</project>\n`;
  const dir = makeRepo(
    {
      ...ROOT_SIMPLE({
        "include-component-in-tag": false,
        "extra-files": [
          { type: "yaml", path: "chart/Chart.yaml", jsonpath: "$.version" },
          { type: "yaml", path: "chart/Chart.yaml", jsonpath: "$.image.tag" },
          { type: "toml", path: "Cargo.toml", jsonpath: "$.package.version" },
          { type: "xml", path: "app.csproj", xpath: "//Project/PropertyGroup/Version" },
          { type: "pom", path: "pom.xml" },
        ],
      }),
      "chart/Chart.yaml": chart,
      "Cargo.toml": cargo,
      "app.csproj": csproj,
      "pom.xml": pom,
    },
    [[{ "a.txt": "1\n" }, "fix: a"]],
  );
  const result = await release(dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    read(dir, "chart/Chart.yaml"),
    chart.replace('"1.4.2"', '"1.4.3"').replace("tag: 1.4.2", "tag: 1.4.3"),
  );
  assert.equal(read(dir, "Cargo.toml"), cargo.replace("1.4.2", "1.4.3"));
  assert.equal(read(dir, "app.csproj"), csproj.replace("1.4.2", "1.4.3"));
  assert.equal(read(dir, "pom.xml"), pom.replace("<version>1.4.2</version>", "<version>1.4.3</version>"));
  assert.deepEqual(git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").sort(), [
    ".release-please-manifest.json",
    "CHANGELOG.md",
    "Cargo.toml",
    "app.csproj",
    "chart/Chart.yaml",
    "pom.xml",
    "version.txt",
  ]);
});

test("an extra file whose path selects nothing stops the release before anything is written", async () => {
  const dir = makeRepo(
    {
      ...ROOT_SIMPLE({
        "include-component-in-tag": false,
        "extra-files": [{ type: "toml", path: "Cargo.toml", jsonpath: "$.package.version" }],
      }),
      "Cargo.toml": `[workspace]\nmembers = []\n`,
    },
    [[{ "a.txt": "1\n" }, "fix: a"]],
  );
  const head = git(dir, "rev-parse", "HEAD");
  const result = await release(dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Cargo\.toml has no string at \$\.package\.version\./);
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(git(dir, "status", "--porcelain"), "");
});
