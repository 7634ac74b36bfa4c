import assert from "node:assert/strict";
import { test } from "node:test";
import { checkCodeowners } from "./check-codeowners.js";
import {
  checkDependabotConfig,
  checkIssueForm,
  checkLabelerConfig,
  checkWorkflow,
} from "./check-kit-yaml.js";
import { renderDependabotConfig } from "./render-dependabot-config.js";
import { renderBugReportForm, renderFeatureRequestForm } from "./render-issue-forms.js";
import { renderLabelerConfig } from "./render-labeler-config.js";

test("the kit's own files pass the kit's checks", () => {
  assert.deepEqual(checkIssueForm(renderBugReportForm()), []);
  assert.deepEqual(checkIssueForm(renderFeatureRequestForm()), []);
  assert.deepEqual(checkLabelerConfig(renderLabelerConfig(["src", "web app", "docs"])), []);
  assert.deepEqual(checkDependabotConfig(renderDependabotConfig(["npm", "docker"])), []);
});

test("an issue form is checked against the issue forms schema, each error at its line", () => {
  const form = `name: Bug
description: A bug
body:
  - type: textarea
    attributes:
      description: no label
  - type: dropdown
    id: pick
    attributes:
      label: Pick
      options: []
  - type: slider
`;
  const problems = checkIssueForm(form);
  assert.deepEqual(
    problems.map((p) => p.line),
    [5, 11, 12],
  );
  assert.match(problems[0]!.message, /\/body\/0\/attributes must have required property 'label'/);
  assert.match(problems[1]!.message, /\/body\/1\/attributes\/options must NOT have fewer than 1 items/);
  assert.match(problems[2]!.message, /\/body\/2\/type must be equal to one of the allowed values/);
  assert.deepEqual(checkIssueForm("name: [unclosed\n"), [
    { line: 2, message: checkIssueForm("name: [unclosed\n")[0]!.message },
  ]);
  assert.match(checkIssueForm("name: [unclosed\n")[0]!.message, /^not valid YAML/);
  assert.match(checkIssueForm("name: x\n")[0]!.message, /must have required property 'description'/);
});

test("CODEOWNERS syntax errors are given by line", () => {
  const text = `# owners
* @org/team   # everyone
/docs/ jane@example.com
!/secret/ @alice
/src/[ab]/ @bob
\\#notes @bob
/api/ alice @bad_user @ok-user
/lonely/
`;
  assert.deepEqual(
    checkCodeowners(text).map((p) => [p.line, p.message.split(":")[0]]),
    [
      [4, "!/secret/"],
      [5, "/src/[ab]/"],
      [6, "\\#notes"],
      [7, "alice is not an owner"],
      [7, "@bad_user is not an owner"],
    ],
  );
});

test("a workflow without triggers or jobs is an error; unpinned actions are warnings", () => {
  assert.deepEqual(
    checkWorkflow("name: x\njobs: {}\n").map((p) => p.message),
    ["has no on: (what triggers the workflow)", "has no jobs:"],
  );
  const unpinned = checkWorkflow(`on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./local-action
      - uses: docker://alpine:3
      - run: echo "\${{ inputs.name }}"
`);
  assert.deepEqual(
    unpinned.map((p) => [p.line, Boolean(p.warning)]),
    [
      [6, true],
      [9, true],
    ],
  );
});

test("dependabot.yml and labeler.yml problems name their line", () => {
  assert.deepEqual(
    checkDependabotConfig("version: 1\nupdates:\n  - package-ecosystem: npm\n").map((p) => [
      p.line,
      p.message,
    ]),
    [
      [1, "version: must be 2"],
      [3, "updates[0] names no directory:"],
      [3, "updates[0] has no schedule: { interval: ... }"],
    ],
  );
  assert.deepEqual(
    checkLabelerConfig("docs:\n  - changed-files: []\nci: .github/**\n").map((p) => p.line),
    [3],
  );
});
