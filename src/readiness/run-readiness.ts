import { basename, dirname, relative, resolve } from "node:path";
import { SEED_CATEGORIES } from "../config/defaults.js";
import { historyNameOf } from "./checklist-history.js";
import { loadConfig } from "../config/load-config.js";
import { assessGates, type EvidenceOutcome } from "./core/assess-gates.js";
import { bindEvidence } from "./core/bind-evidence.js";
import { combineEvidence } from "./core/combine-evidence.js";
import { renderBadge } from "../delivery/core/render-badge.js";
import { renderCiSnapshot } from "./core/render-ci-snapshot.js";
import { fitCell, renderCheckbox, renderLastRunCell, renderStatusCell } from "./core/render-gate-cells.js";
import { findClaims } from "./core/find-claims.js";
import { parseChecklist } from "./core/parse-checklist.js";
import { renderScoreSection } from "./core/render-score-section.js";
import { resolveCategories, type CategorySource, type UnscoredHeading } from "./core/resolve-categories.js";
import { rewriteOwnedRanges, type OwnedEdit } from "./core/rewrite-owned-ranges.js";
import { scoreReadiness } from "./core/score-readiness.js";
import { EvidenceError, InputError, InterruptedError, ShipreadyError, UsageError } from "../errors.js";
import { collectEvidence, evidenceKey, type EvidenceProgress } from "../evidence/collect-evidence.js";
import type { EvidenceContext } from "../evidence/evidence-context.js";
import { readCiSnapshot } from "../evidence/read-ci-snapshot.js";
import { notifyReadiness, type NotifyReport } from "../delivery/notify-readiness.js";
import { resolveNotifyTargets } from "../delivery/resolve-notify-targets.js";
import { saveBadge } from "../delivery/save-badge.js";
import type {
  Clock,
  FileFailure,
  Files,
  Git,
  GitHubApi,
  HistoryStore,
  Http,
  Notifier,
  RepoRef,
  Shell,
} from "../ports.js";
import type {
  BadgeSettings,
  Band,
  CiSnapshot,
  EvidenceResult,
  EvidenceSpec,
  Finding,
  GitHubSettings,
  HistoryRecord,
  HistorySettings,
  Readiness,
  ShipreadyConfig,
  Span,
} from "../types.js";

export interface RunOptions {
  /** The folder relative paths on the command line are resolved against. */
  cwd: string;
  /** The checklist to read; found from config or the folder when absent. */
  checklist?: string;
  /** An explicit shipready.yml; found by walking up from the checklist when absent. */
  config?: string;
  /** Overrides the configured threshold. */
  threshold?: number;
  /** score and check only read; update rewrites the owned ranges and records history. */
  mode: "score" | "check" | "update";
  /** With update: compute the new text but write nothing. */
  dryRun?: boolean;
  /** With update: record the run in history (default true). */
  history?: boolean;
  /** Collect the evidence gates are bound to (default true); false scores the written statuses. */
  evidence?: boolean;
  /** Told as each piece of evidence starts and ends, for a progress display. */
  onEvidence?: (event: EvidenceProgress) => void;
  /** Stops evidence collection (what is unfinished becomes inconclusive). */
  signal?: AbortSignal;
  /** The commit `sha: HEAD` evidence is about; the local HEAD when absent (a release checks the commit it tags). */
  commit?: string;
  /** With update: send the readiness to the configured webhooks as notify: in shipready.yml allows. */
  notify?: boolean;
  /** Read the CI snapshot in score and check mode too (update always does), for a page that shows it. */
  ciSnapshot?: boolean;
}

export interface RunPorts {
  files: Files;
  git: Git;
  clock: Clock;
  shell: Shell;
  http: Http;
  /** Sends notifications; needed only for `notify`. */
  notifier?: Notifier;
  env: Readonly<Record<string, string | undefined>>;
  openHistory(settings: HistorySettings): Promise<HistoryStore>;
  /**
   * The GitHub client, built only when GitHub is needed; throws UsageError saying what is missing
   * (token, repository). `why` names what needs it, for that message.
   */
  openGitHub(settings: GitHubSettings, dir: string, why: string): Promise<{ api: GitHubApi; repo: RepoRef }>;
}

