import { dirname } from "node:path";
import { InputError } from "../errors.js";
import { sourceOf } from "../evidence/collect-evidence.js";
import { evidenceKey } from "../evidence/core/evidence-key.js";
import { isLocalEvidence } from "../evidence/core/evidence-reach.js";
import type { EvidenceResult, EvidenceSpec } from "../evidence/types.js";
import { SEED_CATEGORIES } from "../config/defaults.js";
import {
  evaluateChecklist,
  prepareChecklist,
  type ChecklistContext,
  type EvaluatedChecklist,
  type PreparedChecklist,
} from "./core/evaluate-checklist.js";
import { rewriteChecklist } from "./core/rewrite-checklist.js";
import { gatherEvidence, stopIfInterrupted, type Gathered } from "./gather-evidence.js";
import { locateInputs, readChecklist, type RunInputs } from "./locate-inputs.js";
import type { ReadinessPorts } from "./ports.js";
import { landUpdate, recoverUpdate } from "./land-update.js";
import { planRecord } from "./plan-record.js";
import type { ReadinessOptions, ReadinessRun } from "./types.js";

/** What one run carries from step to step. */
interface RunState {
  options: ReadinessOptions;
  inputs: RunInputs;
  context: ChecklistContext;
  /** The checklist as read before evidence was collected. */
  first: PreparedChecklist;
  gathered: Gathered;
  now: string;
}

/**
 * Scores a checklist and, in update mode, keeps its owned ranges and history true. The steps:
 * locate inputs (and load config) → parse → collect evidence → assess and score → rewrite → record.
 * Delivery (badge, notifications, comments) is not a step: the command or the Action composes it
 * after the run. `inputs` may be passed when the caller has already located them.
 */
export async function runReadiness(
  options: ReadinessOptions,
  ports: ReadinessPorts,
  inputs?: RunInputs,
): Promise<ReadinessRun> {
  const located = inputs ?? (await locateInputs(options, ports));
  const now = ports.clock.now().toISOString();
  const context: ChecklistContext = {
    config: located.config,
    label: located.label,
    configLabel: located.configLabel,
    seedCategories: SEED_CATEGORIES,
  };
  const first = prepareChecklist(
    await readChecklist(ports.files, located.checklistPath, located.config.limits),
    context,
  );
  // Evidence is collected before the lock is taken: it may take minutes, and other runs may read meanwhile.
  const gathered = await collectBoundEvidence(options, located, first, ports);
  stopIfInterrupted(options.signal);
  const state: RunState = { options, inputs: located, context, first, gathered, now };
  if (options.mode !== "update") return describeRun(state, evaluate(state, first.source));
  if (options.dryRun) return updateChecklist(state, ports);
  return ports.files.withLock(located.checklistPath, () => updateChecklist(state, ports));
}

/** The collect step: the evidence the checklist's gates are bound to, and the CI snapshot when it is kept. */
function collectBoundEvidence(
  options: ReadinessOptions,
  inputs: RunInputs,
  first: PreparedChecklist,
  ports: ReadinessPorts,
): Promise<Gathered> {
  const collecting = options.evidence !== false;
  const { config } = inputs;
  const wantsSnapshot =
    collecting &&
    (options.mode === "update" || options.ciSnapshot === true) &&
    config.ciSnapshot.enabled &&
    first.parsed.markers.some((m) => m.name === "CI_SNAPSHOT");
  const bound = collecting ? [...first.bound.bindings.values()].flat() : [];
  const specs = options.localOnly ? bound.filter(isLocalEvidence) : bound;
  const gathering = gatherEvidence({
    specs,
    wantsSnapshot,
    config,
    dir: dirname(inputs.checklistPath),
    checklistPath: inputs.checklistPath,
    ports,
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvidence ? { onEvidence: options.onEvidence } : {}),
  });
  if (!options.localOnly) return gathering;
  return gathering.then((gathered) => {
    for (const spec of bound) {
      if (!isLocalEvidence(spec)) gathered.results.set(evidenceKey(spec), notCheckedLocally(spec));
    }
    return gathered;
  });
}

