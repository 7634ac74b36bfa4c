import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { initRepo } from "./git-repo.js";
import { runCli } from "./run-cli.js";
import { makeTempDir } from "./temp-dir.js";

/** A hostile incident title: markup for HTML, a mention and markup for Slack and markdown. */
export const EVIL_TITLE = `<img src=x onerror=alert(1)> & <!channel> *bold* | pipe`;

/**
 * A repository whose metrics store (SQLite, or the database of SHIPREADY_DATABASE_URL in
 * `env`) holds, through `shipready record` as a CD system would call it,
 * six production deploys in November 2026: v1.2.0 failed (an incident with a hostile title names it,
 * opened 11:00 and resolved 13:00), v1.2.1 is the hotfix, the rest succeeded.
 */
export function seedMetricsRepo(
  options: { repo?: string; checklist?: boolean; env?: Record<string, string> } = {},
): string {
  const repo = options.repo ?? "acme/shop";
  const dir = makeTempDir();
  writeFileSync(join(dir, "shipready.yml"), `checklist: RELEASE.md\nmetrics:\n  minSample: 1\n`);
  writeFileSync(
    join(dir, "RELEASE.md"),
    "# Release\n\n## Core Gates\n\n| Gate | Status |\n|---|---|\n| Build | 🟢 PASS |\n",
  );
  initRepo(dir);
  const record = (...args: string[]) => {
    const run = runCli(["record", ...args, "--repo", repo], { cwd: dir, env: options.env ?? {} });
    assert.equal(run.code, 0, run.stderr);
  };
  const deploy = (version: string, at: string, ...more: string[]) =>
    record("deploy", "--env", "production", "--version", version, "--finished-at", at, ...more);
  deploy("v1.0.0", "2026-11-10T10:00:00Z");
  deploy("v1.1.0", "2026-11-12T10:00:00Z");
  deploy("v1.2.0", "2026-11-17T10:00:00Z", "--status", "failure", "--reason", "error rate 9% <b>over</b> 1%");
  record(
    "incident",
    "--id",
    "77",
    "--title",
    EVIL_TITLE,
    "--cause",
    "v1.2.0",
    "--opened-at",
    "2026-11-17T11:00:00Z",
    "--resolved-at",
    "2026-11-17T13:00:00Z",
    "--url",
    "https://github.com/acme/shop/issues/77",
  );
  deploy("v1.2.1", "2026-11-17T14:00:00Z", "--rework", "--fixes", "v1.2.0");
  deploy("v1.3.0", "2026-11-24T10:00:00Z");
  deploy("v1.4.0", "2026-11-26T10:00:00Z");
  return dir;
}

/** The end of the seeded history's period: SOURCE_DATE_EPOCH for the runs that read it. */
export const SEEDED_NOW = "2026-12-01T00:00:00Z";
export const SEEDED_EPOCH = String(Date.parse(SEEDED_NOW) / 1000);
