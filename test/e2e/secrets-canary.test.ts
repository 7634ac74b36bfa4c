import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative } from "node:path";
import { after, test } from "node:test";
import { startFakeSlack } from "../helpers/fake-slack.js";
import { initRepo } from "../helpers/git-repo.js";
import { runActionBundle } from "../helpers/run-action-bundle.js";
import { runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// Canary secrets, one from each kind of secret source, each printed by a command in every form.
const HOOK_KEY = "CanarySlackHookK9Q2xw";
const slack = await startFakeSlack({ secret: HOOK_KEY });
after(() => slack.close());
const DB_PASSWORD = "Canary/Db+Pw=4417x";
const CANARY_ENV = {
  GITHUB_TOKEN: "ghp_CanaryTok3nZ9yX8wV7uT6sR5qP4oN3mL2k",
  GH_TOKEN: "gho_CanaryGhTok3nA1b2C3d4E5f6G7h8",
  SLACK_WEBHOOK_URL: slack.webhookUrl,
  DATABASE_URL: `postgres://app:${encodeURIComponent(DB_PASSWORD)}@db.internal:5432/app`,
  DB_PASS: "CanaryDbPass-9931",
  // A name that does not look secret: shipready.yml's secrets: lists it.
  RELEASE_SIGNING: "canary-signing-value-5512",
};
const CANARIES: Record<string, string> = {
  ...CANARY_ENV,
  "the webhook's key": HOOK_KEY,
  "the password in DATABASE_URL": DB_PASSWORD,
};

const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");

/** Every form of a value the commands print, and so every form no output may hold. */
function formsOf(value: string): Record<string, string> {
  return {
    raw: value,
    upper: value.toUpperCase(),
    lower: value.toLowerCase(),
    encodeURIComponent: encodeURIComponent(value),
    "form-encoded": new URLSearchParams({ v: value }).toString().slice(2),
    base64: base64(value),
    "base64 unpadded": base64(value).replace(/=+$/, ""),
    base64url: base64url(value),
    "base64 of ci:value": base64(`ci:${value}`),
    "base64url of deploy:value": base64url(`deploy:${value}`),
  };
}

/** Prints a variable in each form (or that it is not set), or lists the names and value hashes the command got. */
const PRINT_FORMS = `import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
const [mode, name] = process.argv.slice(2);
if (mode === "scan") {
  const names = Object.keys(process.env).sort();
  const hashes = Object.values(process.env).map((v) => createHash("sha256").update(v).digest("hex"));
  writeFileSync(name, JSON.stringify({ names, hashes }));
  process.exit(0);
}
const full = process.env[name];
if (full === undefined) {
  console.log(name + " is not set");
  process.exit(0);
}
const value = mode === "password" ? decodeURIComponent(new URL(full).password) : full;
const b64 = (t) => Buffer.from(t).toString("base64");
const b64url = (t) => Buffer.from(t).toString("base64url");
console.log("length:" + value.length);
for (const form of [
  value,
  value.toUpperCase(),
  value.toLowerCase(),
  encodeURIComponent(value),
  new URLSearchParams({ v: value }).toString().slice(2),
  b64(value),
  b64url(value),
  "Authorization: Basic " + b64("ci:" + value),
  b64url("deploy:" + value),
]) console.log(form);
console.error("failed for " + value);
process.exit(1);
`;

const GATES: [gate: string, run: string, env: string[]][] = [
  ["Token", "node print-forms.mjs forms GITHUB_TOKEN", ["GITHUB_TOKEN"]],
  ["Webhook", "node print-forms.mjs forms SLACK_WEBHOOK_URL", ["SLACK_WEBHOOK_URL"]],
  ["Database URL", "node print-forms.mjs forms DATABASE_URL", ["DATABASE_URL"]],
  ["Database password", "node print-forms.mjs password DATABASE_URL", ["DATABASE_URL"]],
  ["DB pass", "node print-forms.mjs forms DB_PASS", ["DB_PASS"]],
  ["Signing", "node print-forms.mjs forms RELEASE_SIGNING", ["RELEASE_SIGNING"]],
  ["Withheld", "node print-forms.mjs scan withheld.json && node print-forms.mjs forms GITHUB_TOKEN", []],
];

function makeWorkspace(): string {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "RELEASE.md"),
    `# Release\n\n## Core Gates\n\n| Gate | Status |\n|------|--------|\n${GATES.map(([gate]) => `| ${gate} | 🟡 PENDING |`).join("\n")}\n`,
  );
  writeFileSync(
    join(dir, "shipready.yml"),
    [
      "checklist: RELEASE.md",
      "secrets: [RELEASE_SIGNING]",
      "categories:",
      "  - { name: Core Gates, weight: 100, required: true }",
      "gates:",
      ...GATES.flatMap(([gate, run, env]) => [
        `  - gate: ${gate}`,
        "    evidence:",
        `      - command: { run: "${run}"${env.length > 0 ? `, env: [${env.join(", ")}]` : ""} }`,
      ]),
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "print-forms.mjs"), PRINT_FORMS);
  initRepo(dir);
  return dir;
}

/** Every file under `dir` but git's own, with its path relative to `dir`. */
function filesUnder(dir: string, root = dir): [string, Buffer][] {
  return readdirSync(dir).flatMap((name): [string, Buffer][] => {
    const path = join(dir, name);
    if (name === ".git") return [];
    if (statSync(path).isDirectory()) return filesUnder(path, root);
    return [[relative(root, path), readFileSync(path)]];
  });
}

