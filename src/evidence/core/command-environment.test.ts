import assert from "node:assert/strict";
import { test } from "node:test";
import { COMMAND_BASE_ENVIRONMENT, commandEnvironment } from "./command-environment.js";

test("the base holds no credential and none of the runner's command files", () => {
  for (const name of [
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "SLACK_WEBHOOK_URL",
    "GITHUB_EVENT_PATH",
    "GITHUB_ENV",
    "GITHUB_PATH",
    "GITHUB_OUTPUT",
    "GITHUB_STATE",
    "GITHUB_STEP_SUMMARY",
    "ACTIONS_RUNTIME_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
  ]) {
    assert.ok(!COMMAND_BASE_ENVIRONMENT.includes(name), name);
    assert.deepEqual(commandEnvironment({ [name]: "value" }, []), {}, name);
  }
});

test("names are compared without regard to case, as on Windows, and unset names are left out", () => {
  assert.deepEqual(
    commandEnvironment(
      { Path: "C:\\Windows", SystemRoot: "C:\\Windows", Database_Url: "x", lc_all: "C", Other: "y" },
      ["DATABASE_URL", "MISSING"],
    ),
    { Path: "C:\\Windows", SystemRoot: "C:\\Windows", Database_Url: "x", lc_all: "C" },
  );
});
