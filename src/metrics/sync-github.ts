import { deployFromDeployment, deployFromRun, deployFromTag, incidentFromIssue } from "./core/from-github.js";
import { matchEnvironment } from "./core/match-environment.js";
import { rangeKey } from "./core/assign-commits-to-ranges.js";
import { planChangeRanges } from "./core/plan-change-ranges.js";
import { RateLimitedError, type GitHubDeploymentRecord, type GitHubFeeds } from "./github-feeds.js";
import type { ChangeHistory, EventBatch, MetricsStore } from "./ports.js";
import type { DeployEvent, ReadinessSnapshot } from "./types.js";

export interface GitHubSyncSettings {
  /** metrics.environments */
  environments: Record<string, string[]>;
  /** The environment measured by default: deploy workflows' runs are deploys to it, and so are tags. */
  defaultEnvironment: string;
  incidentLabels: readonly string[];
  deployWorkflows: readonly string[];
}

export interface SyncCounts {
  new: number;
  updated: number;
  unchanged: number;
}

/** What one repository's sync did, for the summary. */
export interface RepoSyncReport {
  repo: string;
  /** Every feed was read to where it left off; false after a rate limit or a failure. */
  complete: boolean;
  deploys: SyncCounts;
  incidents: SyncCounts;
  /** Requests made for this repository, and how many were answered 304 Not Modified. */
  requests: number;
  notModified: number;
  /** What was read and left out, and why. */
  skipped: string[];
  warnings: string[];
  /** Commit ranges of deploys whose changes were looked up (lead time), and how many could not be. */
  changes: { ranges: number; looked: number; problems: number };
  readiness: ReadinessSnapshot | null;
  /** Why there is no readiness snapshot, when there is none. */
  readinessNote: string | null;
  /** Why the sync stopped, when it did. */
  problem: string | null;
  /** When the rate limit resets, after one. */
  resetAt: string | null;
}

export interface GitHubSyncRequest {
  store: MetricsStore;
  feeds: GitHubFeeds;
  repo: string;
  settings: GitHubSyncSettings;
  /**
   * The commits between two deploys (the local clone's git, or GitHub's comparisons), corrected to
   * each pull request's first commit where it can be.
   */
  history: ChangeHistory;
  /** Reads and scores the repository's checklist on its default branch; a string says why there is none. */
  readiness: (defaultBranch: string, webUrl: string) => Promise<ReadinessSnapshot | string>;
  /** Now (ms): change ranges are looked up for the deploys of the year before it. */
  now: number;
}

const DEPLOYMENTS_FEED = "github-deployments";
const TAGS_FEED = "github-tags";
const LOOKBACK_MS = 366 * 86_400_000;

interface DeploymentsCursor {
  /** The newest deployment id of the last complete walk. */
  newest: number | null;
  /** Ranges of ids [high, low] a walk stopped by a rate limit had finished. */
  done: [number, number][];
  /** Deployments whose status could still change, asked again each sync. */
  pending: GitHubDeploymentRecord[];
}

/**
 * Brings one repository's delivery events from GitHub into the store, incrementally: each feed
 * (deployments, each deploy workflow's runs, each incident label's issues, tags) is read newest first
 * until where the last sync left off (its cursor), each page kept as it arrives; the request URLs
 * stay the same from sync to sync so that GitHub answers an unchanged feed with a 304. A rate limit
 * stops the sync, keeping what was read and the cursors of the feeds that finished.
 */