/** Fails naming the place, the canary and the form, when any form of any canary is anywhere. */
function assertNoCanary(places: Record<string, string | Buffer>): void {
  for (const [where, content] of Object.entries(places)) {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    for (const [canary, value] of Object.entries(CANARIES)) {
      for (const [form, text] of Object.entries(formsOf(value))) {
        assert.ok(!bytes.includes(Buffer.from(text)), `${where} holds ${canary} (${form})`);
      }
    }
  }
}

/** What the command bound to Withheld was given: no canary, under any name. */
function assertWithheld(dir: string): void {
  const seen = JSON.parse(readFileSync(join(dir, "withheld.json"), "utf8")) as {
    names: string[];
    hashes: string[];
  };
  for (const name of ["GITHUB_TOKEN", "GH_TOKEN", "SLACK_WEBHOOK_URL", "DATABASE_URL", "DB_PASS"]) {
    assert.ok(!seen.names.includes(name), `the command was given ${name}`);
  }
  assert.ok(!seen.names.some((name) => name.startsWith("INPUT_")), seen.names.join(", "));
  for (const [canary, value] of Object.entries(CANARIES)) {
    const hash = createHash("sha256").update(value).digest("hex");
    assert.ok(!seen.hashes.includes(hash), `the command was given ${canary} under another name`);
  }
}

const cliEnv = {
  ...CANARY_ENV,
  // The commands run `node`: the one running the tests, whatever PATH says.
  PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
};

test("no form of any canary secret reaches the output or files of score --json, update --verbose --notify and report --html", async () => {
  const dir = makeWorkspace();
  const run = (args: string[]): Promise<CliResult> => runCliAsync(args, { cwd: dir, env: cliEnv });
  const score = await run(["score", "--json"]);
  const update = await run(["update", "--verbose", "--notify", "--now", "2026-03-01T10:00:00Z"]);
  const report = await run(["report", "--html", "report.html", "--now", "2026-03-01T10:00:00Z"]);
  // A file named by a secret: the error about it shows it redacted.
  const missing = await run(["score", `${CANARY_ENV.DB_PASS}.md`]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /\*\*\*\.md/);

  assert.equal(score.code, 0, score.stderr);
  assert.equal(update.code, 0, update.stderr);
  assert.equal(report.code, 0, report.stderr);
  assert.ok(slack.deliveries.length > 0, "the notification was sent");
  assertNoCanary({
    ...Object.fromEntries(
      Object.entries({ score, update, report, missing }).flatMap(([name, result]) => [
        [`${name} stdout`, result.stdout],
        [`${name} stderr`, result.stderr],
      ]),
    ),
    ...Object.fromEntries(slack.deliveries.map((d, i) => [`Slack message ${i + 1}`, d.body])),
    ...Object.fromEntries(filesUnder(dir).filter(([path]) => path !== "print-forms.mjs")),
  });
  assertWithheld(dir);

  // The commands did run and print them: what shows is the redaction, not silence.
  const json = JSON.parse(score.stdout) as {
    categories: { gates: { name: string; collected?: { details?: string[] }[] }[] }[];
  };
  const details = (gate: string) =>
    json.categories.flatMap((c) => c.gates).find((g) => g.name === gate)?.collected?.[0]?.details ?? [];
  assert.ok(
    details("Token").includes(`length:${CANARY_ENV.GITHUB_TOKEN.length}`),
    details("Token").join("\n"),
  );
  assert.ok(details("Token").includes("Authorization: Basic ***"), details("Token").join("\n"));
  assert.ok(details("Withheld").includes("GITHUB_TOKEN is not set"), details("Withheld").join("\n"));
  for (const [gate] of GATES.slice(0, -1)) {
    assert.equal(
      details(gate).filter((line) => line === "***").length,
      8,
      `${gate}: ${details(gate).join("\n")}`,
    );
  }
  assert.match(update.stdout, /\| \*\*\*/);
  assert.match(readFileSync(join(dir, "report.html"), "utf8"), /failed for \*\*\*/);
});

test("no form of any canary secret reaches the Action's log, summary, outputs or files", async () => {
  const dir = makeWorkspace();
  const result = await runActionBundle(dir, {
    inputs: {
      "github-token": CANARY_ENV.GITHUB_TOKEN,
      "slack-webhook": CANARY_ENV.SLACK_WEBHOOK_URL,
      notify: "true",
    },
    env: {
      PATH: cliEnv.PATH,
      GH_TOKEN: CANARY_ENV.GH_TOKEN,
      DATABASE_URL: CANARY_ENV.DATABASE_URL,
      DB_PASS: CANARY_ENV.DB_PASS,
      RELEASE_SIGNING: CANARY_ENV.RELEASE_SIGNING,
    },
  });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  // The masks go to the runner first: the only place the values are written, and as GitHub asks.
  const log = result.stdout.replace(/^::add-mask::.*\n/gm, "");
  assert.match(
    result.summary,
    /failed for \\\*\\\*\\\*/,
    "the summary shows the blockers' last lines, redacted",
  );
  assert.ok(slack.deliveries.length > 0, "the notification was sent");
  assertNoCanary({
    log,
    stderr: result.stderr,
    summary: result.summary,
    outputs: result.outputFile,
    ...Object.fromEntries(slack.deliveries.map((d, i) => [`Slack message ${i + 1}`, d.body])),
    ...Object.fromEntries(filesUnder(dir).filter(([path]) => path !== "print-forms.mjs")),
  });
  assertWithheld(dir);
});
