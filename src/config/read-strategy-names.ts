import { isRecord, type ConfigPath } from "./config-rule.js";
import { STRATEGY_KEYS } from "./normalize-strategy.js";

/**
 * The names the release strategy defines and uses, read defensively from the raw file (the rules
 * run beside the schema, so a value of the wrong shape is skipped here and reported there). Each
 * name keeps the path it is written at, for the line of a message.
 */

export interface RawName {
  name: string;
  at: ConfigPath;
}

/** A named entry of a list (a procedure, a workflow, a gate) and the names it lists. */
export interface RawEntry extends RawName {
  /** The entry itself (its name is at `at`). */
  entry: ConfigPath;
  settings: Record<string, unknown>;
  /** Its steps, checks, stages or procedures, by the key they are listed under. */
  lists: Record<string, RawName[]>;
}

export interface RawStrategy {
  /** Whether any of the strategy's keys is written. */
  written: boolean;
  /** strategy.stages; null when not written (the seed's three apply). */
  stages: RawEntry[] | null;
  gates: RawEntry[];
  triggers: RawEntry[];
  /** Whether rollback.triggers is written (else the seed's three apply). */
  triggersWritten: boolean;
  procedures: RawEntry[];
  workflows: RawEntry[];
  validationGates: RawEntry[];
  metrics: (RawEntry & { block: "validation" | "monitoring" })[];
  alerts: RawEntry[];
  tasks: RawEntry[];
  /** The keys of steps:, checks:, sources: and environments:, with their settings. */
  steps: RawBinding[];
  checks: RawBinding[];
  sources: RawBinding[];
  /** canary.steps[i].analysis.metrics names. */
  canaryMetrics: RawName[];
}

export interface RawBinding extends RawName {
  value: unknown;
}

export function readStrategyNames(raw: Record<string, unknown>): RawStrategy {
  return {
    written: STRATEGY_KEYS.some((key) => raw[key] !== undefined),
    stages:
      isRecord(raw.strategy) && raw.strategy.stages !== undefined
        ? entries(raw, ["strategy", "stages"], ["procedures"])
        : null,
    gates: entries(raw, ["strategy", "gates"], ["stages"]),
    triggers: entries(raw, ["rollback", "triggers"], ["stages"]),
    triggersWritten: isRecord(raw.rollback) && raw.rollback.triggers !== undefined,
    procedures: entries(raw, ["rollback", "procedures"], ["steps"]),
    workflows: entries(raw, ["automation", "workflows"], ["steps"]),
    validationGates: entries(raw, ["validation", "gates"], ["checks"]),
    metrics: (["validation", "monitoring"] as const).flatMap((block) =>
      entries(raw, [block, "metrics"], []).map((entry) => ({ ...entry, block })),
    ),
    alerts: entries(raw, ["monitoring", "alerts"], []),
    tasks: entries(raw, ["automation", "tasks"], []),
    steps: bindings(raw, "steps"),
    checks: bindings(raw, "checks"),
    sources: bindings(raw, "sources"),
    canaryMetrics: canaryMetrics(raw),
  };
}

/** The entries of raw[block][list] that are mappings with a name, and the names each lists under `keys`. */
function entries(raw: Record<string, unknown>, [block, list]: [string, string], keys: string[]): RawEntry[] {
  const container = raw[block];
  if (!isRecord(container) || !Array.isArray(container[list])) return [];
  return (container[list] as unknown[]).flatMap((item, index) => {
    if (!isRecord(item) || typeof item.name !== "string") return [];
    const entry = [block, list, index];
    const lists = Object.fromEntries(keys.map((key) => [key, namesIn(item[key], [...entry, key])]));
    return [{ name: item.name, at: [...entry, "name"], entry, settings: item, lists }];
  });
}

function namesIn(value: unknown, at: ConfigPath): RawName[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((name: unknown, i) => (typeof name === "string" ? [{ name, at: [...at, i] }] : []));
}

function bindings(raw: Record<string, unknown>, key: string): RawBinding[] {
  const mapping = raw[key];
  if (!isRecord(mapping)) return [];
  return Object.entries(mapping).map(([name, value]) => ({ name, at: [key, name], value }));
}

function canaryMetrics(raw: Record<string, unknown>): RawName[] {
  const canary = raw.canary;
  if (!isRecord(canary) || !Array.isArray(canary.steps)) return [];
  return (canary.steps as unknown[]).flatMap((step, i) =>
    isRecord(step) && isRecord(step.analysis)
      ? namesIn(step.analysis.metrics, ["canary", "steps", i, "analysis", "metrics"])
      : [],
  );
}

/** Whether the step name is listed by the procedure or workflow `scope`. */
export function listsStep(strategy: RawStrategy, scope: string, step: string): boolean {
  return [...strategy.procedures, ...strategy.workflows].some(
    (list) => list.name === scope && (list.lists.steps ?? []).some((s) => s.name === step),
  );
}