/** What stands for evidence a local run does not collect: unknown, and saying so. */
function notCheckedLocally(spec: EvidenceSpec): EvidenceResult {
  return {
    outcome: "inconclusive",
    provenance: {
      kind: spec.kind,
      source: sourceOf(spec),
      observedAt: null,
      message: `not checked: ${spec.kind} evidence needs the network, and this run collects local evidence only`,
    },
  };
}

/** The assess and score steps on a text of the checklist (the one read first, or the one found under the lock). */
function evaluate(state: RunState, source: string): EvaluatedChecklist {
  // The text read before collecting is usually what the lock finds too: parse it once.
  const prepared = state.first.source === source ? state.first : prepareChecklist(source, state.context);
  return evaluateChecklist(prepared, {
    context: state.context,
    results: state.options.evidence !== false ? state.gathered.results : null,
    now: state.now,
    configWarnings: state.inputs.configWarnings,
    ...(state.options.threshold !== undefined ? { threshold: state.options.threshold } : {}),
  });
}

/**
 * The rewrite and record steps, under the checklist's lock unless it is a dry run: first whatever a
 * killed run left half-landed is finished or undone, then the checklist and its record land together.
 */
async function updateChecklist(state: RunState, ports: ReadinessPorts): Promise<ReadinessRun> {
  const { options, inputs } = state;
  const repaired = options.dryRun
    ? null
    : await recoverUpdate(inputs.checklistPath, inputs.config.history, ports);
  const evaluated = evaluate(
    state,
    await readChecklist(ports.files, inputs.checklistPath, inputs.config.limits),
  );
  const after = rewriteChecklist(evaluated, { now: state.now, snapshot: state.gathered.snapshot });
  const changed = after !== evaluated.source;
  const update = {
    before: evaluated.source,
    after,
    changed,
    written: false,
    insertedScoreBlock: !evaluated.parsed.markers.some((m) => m.name === "READINESS_SCORE"),
  };
  const result: ReadinessRun = { ...describeRun(state, evaluated), update };
  if (repaired) result.warnings.unshift(repaired);
  if (options.dryRun) return result;
  stopIfInterrupted(options.signal);
  if (changed && !options.force && (await ports.files.isReadOnly(inputs.checklistPath))) {
    throw new InputError(
      `${inputs.label} is read-only, so it was not rewritten; nothing was written`,
      "Make it writable (chmod u+w), or pass --force to rewrite it anyway (it keeps its mode, owner and group).",
    );
  }
  const planned =
    options.history !== false && inputs.config.history.enabled
      ? await planRecord(
          {
            readiness: evaluated.readiness,
            snapshot: state.gathered.snapshot,
            recorded: state.gathered.recorded,
            checklistPath: inputs.checklistPath,
            config: inputs.config,
            at: state.now,
            when: options.record ?? "changed",
          },
          ports,
        )
      : null;
  const landed = await landUpdate(
    {
      checklistPath: inputs.checklistPath,
      after: changed ? after : null,
      record: planned && !planned.unchanged ? planned.record : null,
      history: inputs.config.history,
    },
    ports,
  );
  update.written = landed.written;
  if (planned) {
    result.history = {
      added: landed.added,
      file: inputs.config.history.file,
      record: planned.record,
      ...(planned.unchanged ? { unchanged: true } : {}),
    };
  }
  return result;
}

function describeRun(state: RunState, evaluated: EvaluatedChecklist): ReadinessRun {
  const { config } = state.inputs;
  const { gathered } = state;
  return {
    checklist: { path: state.inputs.checklistPath, label: state.inputs.label },
    config: {
      file: config.file,
      root: config.root,
      categories: evaluated.categories,
      bands: config.bands,
      badge: config.badge,
      history: config.history,
      strategy: config.strategy,
    },
    readiness: evaluated.readiness,
    warnings: [...evaluated.warnings, ...gathered.findings],
    unscored: evaluated.unscored,
    skipped: evaluated.parsed.skipped,
    now: state.now,
    ...(gathered.github ? { github: gathered.github } : {}),
    ...(gathered.repositoryUrl ? { repositoryUrl: gathered.repositoryUrl } : {}),
    ...(gathered.snapshot ? { ciSnapshot: gathered.snapshot } : {}),
  };
}