export async function syncGitHubRepository(request: GitHubSyncRequest): Promise<RepoSyncReport> {
  const { store, feeds, repo, settings } = request;
  const before = feeds.stats();
  const report: RepoSyncReport = {
    repo,
    complete: false,
    deploys: { new: 0, updated: 0, unchanged: 0 },
    incidents: { new: 0, updated: 0, unchanged: 0 },
    requests: 0,
    notModified: 0,
    skipped: [],
    warnings: [],
    changes: { ranges: 0, looked: 0, problems: 0 },
    readiness: null,
    readinessNote: null,
    problem: null,
    resetAt: null,
  };
  const put = async (batch: EventBatch) => {
    const result = await store.put(batch);
    const counts = batch.deploys?.length ? report.deploys : report.incidents;
    counts.new += result.inserted;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
  };
  try {
    const { defaultBranch, webUrl } = await feeds.repository(repo);
    const deployments = await syncDeployments(request, put, report);
    let workflowRuns = 0;
    for (const workflow of settings.deployWorkflows) {
      workflowRuns += await syncWorkflowRuns(request, workflow, defaultBranch, put, report);
    }
    if (deployments === 0 && settings.deployWorkflows.length === 0) {
      await syncTags(request, webUrl, put, report);
    } else {
      report.skipped.push(
        "tags: not read as deploys, since the repository has " +
          (deployments > 0 ? "GitHub deployments" : "deploy workflows (metrics.deployWorkflows)"),
      );
    }
    if (deployments === 0 && workflowRuns === 0 && settings.deployWorkflows.length > 0) {
      report.warnings.push(
        `no completed run of ${settings.deployWorkflows.join(", ")} on ${defaultBranch} was found in ${repo}: check metrics.deployWorkflows`,
      );
    }
    for (const label of settings.incidentLabels) await syncIssues(request, label, put, report);
    await lookUpChanges(request, report);
    const readiness = await request.readiness(defaultBranch, webUrl);
    if (typeof readiness === "string") {
      report.readinessNote = readiness;
    } else {
      await store.putReadiness(readiness);
      report.readiness = readiness;
    }
    report.complete = true;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    report.problem = error.message;
    report.resetAt = error.resetAt;
  } finally {
    const after = feeds.stats();
    report.requests = after.requests - before.requests;
    report.notModified = after.notModified - before.notModified;
  }
  return report;
}

type Put = (batch: EventBatch) => Promise<void>;

/** Deployments and their statuses; returns how many deployments the repository has been seen to have. */
async function syncDeployments(
  request: GitHubSyncRequest,
  put: Put,
  report: RepoSyncReport,
): Promise<number> {
  const { store, feeds, repo } = request;
  const cursor = parseJson<DeploymentsCursor>(await store.cursor(repo, DEPLOYMENTS_FEED)) ?? {
    newest: null,
    done: [],
    pending: [],
  };
  const pending = new Map(cursor.pending.map((d) => [d.id, d]));
  const known = (id: number) =>
    !pending.has(id) &&
    ((cursor.newest !== null && id <= cursor.newest) || cursor.done.some(([hi, lo]) => id <= hi && id >= lo));
  const stillPending: GitHubDeploymentRecord[] = [];
  const environments = new Map<string, number>();
  let top: number | null = null;
  let lowest: number | null = null;
  let seen = 0;

  const read = async (deployment: GitHubDeploymentRecord): Promise<DeployEvent> => {
    const event = deployFromDeployment(repo, deployment, await feeds.deploymentStatuses(repo, deployment.id));
    if (event.status === "running") stillPending.push(deployment);
    pending.delete(deployment.id);
    return event;
  };

  try {
    for await (const page of feeds.deployments(repo)) {
      const unread: GitHubDeploymentRecord[] = [];
      for (const deployment of page) {
        seen++;
        top ??= deployment.id;
        environments.set(deployment.environment, (environments.get(deployment.environment) ?? 0) + 1);
        if (!known(deployment.id)) unread.push(deployment);
      }
      const events = await inTurns(unread, read);
      if (events.length > 0) await put({ deploys: events });
      lowest = page.at(-1)?.id ?? lowest;
      if (cursor.newest !== null && page.some((d) => d.id <= cursor.newest!)) break;
    }
    // Unsettled deployments older than the walk reached: their statuses are asked again.
    const older = [...pending.values()].filter((d) => lowest === null || d.id < lowest);
    const events = await inTurns(older, read);
    if (events.length > 0) await put({ deploys: events });
  } catch (error) {
    if (error instanceof RateLimitedError && top !== null && lowest !== null) {
      const kept: DeploymentsCursor = {
        newest: cursor.newest,
        done: mergeRanges([...cursor.done, [top, lowest]]),
        pending: [...stillPending, ...pending.values()],
      };
      await store.putCursor(repo, DEPLOYMENTS_FEED, JSON.stringify(kept));
    }
    throw error;
  }
  const newest = Math.max(top ?? -Infinity, cursor.newest ?? -Infinity);
  const next: DeploymentsCursor = {
    newest: Number.isFinite(newest) ? newest : null,
    done: [],
    pending: stillPending,
  };
  await store.putCursor(repo, DEPLOYMENTS_FEED, JSON.stringify(next));
  if (stillPending.length > 0) {
    report.skipped.push(
      `${stillPending.length} GitHub deployment${stillPending.length === 1 ? " is" : "s are"} not finished yet (no success or failure status): not counted until they are`,
    );
  }
  environmentWarning(request, environments, report);
  return seen > 0 ? seen : cursor.newest === null ? 0 : 1;
}

