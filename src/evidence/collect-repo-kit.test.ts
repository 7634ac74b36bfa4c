import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub } from "../../test/helpers/fake-github.js";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { nodeFiles } from "../adapters/node-files.js";
import { createGitHubApi } from "../adapters/github/github-rest.js";
import { writeKit } from "../kit/write-kit.js";
import { collectRepoKit } from "./collect-repo-kit.js";
import type { RepoKitSpec } from "./types.js";

const SPEC: RepoKitSpec = { kind: "repo-kit", github: false, timeoutMs: 10_000 };
const history = {
  recentChanges: () =>
    Promise.resolve([{ name: "Alice", email: "1+alice@users.noreply.github.com", files: ["src/a.ts"] }]),
};

async function kitDir(): Promise<string> {
  const dir = makeTempDir();
  writeFileSync(join(dir, "package.json"), "{}\n");
  await writeKit(dir, { files: nodeFiles, history });
  return dir;
}

test("repo-kit: an empty repository fails, naming every missing part and what writes them", async () => {
  const result = await collectRepoKit(SPEC, makeEvidenceContext(makeTempDir()));
  assert.equal(result.outcome, "fail");
  assert.equal(
    result.provenance.message,
    "the repository kit: missing issue templates (.github/ISSUE_TEMPLATE/), a pull request template, CODEOWNERS, .github/labeler.yml, .github/dependabot.yml, a labeling workflow (actions/labeler), a stale workflow (actions/stale), a Dependabot auto-merge workflow (gh pr merge --auto) (`shipready init --kit` writes what is missing)",
  );
});

test("repo-kit: the kit init --kit writes passes", async () => {
  const result = await collectRepoKit(SPEC, makeEvidenceContext(await kitDir()));
  assert.equal(result.outcome, "pass", result.provenance.message);
  assert.equal(result.details, undefined);
});

test("repo-kit: an invalid issue form or CODEOWNERS line fails at its file and line; an unpinned action warns", async () => {
  const dir = await kitDir();
  const form = join(dir, ".github/ISSUE_TEMPLATE/bug_report.yml");
  writeFileSync(form, readFileSync(form, "utf8").replace("      label: What happened?\n", ""));
  writeFileSync(join(dir, ".github/CODEOWNERS"), "* @alice\n/docs/ docs-team\n");
  const failed = await collectRepoKit(SPEC, makeEvidenceContext(dir));
  assert.equal(failed.outcome, "fail");
  assert.equal(failed.provenance.message, "the repository kit: 2 errors in 2 files");
  assert.deepEqual(failed.details, [
    ".github/ISSUE_TEMPLATE/bug_report.yml:11: /body/1/attributes must have required property 'label'",
    ".github/CODEOWNERS:2: docs-team is not an owner: write @user, @org/team or an email address (GitHub skips the whole line)",
  ]);

  const fixed = await kitDir();
  writeFileSync(
    join(fixed, ".github/workflows/ci.yml"),
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
  );
  const warned = await collectRepoKit(SPEC, makeEvidenceContext(fixed));
  assert.equal(warned.outcome, "warn");
  assert.deepEqual(warned.details, [
    ".github/workflows/ci.yml:6: warning: actions/checkout@v4 is not pinned to a full commit SHA (a tag can be moved); pin it, with the version in a comment",
  ]);
});

test("repo-kit with github: GitHub's own CODEOWNERS errors fail; none on the default branch yet warns", async () => {
  const github = await startFakeGitHub();
  after(async () => {
    github.assertNoViolations();
    await github.close();
  });
  const repo = { owner: "octo-org", repo: "octo-app" };
  github.addRepo(repo);
  const dir = await kitDir();
  // A client answers repeats from memory: each look at GitHub gets its own.
  const contextNow = () => {
    const api = createGitHubApi({ token: github.token, baseUrl: github.url, cache: null, delayUnitMs: 1 });
    after(() => api.close());
    return makeEvidenceContext(dir, { github: { api, repo } });
  };
  const unpushed = await collectRepoKit({ ...SPEC, github: true }, contextNow());
  assert.equal(unpushed.outcome, "warn");
  assert.deepEqual(unpushed.details, [
    ".github/CODEOWNERS:1: warning: GitHub finds no CODEOWNERS on the default branch yet; push it",
  ]);
  github.setCodeownersErrors(repo, [{ line: 7, kind: "Unknown owner", source: "/src/ @alice" }]);
  const wrong = await collectRepoKit({ ...SPEC, github: true }, contextNow());
  assert.equal(wrong.outcome, "fail");
  assert.deepEqual(wrong.details, [".github/CODEOWNERS:7: GitHub: Unknown owner"]);
  github.setCodeownersErrors(repo, []);
  const clean = await collectRepoKit({ ...SPEC, github: true }, contextNow());
  assert.equal(clean.outcome, "pass");
});
