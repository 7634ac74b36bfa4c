/**
 * The GitHub part of `npm run bench`: a repository with 30 workflows and 5,000 runs in the fake
 * GitHub API, a checklist with 30 gates each bound to one workflow's run for the released commit,
 * and a CI snapshot over the last 100 runs of each workflow. Times two `shipready update` processes
 * a minute apart (by their --now) and counts their requests: the first must read no more than the
 * pages it needs, the second must be answered at least 90% by 304 Not Modified.
 */
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startFakeGitHub } from "../test/helpers/fake-github.js";

const WORKFLOWS = 30;
const RUNS = 5_000;
const SNAPSHOT_RUNS = 100;
const TOKEN = "bench-token-not-a-secret";
const REPO = { owner: "bench-org", repo: "bench-app" };

export interface GitHubBenchRow {
  name: string;
  wall: string;
  requests: string;
  target: string;
  verdict: string;
}

interface UpdateJson {
  github?: { requests: number; notModified: number };
  categories: { gates: { outcome: string }[] }[];
}

function runUpdate(
  bin: string,
  dir: string,
  apiUrl: string,
  now: string,
): Promise<{ seconds: number; json: UpdateJson }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        bin,
        "update",
        "--json",
        "--no-history",
        "--now",
        now,
        "--api-url",
        apiUrl,
        "--repo",
        `${REPO.owner}/${REPO.repo}`,
      ],
      {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_TOKEN: TOKEN, NO_COLOR: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return reject(new Error(`update exited ${code}:\n${stderr.slice(0, 2000)}`));
      resolve({ seconds, json: JSON.parse(stdout) as UpdateJson });
    });
  });
}

export async function benchGitHubEvidence(bin: string, dir: string): Promise<GitHubBenchRow[]> {
  const github = await startFakeGitHub({ token: TOKEN });
  try {
    github.addRepo(REPO);
    const { workflowIds } = github.seedBulkRuns(REPO, { workflows: WORKFLOWS, runs: RUNS });

    fs.mkdirSync(dir, { recursive: true });
    const rows = workflowIds.map((_, i) => `| Workflow ${i + 1} green | 🟡 PENDING | — |`);
    fs.writeFileSync(
      path.join(dir, "RELEASE_CHECKLIST.md"),
      [
        "# Release",
        "",
        "## Core Gates",
        "",
        "| Gate | Status | Last Run |",
        "|---|---|---|",
        ...rows,
        "",
        "<!-- CI_SNAPSHOT_START -->",
        "<!-- CI_SNAPSHOT_END -->",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "shipready.yml"),
      [
        `ciSnapshot: { runs: ${SNAPSHOT_RUNS} }`,
        "gates:",
        ...workflowIds.map(
          (_, i) =>
            `  - { gate: Workflow ${i + 1} green, evidence: [{ github-actions: { workflow: workflow-${i + 1}.yml, sha: HEAD } }] }`,
        ),
        "",
      ].join("\n"),
    );
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: dir,
        encoding: "utf8",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "b",
          GIT_AUTHOR_EMAIL: "b@example.com",
          GIT_COMMITTER_NAME: "b",
          GIT_COMMITTER_EMAIL: "b@example.com",
        },
      }).trim();
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "chore: bench");
    const head = git("rev-parse", "HEAD");
    // The released commit has run in every workflow (plus 5,000 older runs around it).
    github.addWorkflowRuns(
      REPO,
      workflowIds.map((workflow) => ({ workflow, headSha: head, conclusion: "success" })),
    );

    // The pages the first run cannot do without: the repository (its default branch), the
    // workflow list, one page of runs for the released commit per workflow, and the snapshot's
    // runs per workflow, 100 to a page.
    const mustRead = 1 + Math.ceil(WORKFLOWS / 100) + WORKFLOWS + WORKFLOWS * Math.ceil(SNAPSHOT_RUNS / 100);

    const first = await runUpdate(bin, dir, github.url, "2026-11-22T09:00:00Z");
    const passed = first.json.categories.flatMap((c) => c.gates).filter((g) => g.outcome === "pass").length;
    if (passed !== WORKFLOWS) throw new Error(`the first update passed ${passed} gates, not ${WORKFLOWS}`);
    const second = await runUpdate(bin, dir, github.url, "2026-11-22T09:01:00Z");
    github.assertNoViolations();

    const f = first.json.github!;
    const s = second.json.github!;
    const share = s.requests === 0 ? 0 : s.notModified / s.requests;
    return [
      {
        name: "first update (cold cache)",
        wall: `${first.seconds.toFixed(2)} s`,
        requests: `${f.requests} (${f.notModified} × 304)`,
        target: `requests <= pages needed (${mustRead})`,
        verdict: f.requests <= mustRead ? "ok" : "MISSED",
      },
      {
        name: "second update, a minute later",
        wall: `${second.seconds.toFixed(2)} s`,
        requests: `${s.requests} (${s.notModified} × 304 = ${(share * 100).toFixed(1)}%)`,
        target: ">= 90% answered 304",
        verdict: share >= 0.9 ? "ok" : "MISSED",
      },
    ];
  } finally {
    await github.close();
  }
}
