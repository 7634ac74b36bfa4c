import path from "node:path";
import { LineCounter, parseDocument, type YAMLError } from "yaml";
import { z } from "zod";
import { nameKey } from "../readiness/core/normalize-text.js";
import { ConfigError } from "../errors.js";
import { lineOfPath } from "../shared/line-of-yaml-path.js";
import type { ShipreadyConfig } from "./types.js";
import { baseConfigSchema, configSchema } from "./config-schema.js";
import { defaultConfig } from "./default-config.js";
import {
  error,
  isRecord,
  listItems,
  type ConfigPath,
  type ConfigRule,
  type ListItem,
  type Located,
  type RuleContext,
  type RuleFinding,
} from "./config-rule.js";
import { EVIDENCE_RULES } from "./evidence-rules.js";
import { NOTIFY_RULES } from "./notify-rules.js";
import { RELEASE_RULES } from "./release-rules.js";
import { STRATEGY_RULES } from "./strategy-rules.js";
import { normalizeStrategy, STRATEGY_KEYS } from "./normalize-strategy.js";
import { normalizeEvidence } from "./normalize-evidence.js";
import { closestWord } from "./closest-word.js";

type ConfigOutput = z.output<ReturnType<typeof configSchema>>;

/**
 * The named rules, run even when the schema found problems so that one run reports everything.
 * Field-local checks (threshold within 0..100, expires a real YYYY-MM-DD day, weights above 0) live in
 * the schema, where the JSON Schema carries them to editors too.
 */
const CONFIG_RULES: readonly ConfigRule[] = [
  categoryNamesAreUnique,
  headingPatternsHaveWords,
  bandNamesAreUnique,
  bandMinimumsAreUnique,
  bandsStartAtZero,
  categoryReferencesExist,
  waiversAreUnique,
  requiredGateIsNotRedundant,
  ...EVIDENCE_RULES,
  ...RELEASE_RULES,
  ...NOTIFY_RULES,
  ...STRATEGY_RULES,
];

/**
 * Reads shipready.yml: YAML, then the schema, then the named rules, then defaults and paths. Every
 * problem is collected before one ConfigError is thrown, each as `file:line: path: what. fix`.
 * `file` is resolved for the paths the config names; `label` (the path as given, by default) is how
 * messages name the file, so a caller can show it relative to where the user stands.
 */
export function parseConfig(
  text: string,
  file: string,
  label: string = file,
): { config: ShipreadyConfig; warnings: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const warnings = doc.warnings.map((warning) => describeYamlError(label, warning, lineCounter));
  if (doc.errors.length > 0) {
    throw problemsError(
      label,
      dropSameLine(doc.errors, lineCounter).map((e) => describeYamlError(label, e, lineCounter)),
    );
  }

  let raw: unknown;
  try {
    // An empty file, or one holding only comments, has no contents: all defaults.
    raw = doc.toJS() ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw problemsError(label, [
      `${label}:1: ${reason}. Use fewer YAML aliases (*name); write the values out instead.`,
    ]);
  }

  const lineOf = (at: ConfigPath): number => lineOfPath(doc, lineCounter, at);
  // The release strategy's schemas are built only for a file that writes one of its keys.
  const writesStrategy = isRecord(raw) && STRATEGY_KEYS.some((key) => Object.hasOwn(raw as object, key));
  const result: z.ZodSafeParseResult<ConfigOutput> = (
    writesStrategy ? configSchema() : baseConfigSchema
  ).safeParse(raw);
  const errors: Located[] = result.success ? [] : result.error.issues.flatMap(describeIssue);
  if (isRecord(raw)) {
    const root = path.dirname(path.resolve(file));
    for (const finding of CONFIG_RULES.flatMap((rule) => rule({ raw, lineOf, root }))) {
      if (finding.severity === "error") errors.push(finding);
      else warnings.push(formatLocated(label, finding, lineOf));
    }
  }
  if (errors.length > 0 || !result.success) {
    const ordered = errors
      .map((problem) => ({ line: lineOf(problem.path), text: formatLocated(label, problem, lineOf) }))
      .sort((a, b) => a.line - b.line);
    throw problemsError(
      label,
      ordered.map((problem) => problem.text),
    );
  }
  return { config: normalizeConfig(result.data, file, lineOf), warnings };
}

