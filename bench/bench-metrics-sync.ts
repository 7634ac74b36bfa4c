/**
 * The sync part of the metrics benchmark: the first repositories of the generated organisation
 * (test/fixtures/bench/make-org-history.mjs) served by the fake GitHub API (every request and answer
 * checked against GitHub's OpenAPI description), then `shipready metrics sync` twice as a user runs
 * it, each under /usr/bin/time for its CPU time and peak memory.
 *
 * Each repository holds its workflow runs (deploy.yml's are the deploys; the CI workflows' runs are
 * there to be filtered out by the API, as GitHub does), a linear history of the commits its deploys
 * took out (dated as generated, so that lead time comes from GitHub's compare), its incidents as
 * issues labelled `incident`, and a checklist. The first sync must be bound by requests, not by its
 * own CPU; the second must be answered at least 90% by 304 Not Modified; both must stay under 200 MB.
 * Counts are checked against what was generated, so speed never comes from skipping work.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startFakeGitHub, type FakeGitHub } from "../test/helpers/fake-github.js";
import type { DeployEvent, IncidentEvent } from "../src/metrics/types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const GENERATOR = path.join(ROOT, "test", "fixtures", "bench", "make-org-history.mjs");
const TOKEN = "bench-token-not-a-secret";
const REPOS = 4;
const RSS_TARGET_MB = 200;
const NOT_MODIFIED_TARGET = 0.9;

export interface SyncBenchRow {
  name: string;
  figure: string;
  target: string;
  verdict: string;
}

interface Generated {
  repo: string;
  runsByWorkflow: Record<string, number>;
  deploys: DeployEvent[];
  incidents: IncidentEvent[];
}

interface SyncJson {
  requests: number;
  notModified: number;
  repos: { repo: string; deploys: { new: number }; incidents: { new: number }; complete: boolean }[];
  failed: { repo: string; problem: string }[];
}

interface Timed {
  wallS: number;
  cpuS: number;
  rssMB: number;
  json: SyncJson;
}

const CHECKLIST = "# Release checklist\n\n## Core Gates\n\n- [x] Tests pass\n- [ ] Docs updated\n";

/** Seeds one generated repository into the fake; gives how many deploys and incidents a sync must find. */
export function seedRepository(
  github: FakeGitHub,
  generated: Generated,
  index: number,
): { deploys: number; incidents: number } {
  const [owner, name] = generated.repo.split("/") as [string, string];
  const ref = { owner, repo: name };
  github.addRepo(ref);
  github.seedCommit(ref, {
    files: { "shipready.yml": "checklist: RELEASE.md\n", "RELEASE.md": CHECKLIST },
    message: "Start",
    date: "2025-01-01T00:00:00Z",
    branch: "main",
  });
  const deployWorkflow = 7_000_001;
  github.addWorkflow(ref, { id: deployWorkflow, name: "Deploy", path: ".github/workflows/deploy.yml" });
  const runs = [];
  let counted = 0;
  for (const deploy of generated.deploys) {
    let head = "";
    for (const change of deploy.changes ?? []) {
      head = github.seedCommit(ref, {
        files: { "shipready.yml": "checklist: RELEASE.md\n", "RELEASE.md": CHECKLIST },
        message: change.subject ?? "change",
        date: change.at,
        branch: "main",
      });
    }
    const conclusion =
      deploy.status === "success" ? "success" : deploy.status === "aborted" ? "cancelled" : "failure";
    runs.push({
      id: Number(deploy.sourceId),
      workflow: deployWorkflow,
      headSha: head,
      conclusion,
      createdAt: deploy.startedAt!,
      runStartedAt: deploy.startedAt!,
      updatedAt: deploy.finishedAt,
    });
    counted++;
  }
  github.addWorkflowRuns(ref, runs);
  // The CI workflows' runs: the sync asks for deploy.yml's alone, and GitHub filters the rest out.
  let id = 9_000_000_000 + index * 1_000_000;
  for (const [file, count] of Object.entries(generated.runsByWorkflow)) {
    if (file === "deploy.yml") continue;
    const workflow = github.addWorkflow(ref, { name: file, path: `.github/workflows/${file}` });
    github.addWorkflowRuns(
      ref,
      Array.from({ length: count }, () => ({ id: id++, workflow, conclusion: "success" })),
    );
  }
  for (const incident of generated.incidents) {
    const cause = generated.deploys.find((d) => d.sourceId === incident.causeDeployId);
    github.addIssue(ref, {
      title: incident.title ?? "Incident",
      body: cause ? `Caused-by: deploy:${cause.sourceId}\n` : "Errors in production.\n",
      labels: ["incident"],
      createdAt: incident.openedAt,
      ...(incident.resolvedAt !== null && { closedAt: incident.resolvedAt }),
    });
  }
  return { deploys: counted, incidents: generated.incidents.length };
}

