import assert from "node:assert/strict";
import { test } from "node:test";
import { UsageError } from "../errors.js";
import { readActionInputs } from "./read-action-inputs.js";

test("inputs are read as the runner passes them, with action.yml's defaults when empty", () => {
  assert.deepEqual(readActionInputs({}), {
    mode: "update",
    commit: false,
    push: true,
    notify: false,
    comment: true,
    failOnNotReady: false,
    preflight: false,
  });
  assert.deepEqual(
    readActionInputs({
      INPUT_MODE: " check ",
      INPUT_THRESHOLD: "85.5",
      "INPUT_GITHUB-TOKEN": "t0ken",
      "INPUT_FAIL-ON-NOT-READY": "True",
      INPUT_CHECKLIST: "docs/RELEASE.md",
      INPUT_COMMENT: "FALSE",
    }),
    {
      mode: "check",
      commit: false,
      push: true,
      notify: false,
      comment: false,
      failOnNotReady: true,
      preflight: false,
      checklist: "docs/RELEASE.md",
      threshold: 85.5,
      githubToken: "t0ken",
    },
  );
});

test("bad values are usage errors naming the input", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ INPUT_MODE: "gate" }, /"mode" is "gate"/],
    [{ INPUT_THRESHOLD: "-1" }, /"threshold" is "-1"/],
    [{ INPUT_THRESHOLD: "100.5" }, /"threshold" is "100.5"/],
    [{ INPUT_THRESHOLD: "1e2" }, /"threshold" is "1e2"/],
    [{ INPUT_PUSH: "on" }, /"push" is "on", which is not a boolean/],
    [{ INPUT_MODE: "score", INPUT_COMMIT: "true" }, /"commit" works with mode: update only/],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => readActionInputs(env),
      (error: unknown) => error instanceof UsageError && message.test(error.message) && Boolean(error.fix),
    );
  }
});