export interface RunResult {
  checklist: { path: string; label: string };
  /** `bands`, `badge` and `history` as configured, for what is drawn from a result (the badge, the dashboard). */
  config: {
    file: string | null;
    /** The folder the config's paths are relative to (the config's, else the repository's top). */
    root: string;
    categories: CategorySource;
    bands: Band[];
    badge: BadgeSettings;
    history: HistorySettings;
  };
  readiness: Readiness;
  warnings: Finding[];
  /** Headings whose gates no category scores. */
  unscored: UnscoredHeading[];
  now: string;
  update?: {
    before: string;
    after: string;
    changed: boolean;
    written: boolean;
    /** The score block was missing and has been added below the title. */
    insertedScoreBlock: boolean;
  };
  history?: { added: number; file: string; record: HistoryRecord };
  /** Requests made to GitHub and how many were answered 304 Not Modified; absent when GitHub was not asked. */
  github?: { requests: number; notModified: number };
  /** The CI snapshot as regenerated in this run. */
  ciSnapshot?: CiSnapshot;
  /** What --notify sent, skipped and failed to send; a failure is among the warnings too. */
  notify?: NotifyReport;
  /** The badge as update kept it (badge.update in shipready.yml); `label` is its path relative to cwd. */
  badge?: { path: string; label: string; changed: boolean; written: boolean };
}