/** One `shipready metrics sync` under /usr/bin/time: wall and CPU seconds, peak RSS, its JSON. */
function timedSync(bin: string, dir: string, apiUrl: string, now: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const timeFile = path.join(dir, "time.txt");
    const started = process.hrtime.bigint();
    const child = spawn(
      "/usr/bin/time",
      [
        "-o",
        timeFile,
        "-f",
        "%U %S %M",
        process.execPath,
        bin,
        "metrics",
        "sync",
        "--repos-file",
        "repos.txt",
        "--now",
        now,
        "--json",
      ],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          GITHUB_TOKEN: TOKEN,
          GITHUB_API_URL: apiUrl,
          NO_COLOR: "1",
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) {
        reject(new Error(`metrics sync exited ${code}: ${stderr.slice(0, 2000)}`));
        return;
      }
      const [user, system, rssKB] = fs.readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number);
      resolve({
        wallS,
        cpuS: user! + system!,
        rssMB: rssKB! / 1024,
        json: JSON.parse(stdout) as SyncJson,
      });
    });
  });
}

export async function benchMetricsSync(
  bin: string,
  dir: string,
  until: string,
): Promise<{ rows: SyncBenchRow[]; notes: string[] }> {
  const generator = (await import(pathToFileURL(GENERATOR).href)) as {
    makeOrgHistory(options: { until: number }): Iterable<Generated>;
  };
  fs.mkdirSync(dir, { recursive: true });
  const github = await startFakeGitHub({ token: TOKEN, rateLimit: 1_000_000 });
  try {
    const expected = { deploys: 0, incidents: 0, runs: 0, repos: [] as string[] };
    for (const generated of generator.makeOrgHistory({ until: Date.parse(until) })) {
      const seeded = seedRepository(github, generated, expected.repos.length);
      expected.deploys += seeded.deploys;
      expected.incidents += seeded.incidents;
      expected.runs += Object.values(generated.runsByWorkflow).reduce((a, b) => a + b, 0);
      expected.repos.push(generated.repo);
      if (expected.repos.length === REPOS) break;
    }
    fs.writeFileSync(
      path.join(dir, "shipready.yml"),
      "metrics:\n  deployWorkflows: [deploy.yml]\n  incidentLabels: [incident]\n",
    );
    fs.writeFileSync(path.join(dir, "repos.txt"), `${expected.repos.join("\n")}\n`);

    const first = await timedSync(bin, dir, github.url, until);
    const second = await timedSync(bin, dir, github.url, until);
    github.assertNoViolations();

    const found = first.json.repos.reduce(
      (sum, r) => ({ deploys: sum.deploys + r.deploys.new, incidents: sum.incidents + r.incidents.new }),
      { deploys: 0, incidents: 0 },
    );
    const wrong =
      first.json.failed.length > 0 ||
      found.deploys !== expected.deploys ||
      found.incidents !== expected.incidents ||
      first.json.repos.some((r) => !r.complete)
        ? ` WRONG (kept ${found.deploys} deploys and ${found.incidents} incidents of ${expected.deploys} and ${expected.incidents}${first.json.failed.map((f) => `; ${f.repo}: ${f.problem}`).join("")})`
        : "";
    const cpuShare = first.cpuS / first.wallS;
    const share = second.json.notModified / second.json.requests;
    const rows: SyncBenchRow[] = [
      {
        name: `first sync, ${REPOS} repositories (${expected.runs.toLocaleString("en")} runs, ${expected.deploys.toLocaleString("en")} deploys, ${expected.incidents} incidents)`,
        figure: `${first.wallS.toFixed(1)} s, ${first.json.requests.toLocaleString("en")} requests`,
        target: "(bound by requests)",
        verdict: wrong,
      },
      {
        name: "first sync: the sync's own CPU",
        figure: `${first.cpuS.toFixed(1)} s (${(cpuShare * 100).toFixed(0)}% of its wall time), ${((first.cpuS * 1000) / first.json.requests).toFixed(2)} ms a request`,
        target: "< 50% of wall",
        verdict: cpuShare < 0.5 ? "ok" : "MISSED",
      },
      {
        name: "second sync, nothing changed",
        figure: `${second.wallS.toFixed(1)} s, ${second.json.notModified.toLocaleString("en")} of ${second.json.requests.toLocaleString("en")} answered 304 (${(share * 100).toFixed(1)}%)`,
        target: `>= ${NOT_MODIFIED_TARGET * 100}% 304`,
        verdict: share >= NOT_MODIFIED_TARGET ? "ok" : "MISSED",
      },
      {
        name: "peak RSS of the sync process (first, second)",
        figure: `${Math.max(first.rssMB, second.rssMB).toFixed(0)} MB (${first.rssMB.toFixed(0)}, ${second.rssMB.toFixed(0)})`,
        target: `< ${RSS_TARGET_MB} MB`,
        verdict: Math.max(first.rssMB, second.rssMB) < RSS_TARGET_MB ? "ok" : "MISSED",
      },
    ];
    return {
      rows,
      notes: [
        "Metrics sync: the fake GitHub runs in the benchmark's process and checks every request and answer against GitHub's OpenAPI description; the sync's CPU is its own process's (user + system, /usr/bin/time).",
      ],
    };
  } finally {
    await github.close();
  }
}
