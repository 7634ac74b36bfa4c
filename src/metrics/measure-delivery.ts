import { InputError } from "../errors.js";
import { refOf } from "./core/build-timeline.js";
import type { ChangeLookup } from "./core/classify-history.js";
import type { EnvironmentMatch } from "./core/match-environment.js";
import { measureHistory } from "./core/measure-history.js";
import { rangeKey } from "./core/assign-commits-to-ranges.js";
import { planChangeRanges, type CommitRange } from "./core/plan-change-ranges.js";
import type { ChangeHistory, MetricsStore } from "./ports.js";
import type {
  BandReport,
  ChangeCommit,
  DeployEvent,
  IncidentEvent,
  MetricsReport,
  RecoveryEvent,
} from "./types.js";

export interface MeasureRequest {
  repo: string;
  environment: EnvironmentMatch;
  since: number;
  until: number;
  minSample: number;
  bands: BandReport;
  explain: boolean;
}

/**
 * The metrics of one repository and environment over a period, from the store: the period's
 * deploys and, for context, the deploys just around it (the previous successful one bounds the
 * first changes; the next ones end failures and bound incident links), the incidents and recoveries
 * that can touch them, and the commits each deploy took out (git's answer is kept in the store).
 */
export async function measureDelivery(
  store: MetricsStore,
  history: ChangeHistory,
  request: MeasureRequest,
): Promise<MetricsReport> {
  const { repo, environment, since, until } = request;
  const scope = { repo, environments: environment.matches };
  const sinceIso = new Date(since).toISOString();
  const untilIso = new Date(until).toISOString();

  const deploys = new Map<string, DeployEvent>();
  const add = (deploy: DeployEvent | null) => {
    if (deploy) deploys.set(refOf(deploy), deploy);
  };
  for await (const deploy of store.deploys({ ...scope, from: sinceIso, to: untilIso })) add(deploy);
  if (deploys.size === 0) await explainNoDeploys(store, request);
  const around = await store.deploysAround(scope, sinceIso, untilIso);
  add(around.lastBefore);
  add(around.lastSuccessBefore);
  add(around.firstAfter);
  add(around.firstSuccessAfter);

  // Incidents that can be linked to the period's deploys: opened before the next deploy after it,
  // or naming a deploy (whenever they opened).
  const incidents = new Map<string, IncidentEvent>();
  for await (const incident of store.incidents({
    repo,
    from: sinceIso,
    ...(around.firstAfter && { to: around.firstAfter.finishedAt, laterWithCause: true }),
  }))
    incidents.set(refOf(incident), incident);
  const recoveries: RecoveryEvent[] = [];
  for await (const recovery of store.recoveries({ repo, from: sinceIso })) recoveries.push(recovery);

  // The deploys they name, wherever they lie, so that each is linked to the right one.
  const named = { sourceIds: new Set<string>(), versions: new Set<string>(), commits: new Set<string>() };
  for (const event of [...incidents.values(), ...recoveries]) {
    if (event.causeDeployId !== null) named.sourceIds.add(event.causeDeployId);
    if (event.causeVersion !== null) named.versions.add(event.causeVersion);
    if (event.causeCommit !== null) named.commits.add(event.causeCommit);
  }
  if (named.sourceIds.size + named.versions.size + named.commits.size > 0) {
    const found = await store.findDeploys(scope, {
      sourceIds: [...named.sourceIds],
      versions: [...named.versions],
      commits: [...named.commits],
    });
    for (const deploy of found) add(deploy);
  }

  const list = [...deploys.values()];
  const ranges = planChangeRanges(list, environment.matches, since, until);
  const changes = new Map<string, ChangeCommit[] | { problem: string }>(await store.changes(repo, ranges));
  const unknown = ranges.filter((range) => !changes.has(rangeKey(range)));
  // The ranges not kept: all at once when the history can, else one at a time; git's answers are kept.
  const found = history.commitsOfRanges
    ? await history.commitsOfRanges(unknown)
    : new Map<string, ChangeCommit[] | { problem: string }>();
  const answered: (CommitRange & { commits: ChangeCommit[] })[] = [];
  for (const range of unknown) {
    const key = rangeKey(range);
    const answer = found.get(key) ?? (await history.commitsBetween(range.from, range.to));
    changes.set(key, answer);
    if (Array.isArray(answer)) answered.push({ ...range, commits: answer });
  }
  if (answered.length > 0) await store.putChanges(repo, answered);
  const lookup: ChangeLookup = (from, to) => changes.get(`${from}..${to}`);

  return measureHistory(
    {
      deploys: list,
      incidents: [...incidents.values()],
      recoveries,
      matches: environment.matches,
      since,
      until,
      changes: lookup,
    },
    {
      repo,
      environment: environment.name,
      minSample: request.minSample,
      bands: request.bands,
      explain: request.explain,
    },
  );
}

/** Says why the period has no deploys: none at all, none in this environment, or none in the period. */
async function explainNoDeploys(store: MetricsStore, request: MeasureRequest): Promise<void> {
  const seen = await store.environments(request.repo);
  if (seen.length === 0) {
    throw new InputError(
      `no deploys are known for ${request.repo}`,
      "Record them as they happen (`shipready deploy`, or `shipready record deploy --env production --version v1.2.3 --status success` from your CD system), or import past ones with `shipready metrics import events.json`.",
    );
  }
  const matching = seen.filter((env) => request.environment.matches.includes(env.name.trim().toLowerCase()));
  if (matching.length === 0) {
    throw new InputError(
      `no deploys of ${request.repo} are in an environment named ${request.environment.matches.join(" or ")}; the environments seen are ${seen.map((e) => `${e.name} (${e.deploys})`).join(", ")}`,
      `Pick one with --env, or map its name in shipready.yml: metrics: { environments: { ${request.environment.name}: [${[request.environment.name, seen[0]!.name].join(", ")}] } }.`,
    );
  }
}
