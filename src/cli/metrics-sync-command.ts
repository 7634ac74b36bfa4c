import { resolve } from "node:path";
import { createGitHubClient } from "../adapters/github/create-github-client.js";
import { githubDeliveryFeeds } from "../adapters/github/github-delivery-feeds.js";
import { findGitHubAccess } from "../adapters/github/open-github.js";
import { gitChangeHistory } from "../adapters/git/git-change-history.js";
import { gitCli } from "../adapters/git/git-cli.js";
import { ExitCode, InputError, ShipreadyError, UsageError } from "../errors.js";
import { isRepoName, parseRepoList } from "../metrics/core/parse-repo-list.js";
import { comparisonHistory, pullRequestStartHistory } from "../metrics/pull-request-change-history.js";
import { readRemoteReadiness } from "../metrics/read-remote-readiness.js";
import { syncGitHubRepository, type RepoSyncReport } from "../metrics/sync-github.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import type { GlobalOptions } from "./main.js";
import { openMetricsContext } from "./metrics-command.js";

export interface MetricsSyncOptions extends GlobalOptions {
  repo?: string[];
  reposFile?: string;
  token?: string;
  apiUrl?: string;
  json?: boolean;
  now?: string;
}

/** One repository that could not be synced at all, and why. */
interface RepoFailure {
  repo: string;
  problem: string;
  fix: string | null;
}

/**
 * `shipready metrics sync`: GitHub's deployments, deploy workflow runs, incident issues and tags of
 * this repository, or of every repository named, into the metrics store, reading only what changed
 * since the last sync.
 */
export async function runMetricsSyncCommand(opts: MetricsSyncOptions): Promise<number> {
  const named = opts.repo ?? [];
  for (const repo of named) {
    if (!isRepoName(repo)) {
      throw new UsageError(
        `--repo ${JSON.stringify(repo)} is not a repository written owner/name`,
        "Write it as owner/name, such as --repo octo-org/shop.",
      );
    }
  }
  const context = await openMetricsContext({ ...opts, repo: undefined });
  const { config, store, ports } = context;
  try {
    const repos = [...named];
    if (opts.reposFile !== undefined)
      repos.push(...(await readReposFile(opts.reposFile, context.cwd, ports)));
    if (repos.length === 0) repos.push(context.repo);
    if (!isRepoName(context.repo) && repos.includes(context.repo)) {
      throw new UsageError(
        `this repository's GitHub name is not known (${context.repo} is its folder's name): there is no github.repo in shipready.yml and no git remote on GitHub`,
        "Pass --repo owner/name, or set github: { repo: owner/name } in shipready.yml.",
      );
    }
    const access = await findGitHubAccess(
      config.github,
      config.root,
      {
        ...(opts.token !== undefined && { token: opts.token }),
        ...(opts.apiUrl !== undefined && { apiUrl: opts.apiUrl }),
        env: ports.env,
        secrets: ports.secrets,
      },
      gitCli,
      "metrics sync reads deployments, workflow runs and issues from GitHub",
    );
    const client = createGitHubClient(access.client);
    const feeds = githubDeliveryFeeds(client);
    const reports: RepoSyncReport[] = [];
    const failures: RepoFailure[] = [];
    let stopped: RepoSyncReport | null = null;
    try {
      for (const repo of unique(repos)) {
        if (stopped) {
          failures.push({ repo, problem: "not synced: the rate limit ran out before it", fix: null });
          continue;
        }
        const local = repo.toLowerCase() === context.repo.toLowerCase();
        const commits = local ? gitChangeHistory(config.root) : comparisonHistory(feeds, repo);
        try {
          const report = await syncGitHubRepository({
            store,
            feeds,
            repo,
            settings: {
              environments: config.metrics.environments,
              defaultEnvironment: config.metrics.defaultEnvironment,
              incidentLabels: config.metrics.incidentLabels,
              deployWorkflows: config.metrics.deployWorkflows,
            },
            history: pullRequestStartHistory(commits, feeds, repo),
            readiness: (branch, webUrl) =>
              readRemoteReadiness(feeds, repo, branch, webUrl, ports.clock.now().toISOString()),
            now: ports.clock.now().getTime(),
          });
          reports.push(report);
          if (!report.complete) stopped = report;
        } catch (error) {
          // A repository that cannot be read is named, and the others are still synced.
          if (!(error instanceof ShipreadyError)) throw error;
          failures.push({ repo, problem: error.message, fix: error.fix ?? null });
        }
      }
    } finally {
      client.close();
    }
    const total = reports.reduce(
      (sum, r) => ({ requests: sum.requests + r.requests, notModified: sum.notModified + r.notModified }),
      { requests: 0, notModified: 0 },
    );
    if (opts.json) {
      const json = { store: context.storeLabel, ...total, repos: reports, failed: failures };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      process.stdout.write(renderSync(reports, failures, total, context.storeLabel));
    }
    if (failures.some((f) => f.fix !== null)) {
      for (const failure of failures.filter((f) => f.fix !== null)) {
        process.stderr.write(
          `shipready: ${escapeTerminal(failure.problem)}\n  Fix: ${escapeTerminal(failure.fix ?? "")}\n`,
        );
      }
    }
    if (stopped) {
      process.stderr.write(
        `shipready: ${escapeTerminal(stopped.problem ?? "the sync stopped")}\n  Fix: Run \`shipready metrics sync\` again${stopped.resetAt ? ` after ${stopped.resetAt}` : " later"}: it keeps what was read and resumes where it stopped.\n`,
      );
      return ExitCode.NotReady;
    }
    return failures.length > 0 ? ExitCode.Usage : ExitCode.Ok;
  } finally {
    await store.close();
  }
}