/** Scores a checklist and, in update mode, keeps its owned ranges and history true. */
export async function runReadiness(options: RunOptions, ports: RunPorts): Promise<RunResult> {
  const { config, checklistPath, configWarnings } = await locateInputs(options, ports);
  const label = relative(options.cwd, checklistPath) || basename(checklistPath);
  const configLabel = config.file ? relative(options.cwd, config.file) || basename(config.file) : null;
  const now = ports.clock.now();
  const nowIso = now.toISOString();
  const collecting = options.evidence !== false;
  // Before anything is collected or written: --notify with nowhere to send is a usage error.
  const notifyTargets =
    options.notify && options.mode === "update"
      ? resolveNotifyTargets(config.notify, ports.env, configLabel)
      : null;
  if (notifyTargets && !ports.notifier) {
    throw new UsageError("notifications need a notifier, and none was given", "Pass ports.notifier.");
  }

  const prepare = (source: string) => {
    const parsed = parseChecklist(source);
    if (parsed.errors.length > 0) {
      throw new InputError(
        `${label} cannot be used as it is:\n${parsed.errors.map((e) => `  ${label}:${e.line}: ${e.message}`).join("\n")}`,
        "Fix the markers, then run again; nothing was written.",
      );
    }
    if (parsed.gates.length === 0) {
      throw new InputError(
        `${label} has no gates`,
        "A gate is a table row with a Status column (| Gate | Status |) or a task-list item (- [ ] ...); add some, or run `shipready init` for a starter checklist.",
      );
    }
    const resolved = resolveCategories(parsed.gates, config.categories, SEED_CATEGORIES);
    const bound = bindEvidence({
      gates: parsed.gates,
      categoryOf: resolved.categoryOf,
      gateRules: config.gates,
      configLabel,
    });
    return { source, parsed, resolved, bound };
  };

  const first = prepare(await readChecklist(ports.files, checklistPath));
  const evaluate = (
    source: string,
    results: ReadonlyMap<string, EvidenceResult>,
  ): Omit<RunResult, "now" | "config" | "update" | "history"> & {
    source: string;
    parsed: ReturnType<typeof parseChecklist>;
    categories: CategorySource;
    evidenced: Map<number, EvidenceOutcome>;
  } => {
    // The text read before collecting is usually what the lock finds too: parse it once.
    const { parsed, resolved, bound } = first.source === source ? first : prepare(source);
    const evidenced = new Map<number, EvidenceOutcome>();
    if (collecting) {
      for (const [index, specs] of bound.bindings) {
        const found = specs.map((spec) => results.get(evidenceKey(spec)) ?? changedMeanwhile(spec));
        evidenced.set(index, { ...combineEvidence(found), results: found });
      }
    }
    const assessed = assessGates({
      gates: parsed.gates,
      categoryOf: resolved.categoryOf,
      categories: resolved.categories,
      gateRules: config.gates,
      waivers: config.waivers,
      today: nowIso.slice(0, 10),
      checklistLabel: label,
      configLabel,
      evidence: evidenced,
    });
    const readiness = scoreReadiness(assessed.gates, {
      categories: resolved.categories,
      bands: config.bands,
      threshold: options.threshold ?? config.threshold,
      inconclusive: config.inconclusive,
    });
    const emptyCategories: Finding[] = readiness.categories
      .filter((c) => c.gates.length === 0 && resolved.source === "configured")
      .map((c) => ({
        code: "empty-category",
        message: `category "${c.name}" matches no heading that holds gates in ${label}, so it is not scored; check its heading: in shipready.yml`,
        ...(configLabel ? { file: configLabel } : {}),
      }));
    const warnings = [
      ...parsed.findings,
      ...configWarnings,
      ...emptyCategories,
      ...bound.findings,
      ...assessed.findings,
      ...findClaims(parsed.prose, readiness, resolved.categories),
    ];
    return {
      source,
      parsed,
      checklist: { path: checklistPath, label },
      categories: resolved.source,
      readiness,
      warnings,
      unscored: resolved.unscored,
      evidenced,
    };
  };

  // Evidence is collected before the lock is taken: it may take minutes, and other runs may read meanwhile.
  const specs = [...first.bound.bindings.values()].flat();
  const wantsSnapshot =
    collecting &&
    (options.mode === "update" || options.ciSnapshot === true) &&
    config.ciSnapshot.enabled &&
    first.parsed.markers.some((m) => m.name === "CI_SNAPSHOT");
  const gathered = await gatherEvidence({
    specs: collecting ? specs : [],
    wantsSnapshot,
    config,
    dir: dirname(checklistPath),
    ports,
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvidence ? { onEvidence: options.onEvidence } : {}),
  });

  stopIfInterrupted(options.signal);

  const finish = (e: ReturnType<typeof evaluate>): RunResult => ({
    checklist: e.checklist,
    config: {
      file: config.file,
      root: config.root,
      categories: e.categories,
      bands: config.bands,
      badge: config.badge,
      history: config.history,
    },
    readiness: e.readiness,
    warnings: [...e.warnings, ...gathered.findings],
    unscored: e.unscored,
    now: nowIso,
    ...(gathered.github ? { github: gathered.github.api.stats() } : {}),
    ...(gathered.snapshot ? { ciSnapshot: gathered.snapshot } : {}),
  });

  if (options.mode !== "update") return finish(evaluate(first.source, gathered.results));

  const update = async (): Promise<RunResult> => {
    const evaluated = evaluate(await readChecklist(ports.files, checklistPath), gathered.results);
    const section = renderScoreSection({
      readiness: evaluated.readiness,
      now: nowIso,
      eol: evaluated.parsed.eol,
    });
    const edits: OwnedEdit[] = [{ target: { marker: "READINESS_SCORE" }, text: section }];
    const body = evaluated.parsed.bom ? evaluated.source.slice(1) : evaluated.source;
    const cell = (span: Span, text: string): OwnedEdit => ({
      target: { span },
      text: fitCell(body.slice(span.start, span.end), text),
    });
    for (const [index, evidence] of evaluated.evidenced) {
      const gate = evaluated.parsed.gates[index]!;
      if (gate.statusCell) {
        const status =
          gate.form === "task-item" ? renderCheckbox(evidence.outcome) : renderStatusCell(evidence.outcome);
        edits.push(cell(gate.statusCell, status));
      }
      if (gate.lastRunCell) edits.push(cell(gate.lastRunCell, renderLastRunCell(evidence.provenance)));
    }
    const snapshotBlock = evaluated.parsed.markers.find((m) => m.name === "CI_SNAPSHOT");
    if (gathered.snapshot && snapshotBlock) {
      edits.push({
        target: { marker: "CI_SNAPSHOT" },
        text: renderCiSnapshot({
          snapshot: gathered.snapshot,
          heading: leadingHeading(body.slice(snapshotBlock.content.start, snapshotBlock.content.end)),
          eol: evaluated.parsed.eol,
        }),
      });
    }
    const after = rewriteOwnedRanges(evaluated.source, evaluated.parsed, edits);
    const changed = after !== evaluated.source;
    const result: RunResult = {
      ...finish(evaluated),
      update: {
        before: evaluated.source,
        after,
        changed,
        written: false,
        insertedScoreBlock: !evaluated.parsed.markers.some((m) => m.name === "READINESS_SCORE"),
      },
    };
    const keepBadge = async (dryRun: boolean): Promise<void> => {
      if (!config.badge.update) return;
      const svg = renderBadge({
        label: config.badge.label,
        score: evaluated.readiness.score,
        band: evaluated.readiness.band,
        bands: config.bands,
      });
      const path = config.badge.file;
      const label = relative(options.cwd, path) || basename(path);
      try {
        result.badge = { path, label, ...(await saveBadge(path, svg, ports.files, { dryRun })) };
      } catch (error) {
        if (!(error instanceof InputError) || !result.update!.written) throw error;
        // Told apart, so nobody takes the checklist for unchanged because the run failed.
        throw new InputError(
          `${result.checklist.label} was updated, but the badge (badge.file in shipready.yml) was not: ${error.message}`,
          error.fix,
          { cause: error },
        );
      }
    };
    if (options.dryRun) {
      await keepBadge(true);
      return result;
    }
    stopIfInterrupted(options.signal);
    if (changed) {
      await ports.files.writeAtomic(checklistPath, after);
      result.update!.written = true;
    }
    if (options.history !== false && config.history.enabled) {
      const record = await historyRecord(evaluated.readiness, checklistPath, config, nowIso, ports.git);
      const store = await ports.openHistory(config.history);
      try {
        const { added } = await store.append([record]);
        result.history = { added, file: config.history.file, record };
      } finally {
        store.close();
      }
    }
    await keepBadge(false);
    return result;
  };
  const updated = await (options.dryRun ? update() : ports.files.withLock(checklistPath, update));
  // After the checklist and history are written, outside the lock: a slow webhook must not hold up other runs.
  if (notifyTargets === null) return updated;
  updated.notify = await notifyReadiness({
    targets: notifyTargets,
    config,
    readiness: updated.readiness,
    checklistPath,
    snapshot: gathered.snapshot,
    github: gathered.github,
    at: nowIso,
    dryRun: Boolean(options.dryRun),
    files: ports.files,
    git: ports.git,
    env: ports.env,
    openHistory: (settings) => ports.openHistory(settings),
    notifier: ports.notifier!,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for (const failure of updated.notify.failed) {
    updated.warnings.push({ code: "notify-failed", message: `${failure.message}. ${failure.fix}` });
  }
  return updated;
}

async function historyRecord(
  readiness: Readiness,
  checklistPath: string,
  config: ShipreadyConfig,
  at: string,
  git: Git,
): Promise<HistoryRecord> {
  return {
    v: 1,
    at,
    checklist: await historyNameOf(checklistPath, config.root, git),
    commit: await git.headCommit(dirname(checklistPath)),
    score: readiness.score,
    band: readiness.band.name,
    ready: readiness.ready,
    threshold: readiness.threshold,
    coverage: readiness.coverage,
    blockers: readiness.blockers.length,
    categories: readiness.categories.map((c) => ({
      name: c.name,
      score: c.score,
      passed: c.passed,
      total: c.total,
    })),
    origin: "update",
  };
}

// The Files port speaks of any file; a person whose checklist cannot be read wants advice about checklists.
const CHECKLIST_FIXES: Partial<Record<FileFailure, string>> = {
  missing: "Check the path, or run `shipready init` to create a checklist.",
  folder: "Name the markdown file inside it.",
  binary: "Name the markdown file to read.",
};

async function readChecklist(files: Files, path: string): Promise<string> {
  try {
    return await files.readText(path);
  } catch (error) {
    const code =
      error instanceof InputError ? (error as InputError & { code?: FileFailure }).code : undefined;
    const fix = code === undefined ? undefined : CHECKLIST_FIXES[code];
    if (fix === undefined) throw error;
    throw new InputError((error as InputError).message, fix, { cause: error });
  }
}

const CHECKLIST_NAME = /(checklist|readiness).*\.md$/i;

/** Finds the config and the checklist: flags first, then config, then the one checklist in the folder. */
async function locateInputs(
  options: Pick<RunOptions, "cwd" | "checklist" | "config">,
  ports: Pick<RunPorts, "files" | "git">,
): Promise<{ config: ShipreadyConfig; checklistPath: string; configWarnings: Finding[] }> {
  const named = options.checklist === undefined ? null : resolve(options.cwd, options.checklist);
  const { config, warnings } = await loadConfig(
    {
      cwd: options.cwd,
      near: named ? dirname(named) : options.cwd,
      ...(options.config ? { config: options.config } : {}),
    },
    ports,
  );
  const checklistPath = named ?? config.checklist ?? (await discoverChecklist(options.cwd, ports.files));
  return { config, checklistPath, configWarnings: warnings };
}

async function discoverChecklist(cwd: string, files: RunPorts["files"]): Promise<string> {
  const candidates = (await files.list(cwd)).filter((name) => CHECKLIST_NAME.test(name)).sort();
  if (candidates.length === 1) return resolve(cwd, candidates[0]!);
  if (candidates.length === 0) {
    throw new UsageError(
      `no checklist named and none found in ${cwd}`,
      "Name one (`shipready score docs/release-checklist.md`), set `checklist:` in shipready.yml, or run `shipready init`.",
    );
  }
  throw new UsageError(
    `several checklists in ${cwd} (${candidates.join(", ")}) and none named`,
    "Name the one to read, or set `checklist:` in shipready.yml.",
  );
}

interface Gathered {
  results: Map<string, EvidenceResult>;
  github: { api: GitHubApi; repo: RepoRef } | null;
  snapshot: CiSnapshot | null;
  findings: Finding[];
}

const GITHUB_KINDS = new Set(["github-actions", "github-checks", "github-security"]);

/**
 * Collects the bound evidence and the CI snapshot. GitHub evidence without a token is an error (a
 * silent skip would score the written statuses as if they were evidence); the CI snapshot without a
 * token is left as it is, with a remark.
 */
async function gatherEvidence(input: {
  specs: EvidenceSpec[];
  wantsSnapshot: boolean;
  config: ShipreadyConfig;
  dir: string;
  ports: RunPorts;
  commit?: string;
  signal?: AbortSignal;
  onEvidence?: (event: EvidenceProgress) => void;
}): Promise<Gathered> {
  const { specs, config, dir, ports } = input;
  const gathered: Gathered = { results: new Map(), github: null, snapshot: null, findings: [] };
  if (specs.length === 0 && !input.wantsSnapshot) return gathered;
  const githubSpec = specs.find((spec) => GITHUB_KINDS.has(spec.kind));
  if (githubSpec) {
    const at = config.file && githubSpec.line ? ` (${basename(config.file)}:${githubSpec.line})` : "";
    gathered.github = await ports.openGitHub(config.github, dir, `gates are bound to GitHub evidence${at}`);
  } else if (input.wantsSnapshot) {
    try {
      gathered.github = await ports.openGitHub(config.github, dir, "the checklist has a CI snapshot");
    } catch (error) {
      if (!(error instanceof ShipreadyError)) throw error;
      gathered.findings.push({
        code: "ci-snapshot-skipped",
        message: `the CI snapshot was left as it is: ${error.message}. ${error.fix ?? ""}`.trim(),
      });
    }
  }
  const context: Omit<EvidenceContext, "signal"> = {
    root: config.root,
    files: ports.files,
    clock: ports.clock,
    shell: ports.shell,
    http: ports.http,
    github: gathered.github,
    headSha: input.commit ?? (await ports.git.headCommit(dir)),
    env: ports.env,
  };
  const snapshot =
    input.wantsSnapshot && gathered.github
      ? readCiSnapshot(config.ciSnapshot, gathered.github, ports.clock).catch((error: unknown) => {
          if (!(error instanceof EvidenceError)) throw error;
          gathered.findings.push({
            code: "ci-snapshot-failed",
            message: `the CI snapshot was left as it is: ${error.message}. ${error.fix ?? ""}`.trim(),
          });
          return null;
        })
      : Promise.resolve(null);
  let read: Awaited<typeof snapshot>;
  try {
    gathered.results = await collectEvidence(specs, context, {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onEvidence ? { onProgress: input.onEvidence } : {}),
    });
    read = await snapshot;
  } finally {
    gathered.github?.api.close();
  }
  if (read) {
    gathered.snapshot = read.snapshot;
    gathered.findings.push(...read.findings);
  }
  return gathered;
}

/** After an interruption nothing is scored or written: evidence cut short would read as inconclusive. */
function stopIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new InterruptedError("interrupted while collecting evidence; nothing was written", "Run it again.");
  }
}

/** A binding that was not there when evidence was collected: the checklist changed during the run. */
function changedMeanwhile(spec: EvidenceSpec): EvidenceResult {
  return {
    outcome: "inconclusive",
    provenance: {
      kind: spec.kind,
      source: spec.kind,
      observedAt: null,
      message: "the checklist changed while evidence was being collected; run again",
    },
  };
}

/** The heading a marker block starts with, kept as the user wrote it; null when it starts otherwise. */
function leadingHeading(content: string): string | null {
  const firstLine = content.replace(/^(\r?\n)+/, "").split(/\r?\n/, 1)[0] ?? "";
  return /^#{1,6}\s/.test(firstLine) ? firstLine : null;
}
