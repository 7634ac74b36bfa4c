import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CLI_COMMITTER } from "./git-repo.js";
import { repoRoot } from "./repo-paths.js";
import { makeTempDir } from "./temp-dir.js";

/** The commit the runner says the workflow runs on (GITHUB_SHA). */
const SHA_1 = "1".repeat(40);

/** The Action as a runner sees it: action.yml and the bundle in a folder with no node_modules. */
const actionDir = makeTempDir("shipready-action-");
mkdirSync(join(actionDir, "action"));
copyFileSync(join(repoRoot, "action.yml"), join(actionDir, "action.yml"));
copyFileSync(join(repoRoot, "action", "index.js"), join(actionDir, "action", "index.js"));
export const actionYml = parse(readFileSync(join(actionDir, "action.yml"), "utf8")) as {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputFile: string;
  outputs: Record<string, string>;
}

export interface ActionRunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** The GitHub API the Action is pointed at (GITHUB_API_URL); default: nowhere. */
  apiUrl?: string;
  pullRequest?: { number: number; head?: string };
}

/** Runs the bundle as the runner does: inputs as INPUT_<NAME>, the defaults of action.yml filled in. */
export function runActionBundle(workspace: string, options: ActionRunOptions = {}): Promise<ActionRun> {
  const folder = makeTempDir();
  const summaryFile = join(folder, "summary.md");
  const outputFile = join(folder, "output.txt");
  writeFileSync(summaryFile, "");
  writeFileSync(outputFile, "");
  const eventFile = join(folder, "event.json");
  const pr = options.pullRequest;
  writeFileSync(
    eventFile,
    JSON.stringify(
      pr
        ? {
            pull_request: {
              number: pr.number,
              head: { repo: { full_name: pr.head ?? "octo-org/octo-app" } },
              base: { repo: { full_name: "octo-org/octo-app" } },
            },
          }
        : {},
    ),
  );
  const inputs: Record<string, string> = { ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    SOURCE_DATE_EPOCH: "1764579600",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: "octo-org/octo-app",
    GITHUB_EVENT_NAME: pr ? "pull_request" : "push",
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_SHA: SHA_1,
    GITHUB_REF: pr ? `refs/pull/${pr.number}/merge` : "refs/heads/main",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...CLI_COMMITTER,
    ...options.env,
  };
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    const value = inputs[name] ?? spec.default ?? "";
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value === "${{ github.token }}" ? "" : value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(actionDir, actionYml.runs.main)], { cwd: workspace, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout,
        stderr,
        summary: readFileSync(summaryFile, "utf8"),
        outputFile: readFileSync(outputFile, "utf8"),
        outputs: parseOutputs(readFileSync(outputFile, "utf8")),
      }),
    );
  });
}

/** Reads GITHUB_OUTPUT as the runner does: name<<DELIMITER, the value's lines, DELIMITER. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    assert.ok(end > i, `the output ${match[1]} has no closing delimiter`);
    outputs[match[1]!] = lines.slice(i + 1, end).join("\n");
    i = end;
  }
  return outputs;
}