function normalizeConfig(
  input: ConfigOutput,
  file: string,
  lineOf: (at: ConfigPath) => number,
): ShipreadyConfig {
  const defaults = defaultConfig(path.dirname(path.resolve(file)));
  const root = defaults.root;
  const history = input.history ?? {};
  const historyFile = history.file === undefined ? defaults.history.file : path.resolve(root, history.file);
  const notify = input.notify ?? {};
  return {
    file: path.resolve(file),
    root,
    checklist: input.checklist === undefined ? null : path.resolve(root, input.checklist),
    threshold: input.threshold ?? defaults.threshold,
    categories:
      input.categories?.map((category) => ({
        name: category.name,
        headings: headingsOf(category.heading, category.name),
        weight: category.weight,
        required: category.required ?? false,
      })) ?? null,
    gates: (input.gates ?? []).map((rule, index) => ({
      gate: rule.gate,
      ...(rule.category !== undefined && { category: rule.category }),
      ...(rule.required !== undefined && { required: rule.required }),
      ...(rule.evidence !== undefined && {
        evidence: rule.evidence.map((item, i) =>
          normalizeEvidence(item, lineOf(["gates", index, "evidence", i])),
        ),
      }),
      line: lineOf(["gates", index]),
    })),
    waivers: (input.waivers ?? []).map((waiver, index) => ({
      gate: waiver.gate,
      ...(waiver.category !== undefined && { category: waiver.category }),
      reason: waiver.reason,
      approver: waiver.approver,
      expires: waiver.expires,
      line: lineOf(["waivers", index]),
    })),
    bands: input.bands
      ? input.bands
          .map((band) => ({
            name: band.name,
            min: band.min,
            emoji: band.emoji ?? "",
            ...(band.color !== undefined && { color: band.color.toLowerCase() }),
          }))
          .sort((a, b) => b.min - a.min)
      : defaults.bands,
    inconclusive: input.inconclusive ?? defaults.inconclusive,
    statuses: input.statuses ?? defaults.statuses,
    limits: {
      checklistBytes:
        input.limits?.checklistMegabytes === undefined
          ? defaults.limits.checklistBytes
          : input.limits.checklistMegabytes * 1024 * 1024,
      lines: input.limits?.lines ?? defaults.limits.lines,
      gates: input.limits?.gates ?? defaults.limits.gates,
    },
    matrix: input.matrix ?? defaults.matrix,
    history: {
      enabled: history.enabled ?? defaults.history.enabled,
      file: historyFile,
      index: history.index === undefined ? defaults.history.index : path.resolve(root, history.index),
      window: history.window ?? defaults.history.window,
    },
    github: {
      repo: input.github?.repo ?? null,
      apiUrl: input.github?.apiUrl ?? null,
      cache:
        input.github?.cache === undefined ? defaults.github.cache : path.resolve(root, input.github.cache),
      deadlineMs:
        input.github?.deadline === undefined ? defaults.github.deadlineMs : input.github.deadline * 1000,
    },
    ciSnapshot: {
      enabled: input.ciSnapshot?.enabled ?? defaults.ciSnapshot.enabled,
      branch: input.ciSnapshot?.branch ?? defaults.ciSnapshot.branch,
      runs: input.ciSnapshot?.runs ?? defaults.ciSnapshot.runs,
      workflows: input.ciSnapshot?.workflows ?? defaults.ciSnapshot.workflows,
    },
    release: {
      tagPattern: input.release?.tagPattern ?? defaults.release.tagPattern,
      preMajor: input.release?.preMajor ?? defaults.release.preMajor,
      changelogFormat: input.release?.changelog?.format ?? defaults.release.changelogFormat,
      showAll: input.release?.changelog?.showAll ?? defaults.release.showAll,
      others: input.release?.changelog?.others ?? defaults.release.others,
      commitTypes: input.release?.commitTypes ?? defaults.release.commitTypes,
      versionFiles:
        input.release?.versionFiles?.map((file) =>
          typeof file === "string"
            ? { path: path.resolve(root, file) }
            : { ...file, path: path.resolve(root, file.path) },
        ) ?? defaults.release.versionFiles,
      changelogFile:
        input.release?.changelog?.file === undefined
          ? defaults.release.changelogFile
          : path.resolve(root, input.release.changelog.file),
      commitMessage: input.release?.commitMessage ?? defaults.release.commitMessage,
      push: input.release?.push ?? defaults.release.push,
      remote: input.release?.remote ?? defaults.release.remote,
      githubRelease: input.release?.githubRelease ?? defaults.release.githubRelease,
    },
    commit: {
      via: input.commit?.via ?? defaults.commit.via,
      message: input.commit?.message ?? defaults.commit.message,
      skipCi: input.commit?.skipCi ?? defaults.commit.skipCi,
      remote: input.commit?.remote ?? defaults.commit.remote,
      retries: input.commit?.retries ?? defaults.commit.retries,
    },
    badge: {
      file: input.badge?.file === undefined ? defaults.badge.file : path.resolve(root, input.badge.file),
      label: input.badge?.label ?? defaults.badge.label,
      update: input.badge?.update ?? defaults.badge.update,
    },
    notify: {
      policy: notify.policy ?? defaults.notify.policy,
      slack: notify.slack
        ? { webhook: notify.slack.webhook, configured: true }
        : { ...defaults.notify.slack },
      webhook: notify.webhook ? { url: notify.webhook.url, headers: { ...notify.webhook.headers } } : null,
      checklistUrl: notify.checklistUrl ?? null,
      ciUrl: notify.ciUrl ?? null,
      // Beside the history file wherever that is, so the two are committed together.
      state:
        notify.state === undefined
          ? path.join(path.dirname(historyFile), "notified.json")
          : path.resolve(root, notify.state),
    },
    secrets: input.secrets ?? [],
    strategy: normalizeStrategy(input, root, lineOf),
    metrics: {
      ...defaults.metrics,
      ...(input.metrics?.store !== undefined && { store: path.resolve(root, input.metrics.store) }),
      ...(input.metrics?.environments !== undefined && {
        environments: input.metrics.environments,
        defaultEnvironment: Object.keys(input.metrics.environments)[0] ?? defaults.metrics.defaultEnvironment,
      }),
      incidentLabels: input.metrics?.incidentLabels ?? defaults.metrics.incidentLabels,
      deployWorkflows: input.metrics?.deployWorkflows ?? defaults.metrics.deployWorkflows,
      minSample: input.metrics?.minSample ?? defaults.metrics.minSample,
      report: input.metrics?.report === undefined ? defaults.metrics.report : String(input.metrics.report),
    },
  };
}