async function readReposFile(
  file: string,
  cwd: string,
  ports: { files: { readText(path: string): Promise<string> } },
): Promise<string[]> {
  const path = resolve(cwd, file);
  const text = await ports.files.readText(path);
  const list = parseRepoList(text);
  if (list.problems.length > 0) {
    const lines = list.problems.map((p) => `${file}:${p.line}: ${JSON.stringify(p.text)} is not owner/name`);
    throw new InputError(
      `${file} lists ${list.problems.length === 1 ? "a line" : `${list.problems.length} lines`} that ${list.problems.length === 1 ? "is" : "are"} not a repository: ${lines.join("; ")}`,
      "Write one repository a line as owner/name (octo-org/shop); start a comment with #.",
    );
  }
  if (list.repos.length === 0) {
    throw new InputError(
      `${file} lists no repository`,
      "Write one repository a line as owner/name (octo-org/shop).",
    );
  }
  return list.repos;
}

function unique(repos: string[]): string[] {
  const seen = new Set<string>();
  return repos.filter((repo) => {
    const key = repo.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function renderSync(
  reports: readonly RepoSyncReport[],
  failures: readonly RepoFailure[],
  total: { requests: number; notModified: number },
  storeLabel: string,
): string {
  const lines: string[] = [];
  const counts = (c: RepoSyncReport["deploys"]) =>
    `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged`;
  const share = (n: number, of: number) => (of === 0 ? "" : ` (${Math.round((100 * n) / of)}%)`);
  for (const r of reports) {
    lines.push(
      `${r.repo}${r.complete ? "" : " (stopped)"}: deploys ${counts(r.deploys)}; incidents ${counts(r.incidents)}; ${r.requests} requests, ${r.notModified} answered 304${share(r.notModified, r.requests)}`,
    );
    if (r.changes.looked > 0) {
      lines.push(
        `  changes: looked up for ${r.changes.looked} deploy${r.changes.looked === 1 ? "" : "s"}${r.changes.problems > 0 ? `, ${r.changes.problems} could not be` : ""}`,
      );
    }
    if (r.readiness)
      lines.push(`  readiness: ${r.readiness.score} ${r.readiness.band} (${r.readiness.checklist})`);
    else if (r.readinessNote) lines.push(`  readiness: none, ${r.readinessNote}`);
    for (const skipped of r.skipped) lines.push(`  skipped: ${skipped}`);
    for (const warning of r.warnings) lines.push(`  warning: ${warning}`);
  }
  for (const f of failures) lines.push(`${f.repo}: not synced: ${f.problem}`);
  lines.push(
    `${reports.length} ${reports.length === 1 ? "repository" : "repositories"} synced into ${storeLabel}: ${total.requests} requests, ${total.notModified} answered 304${share(total.notModified, total.requests)}`,
  );
  return `${lines.map((line) => escapeTerminal(line)).join("\n")}\n`;
}
