import { basename, dirname, relative, resolve } from "node:path";
import { SEED_CATEGORIES } from "./config/defaults.js";
import { loadConfig } from "./config/load-config.js";
import { assessGates } from "./core/assess-gates.js";
import { findClaims } from "./core/find-claims.js";
import { parseChecklist } from "./core/parse-checklist.js";
import { renderScoreSection } from "./core/render-score-section.js";
import { resolveCategories, type CategorySource, type UnscoredHeading } from "./core/resolve-categories.js";
import { rewriteOwnedRanges } from "./core/rewrite-owned-ranges.js";
import { scoreReadiness } from "./core/score-readiness.js";
import { InputError, UsageError } from "./errors.js";
import type { Clock, Files, Git, HistoryStore } from "./ports.js";
import type { Finding, HistoryRecord, HistorySettings, Readiness, ShipreadyConfig } from "./types.js";

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
}

export interface RunPorts {
  files: Files;
  git: Git;
  clock: Clock;
  openHistory(settings: HistorySettings): Promise<HistoryStore>;
}

export interface RunResult {
  checklist: { path: string; label: string };
  config: { file: string | null; categories: CategorySource };
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
}

/** Scores a checklist and, in update mode, keeps its owned ranges and history true. */
export async function runReadiness(options: RunOptions, ports: RunPorts): Promise<RunResult> {
  const { config, checklistPath, configWarnings } = await locateInputs(options, ports);
  const label = relative(options.cwd, checklistPath) || basename(checklistPath);
  const now = ports.clock.now();
  const nowIso = now.toISOString();

  const evaluate = (
    source: string,
  ): Omit<RunResult, "now" | "config" | "update" | "history"> & {
    source: string;
    parsed: ReturnType<typeof parseChecklist>;
    categories: CategorySource;
  } => {
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
    const configLabel = config.file ? relative(options.cwd, config.file) || basename(config.file) : null;
    const assessed = assessGates({
      gates: parsed.gates,
      categoryOf: resolved.categoryOf,
      categories: resolved.categories,
      gateRules: config.gates,
      waivers: config.waivers,
      today: nowIso.slice(0, 10),
      checklistLabel: label,
      configLabel,
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
    };
  };

  const finish = (e: ReturnType<typeof evaluate>): RunResult => ({
    checklist: e.checklist,
    config: { file: config.file, categories: e.categories },
    readiness: e.readiness,
    warnings: e.warnings,
    unscored: e.unscored,
    now: nowIso,
  });

  if (options.mode !== "update") return finish(evaluate(await ports.files.readText(checklistPath)));

  const update = async (): Promise<RunResult> => {
    const evaluated = evaluate(await ports.files.readText(checklistPath));
    const section = renderScoreSection({
      readiness: evaluated.readiness,
      now: nowIso,
      eol: evaluated.parsed.eol,
    });
    const after = rewriteOwnedRanges(evaluated.source, evaluated.parsed, [
      { target: { marker: "READINESS_SCORE" }, text: section },
    ]);
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
    if (options.dryRun) return result;
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
    return result;
  };
  return options.dryRun ? update() : ports.files.withLock(checklistPath, update);
}

async function historyRecord(
  readiness: Readiness,
  checklistPath: string,
  config: ShipreadyConfig,
  at: string,
  git: Git,
): Promise<HistoryRecord> {
  const top = await git.topLevel(dirname(checklistPath));
  return {
    v: 1,
    at,
    checklist: relative(top ?? config.root, checklistPath),
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