/** A category with no heading is found under a heading of its own name. */
function headingsOf(heading: string | string[] | undefined, name: string): string[] {
  if (heading === undefined) return [name];
  return typeof heading === "string" ? [heading] : [...heading];
}

// ---- the named rules -------------------------------------------------------------------------

/** Names are compared as the run matches them (nameKey), so "Sign-Off" and "sign off" are one name. */
function categoryNamesAreUnique({ raw, lineOf }: RuleContext): RuleFinding[] {
  return findRepeats(listItems(raw, "categories"), ({ item }) => keyOf(item.name)).map(({ first, repeat }) =>
    error(
      ["categories", repeat.index, "name"],
      `${JSON.stringify(repeat.item.name)} is already the name of categories[${first.index}] on line ${lineOf(["categories", first.index])}. Give each category its own name, or merge the two into one.`,
    ),
  );
}

/** A pattern with no letters or digits (blank, emoji only) would match no heading at all. */
function headingPatternsHaveWords({ raw }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { index, item } of listItems(raw, "categories")) {
    const at = ["categories", index, "heading"];
    const fix =
      'Write the heading\'s words as the checklist has them, such as heading: "Core Readiness Gates".';
    if (typeof item.heading === "string") {
      if (nameKey(item.heading) === "") {
        findings.push(
          error(at, `${JSON.stringify(item.heading)} has no words to match a heading by. ${fix}`),
        );
      }
    } else if (Array.isArray(item.heading)) {
      item.heading.forEach((pattern: unknown, i) => {
        if (typeof pattern === "string" && nameKey(pattern) === "") {
          findings.push(
            error([...at, i], `${JSON.stringify(pattern)} has no words to match a heading by. ${fix}`),
          );
        }
      });
    } else if (item.heading === undefined && typeof item.name === "string" && /\S/.test(item.name)) {
      if (nameKey(item.name) === "") {
        findings.push(
          error(
            ["categories", index, "name"],
            `${JSON.stringify(item.name)} has no words, so as the heading to look for it matches nothing. Add heading: with the checklist heading this category stands for.`,
          ),
        );
      }
    }
  }
  return findings;
}

function bandNamesAreUnique({ raw, lineOf }: RuleContext): RuleFinding[] {
  return findRepeats(listItems(raw, "bands"), ({ item }) => keyOf(item.name)).map(({ first, repeat }) =>
    error(
      ["bands", repeat.index, "name"],
      `${JSON.stringify(repeat.item.name)} is already the name of bands[${first.index}] on line ${lineOf(["bands", first.index])}. Give each band its own name.`,
    ),
  );
}