/** Says when none of the deployments seen is to the environment measured, with the config line to write. */
function environmentWarning(
  request: GitHubSyncRequest,
  environments: Map<string, number>,
  report: RepoSyncReport,
): void {
  if (environments.size === 0) return;
  const measured = matchEnvironment(request.settings.defaultEnvironment, request.settings.environments);
  const names = [...environments.keys()];
  if (names.some((name) => measured.matches.includes(name.trim().toLowerCase()))) return;
  const seen = [...environments.entries()].sort((a, b) => b[1] - a[1]);
  const aliases = [...measured.matches, seen[0]![0]].map((n) =>
    /^[\w.-]+$/.test(n) ? n : JSON.stringify(n),
  );
  report.warnings.push(
    `no GitHub deployment of ${request.repo} is to an environment named ${measured.matches.join(" or ")}; the environments seen are ${seen.map(([name, count]) => `${name} (${count})`).join(", ")}. To measure ${seen[0]![0]} as ${measured.name}, write in shipready.yml: metrics: { environments: { ${measured.name}: [${aliases.join(", ")}] } }`,
  );
}

/** Completed runs of one deploy workflow on the default branch; returns how many runs were seen. */
async function syncWorkflowRuns(
  request: GitHubSyncRequest,
  workflow: string,
  branch: string,
  put: Put,
  report: RepoSyncReport,
): Promise<number> {
  const { store, feeds, repo, settings } = request;
  const feed = `workflow-runs:${workflow}`;
  const cursor = parseJson<{ newest: number | null }>(await store.cursor(repo, feed)) ?? { newest: null };
  let top: number | null = null;
  let seen = 0;
  let ignored = 0;
  for await (const page of feeds.workflowRuns(repo, workflow, branch)) {
    const events: DeployEvent[] = [];
    for (const run of page) {
      seen++;
      top ??= run.id;
      if (cursor.newest !== null && run.id <= cursor.newest) continue;
      if (run.headBranch !== null && run.headBranch !== branch) continue;
      const event = deployFromRun(repo, workflow, run, settings.defaultEnvironment);
      if (event) events.push(event);
      else ignored++;
    }
    if (events.length > 0) await put({ deploys: events });
    if (cursor.newest !== null && page.some((run) => run.id <= cursor.newest!)) break;
  }
  const newest = Math.max(top ?? -Infinity, cursor.newest ?? -Infinity);
  await store.putCursor(repo, feed, JSON.stringify({ newest: Number.isFinite(newest) ? newest : null }));
  if (ignored > 0) {
    report.skipped.push(
      `${ignored} run${ignored === 1 ? "" : "s"} of ${workflow} ended neutral, stale or waiting for approval: not deploys`,
    );
  }
  return seen > 0 ? seen : cursor.newest === null ? 0 : 1;
}

/** Release tags as deploys, for a repository with no other deploy source: each tag once, at its commit's time. */
async function syncTags(request: GitHubSyncRequest, webUrl: string, put: Put, report: RepoSyncReport) {
  const { store, feeds, repo, settings } = request;
  let count = 0;
  let missing = 0;
  for await (const page of feeds.tags(repo)) {
    const events: DeployEvent[] = [];
    for (const tag of page) {
      count++;
      const kept = await store.findDeploys({ repo, environments: [] }, { sourceIds: [tag.name] });
      if (kept.some((d) => d.source === "tag")) continue;
      const at = await feeds.commitTime(repo, tag.sha);
      if (at === null) {
        missing++;
        continue;
      }
      events.push(deployFromTag(repo, tag, at, settings.defaultEnvironment, webUrl));
    }
    if (events.length > 0) await put({ deploys: events });
  }
  await store.putCursor(repo, TAGS_FEED, JSON.stringify({ tags: count }));
  if (missing > 0)
    report.skipped.push(`${missing} tag${missing === 1 ? "" : "s"} whose commit GitHub does not have`);
  if (count === 0) {
    report.warnings.push(
      `${repo} has no deploys GitHub knows of: no deployments, no deploy workflows and no tags. Name the workflows that deploy in metrics.deployWorkflows (deploy.yml), create GitHub deployments, or record deploys with \`shipready record deploy\``,
    );
  }
}