function bandMinimumsAreUnique({ raw, lineOf }: RuleContext): RuleFinding[] {
  const minOf = ({ item }: ListItem) => (typeof item.min === "number" ? String(item.min) : undefined);
  return findRepeats(listItems(raw, "bands"), minOf).map(({ first, repeat }) =>
    error(
      ["bands", repeat.index, "min"],
      `${String(repeat.item.min)} is already the min of bands[${first.index}] on line ${lineOf(["bands", first.index])}, so one of the two bands could never be reached. Give each band its own min.`,
    ),
  );
}

function bandsStartAtZero({ raw }: RuleContext): RuleFinding[] {
  if (!Array.isArray(raw.bands) || raw.bands.length === 0) return [];
  const bands = listItems(raw, "bands");
  // A band whose min is unreadable is already reported; it may be the one meant to start at 0.
  if (bands.length !== raw.bands.length || bands.some(({ item }) => typeof item.min !== "number")) return [];
  if (bands.some(({ item }) => item.min === 0)) return [];
  const lowest = Math.min(...bands.map(({ item }) => item.min as number));
  return [
    error(
      ["bands"],
      `no band has min: 0, so a score below ${lowest} would have no band. Add a band such as { name: Not Ready, min: 0 }, or set the lowest band's min to 0.`,
    ),
  ];
}

/** Only checkable when categories are configured; otherwise they are found from the checklist at run time. */
function categoryReferencesExist({ raw }: RuleContext): RuleFinding[] {
  if (!Array.isArray(raw.categories)) return [];
  const byKey = new Map<string, string>();
  for (const { item } of listItems(raw, "categories")) {
    const key = keyOf(item.name);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, String(item.name));
  }
  const known = new Set(byKey.keys());
  const names = [...byKey.values()];
  const findings: RuleFinding[] = [];
  for (const list of ["gates", "waivers"]) {
    for (const { index, item } of listItems(raw, list)) {
      const key = keyOf(item.category);
      if (key === undefined || known.has(key)) continue;
      const closest = closestWord(String(item.category), names);
      const guess = closest === undefined ? "" : ` Did you mean ${JSON.stringify(closest)}?`;
      findings.push(
        error(
          [list, index, "category"],
          `${JSON.stringify(item.category)} is not one of the categories configured in this file.${guess} Write one of: ${names.join(", ")}; or remove category: when the gate's name is unique.`,
        ),
      );
    }
  }
  return findings;
}

/** Two waivers for one gate would leave it unclear which reason and expiry date hold. */
function waiversAreUnique({ raw, lineOf }: RuleContext): RuleFinding[] {
  const gateOf = ({ item }: ListItem) => {
    const gate = keyOf(item.gate);
    if (gate === undefined) return undefined;
    return `${gate}\u0000${typeof item.category === "string" ? nameKey(item.category) : ""}`;
  };
  return findRepeats(listItems(raw, "waivers"), gateOf).map(({ first, repeat }) =>
    error(
      ["waivers", repeat.index],
      `a second waiver for ${JSON.stringify(repeat.item.gate)}; waivers[${first.index}] on line ${lineOf(["waivers", first.index])} already waives it. Keep one waiver per gate: merge the two, or delete one.`,
    ),
  );
}

function requiredGateIsNotRedundant({ raw }: RuleContext): RuleFinding[] {
  const requiredCategories = new Map<string, string>();
  for (const { item } of listItems(raw, "categories")) {
    const key = keyOf(item.name);
    if (key !== undefined && item.required === true) requiredCategories.set(key, String(item.name));
  }
  return listItems(raw, "gates")
    .filter(({ item }) => item.required === true && requiredCategories.has(keyOf(item.category) ?? ""))
    .map(({ index, item }) => ({
      severity: "warning" as const,
      path: ["gates", index, "required"],
      message: `required: true changes nothing for ${JSON.stringify(item.gate)}: its category ${requiredCategories.get(keyOf(item.category) ?? "")} is required, so all its gates are. Remove it, unless the gate should stay required if the category stops being.`,
    }));
}

// ---- helpers for the rules -------------------------------------------------------------------

/** The comparison key of a name, or undefined when it is not a name with words in it. */
function keyOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const key = nameKey(value);
  return key === "" ? undefined : key;
}

function findRepeats<T>(
  items: readonly T[],
  keyOfItem: (item: T) => string | undefined,
): { first: T; repeat: T }[] {
  const seen = new Map<string, T>();
  const repeats: { first: T; repeat: T }[] = [];
  for (const item of items) {
    const key = keyOfItem(item);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, item);
    else repeats.push({ first, repeat: item });
  }
  return repeats;
}

// ---- schema issues ---------------------------------------------------------------------------

function describeIssue(issue: z.core.$ZodIssue): Located[] {
  if (issue.code === "unrecognized_keys") {
    const allowed = keysAllowedAt(issue.path);
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      message: unknownKeyMessage(key, allowed),
    }));
  }
  if (issue.code === "invalid_key") {
    // A key of a mapping of names (steps:, sources:): its own wording says what a key looks like.
    return issue.issues.map((inner) => ({ path: issue.path, message: inner.message }));
  }
  if (issue.code === "invalid_union") {
    // Of "a heading or a list of headings", report the list's own problem when the value was a list.
    const branches = issue.errors.filter(
      (branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0),
    );
    const [only] = branches;
    if (branches.length === 1 && only) {
      return only.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] }));
    }
  }
  return [{ path: issue.path, message: issue.message }];
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const list = allowed.join(", ");
  const closest = closestWord(key, allowed);
  if (closest !== undefined)
    return `unknown key ${JSON.stringify(key)}. Did you mean ${closest}? The keys allowed here are ${list}.`;
  return `unknown key ${JSON.stringify(key)}. Remove it, or use one of the keys allowed here: ${list}.`;
}

/** The keys the schema allows in the mapping at `at`, read from the schema so they cannot go stale. */
function keysAllowedAt(at: ConfigPath): string[] {
  let schema: unknown = configSchema();
  for (const key of at) {
    schema = objectOf(unwrapOptional(schema));
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(key)];
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else return [];
  }
  schema = objectOf(unwrapOptional(schema));
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Of "a command or { run, cwd }", the mapping: the only branch that has keys. */
function objectOf(schema: unknown): unknown {
  if (!(schema instanceof z.ZodUnion)) return schema;
  const objects = (schema.options as unknown[]).filter((option) => option instanceof z.ZodObject);
  return objects.length === 1 ? objects[0] : schema;
}

function unwrapOptional(schema: unknown): unknown {
  let inner = schema;
  while (inner instanceof z.ZodOptional) inner = inner.unwrap();
  return inner;
}

// ---- places in the file ----------------------------------------------------------------------

/**
 * The line of the node at `at`, or of its nearest parent that exists (a missing key is reported at
 * the entry that lacks it). A mapping entry is placed at its key, not its value: for `waiver:` with a
 * list below it, the line to look at is the key's, not the list's first item.
 */
function formatLocated(file: string, located: Located, lineOf: (at: ConfigPath) => number): string {
  const where = formatPath(located.path);
  return `${file}:${lineOf(located.path)}: ${where === "" ? "" : `${where}: `}${located.message}`;
}

/** `categories[1].weight`: the way a person would point at the value. */
function formatPath(at: ConfigPath): string {
  let text = "";
  for (const key of at) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text;
}

const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: "Keep one of the entries with this key and delete the other.",
  MISSING_CHAR: "Add the missing character.",
  BAD_INDENT: "Line entries up under their parent, and close every [ and { you open.",
  MULTIPLE_DOCS: "Keep one document: delete the second --- and what follows, or merge the two.",
  TAB_AS_INDENT: "Indent with spaces; YAML does not allow tabs there.",
  MULTILINE_IMPLICIT_KEY:
    "Put each key and its value on one line, or indent the nested keys under a key of their own.",
  BLOCK_AS_IMPLICIT_KEY:
    "Put each key and its value on one line, or indent the nested keys under a key of their own.",
};

function describeYamlError(file: string, problem: YAMLError, lineCounter: LineCounter): string {
  const { line, col } = lineCounter.linePos(problem.pos[0]);
  const what = problem.message.replace(/\.$/, "");
  const fix =
    YAML_FIXES[problem.code] ??
    'Fix the YAML there; put text that holds ": " or " #" in quotes, and indent with spaces.';
  return `${file}:${line}:${col}: ${what.charAt(0).toLowerCase()}${what.slice(1)}. ${fix}`;
}

/** YAML often reports one slip several times at one place; the first says it best. */
function dropSameLine(errors: readonly YAMLError[], lineCounter: LineCounter): YAMLError[] {
  const seen = new Set<number>();
  return errors.filter((e) => {
    const { line } = lineCounter.linePos(e.pos[0]);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

function problemsError(file: string, problems: string[]): ConfigError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new ConfigError(
    `${file} has ${count}`,
    problems,
    `Fix ${problems.length === 1 ? "it" : "each one"} in ${file}, then run shipready again.`,
  );
}