/** Issues of one incident label, most recently updated first, down to the last sync's newest change. */
async function syncIssues(request: GitHubSyncRequest, label: string, put: Put, report: RepoSyncReport) {
  const { store, feeds, repo } = request;
  const feed = `github-issues:${label}`;
  const cursor = parseJson<{ since: string | null }>(await store.cursor(repo, feed)) ?? { since: null };
  let newest: string | null = null;
  let seen = 0;
  let pulls = 0;
  for await (const page of feeds.issues(repo, label)) {
    const incidents = [];
    for (const issue of page) {
      seen++;
      if (newest === null || issue.updatedAt > newest) newest = issue.updatedAt;
      if (cursor.since !== null && issue.updatedAt < cursor.since) continue;
      const incident = incidentFromIssue(repo, issue);
      if (incident) incidents.push(incident);
      else pulls++;
    }
    if (incidents.length > 0) await put({ incidents });
    const last = page.at(-1);
    if (cursor.since !== null && last !== undefined && last.updatedAt < cursor.since) break;
  }
  await store.putCursor(repo, feed, JSON.stringify({ since: newest ?? cursor.since }));
  if (pulls > 0) {
    report.skipped.push(`${pulls} pull request${pulls === 1 ? "" : "s"} labelled ${label}: not incidents`);
  }
  if (seen === 0 && cursor.since === null) {
    const labels = new Map<string, number>();
    for await (const page of feeds.issues(repo, null)) {
      for (const issue of page)
        for (const name of issue.labels) labels.set(name, (labels.get(name) ?? 0) + 1);
      break;
    }
    const list = [...labels.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    report.warnings.push(
      `no issue of ${repo} is labelled ${label}; the labels on its recent issues are ${list.join(", ") || "none"}. Set the labels your incidents carry in shipready.yml: metrics: { incidentLabels: [${list[0] ?? label}] }`,
    );
  }
}

/**
 * The commits each deploy of the last year took out, looked up now (through git or GitHub, with
 * each pull request's first commit) and kept in the store, so that `metrics` reads them from there.
 */
async function lookUpChanges(request: GitHubSyncRequest, report: RepoSyncReport): Promise<void> {
  const { store, repo, settings } = request;
  const environment = matchEnvironment(settings.defaultEnvironment, settings.environments);
  const since = request.now - LOOKBACK_MS;
  const deploys: DeployEvent[] = [];
  // The last successful deploy before the year bounds the first range.
  const first = await store.lastDeployBefore(
    { repo, environments: environment.matches, statuses: ["success"] },
    new Date(since).toISOString(),
  );
  if (first) deploys.push(first);
  for await (const deploy of store.deploys({
    repo,
    environments: environment.matches,
    from: new Date(since).toISOString(),
  }))
    deploys.push(deploy);
  const ranges = planChangeRanges(deploys, environment.matches, since, Infinity);
  report.changes.ranges = ranges.length;
  const kept = await store.changes(repo, ranges);
  for (const range of ranges) {
    if (kept.has(rangeKey(range))) continue;
    report.changes.looked++;
    const found = await request.history.commitsBetween(range.from, range.to);
    if (Array.isArray(found)) await store.putChanges(repo, [{ ...range, commits: found }]);
    else report.changes.problems++;
  }
}

/** How many deployments' statuses are asked at once: the first sync of a large repository is bound by round trips. */
const STATUS_REQUESTS_AT_ONCE = 8;

/** `work` on each item, a few at a time, the results in the items' order. */
async function inTurns<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += STATUS_REQUESTS_AT_ONCE) {
    results.push(...(await Promise.all(items.slice(i, i + STATUS_REQUESTS_AT_ONCE).map(work))));
  }
  return results;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => b[0] - a[0]);
  const merged: [number, number][] = [];
  for (const [hi, lo] of sorted) {
    const last = merged.at(-1);
    if (last && hi >= last[1]) last[1] = Math.min(last[1], lo);
    else merged.push([hi, lo]);
  }
  return merged;
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
