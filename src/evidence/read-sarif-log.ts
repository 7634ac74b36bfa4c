import { getManyValues, isMany, none } from "stream-chain/defs.js";
import { jsonParser } from "stream-json/core/parser.js";
import pick from "stream-json/core/filters/pick.js";
import streamValues from "stream-json/core/streamers/stream-values.js";
import type { AlertSeverity } from "./types.js";
import {
  fingerprintFinding,
  severityOf,
  type SarifResultFacts,
  type SarifRuleFacts,
} from "./core/classify-sarif-finding.js";
import { describeFirstIssue, sarifResultShape, sarifRuleShape, type SarifResult } from "./sarif-shapes.js";

/** One finding of a SARIF log: what counts it, identifies it and shows it. */
export interface SarifFinding {
  severity: AlertSeverity;
  ruleId: string;
  uri?: string;
  line?: number;
  helpUri?: string;
  fingerprint: string;
}

/** What reading one log found: the scanners that wrote it, or the first thing that makes it not SARIF. */
export type SarifLogRead = { tools: string[]; runs: number } | { problem: string };

const PARSER_OPTIONS = {
  packKeys: true,
  packStrings: true,
  packNumbers: true,
  streamKeys: false,
  streamStrings: false,
  streamNumbers: false,
};

/** Calls `fn` on what a stream-json stage gave back: nothing, one value, or many. */
function each(out: unknown, fn: (value: unknown) => void): void {
  if (out === none) return;
  if (isMany(out)) for (const value of getManyValues(out)) fn(value);
  else fn(out);
}

type Picked =
  | { what: "version" }
  | { what: "tool"; run: number }
  | { what: "rule"; run: number; extension: number | null; index: number }
  | { what: "result"; run: number; index: number }
  | { what: "runs-not-array" };

interface RunRules {
  byId: Map<string, SarifRuleFacts>;
  byIndex: SarifRuleFacts[];
  /** Results met before their run's rules (a writer that puts results first), judged at the end. */
  pending: SarifResult[];
}

/**
 * Streams a SARIF 2.1.0 log through stream-json, holding one result at a time: the rules of each run
 * (for security-severity and links) and each result, checked against the standard's shape as it
 * comes. Each finding (a result of kind fail, not suppressed, with a severity) goes to `onFinding`.
 */
export async function readSarifLog(
  chunks: AsyncIterable<string>,
  onFinding: (finding: SarifFinding) => void,
  signal?: AbortSignal,
): Promise<SarifLogRead> {
  const order: Picked[] = [];
  let runsNotArray = false;
  const filter = (stack: (string | number | null)[]): boolean => {
    const picked = classify(stack);
    if (picked === null) return false;
    if (picked.what === "runs-not-array") {
      runsNotArray = true;
      return false;
    }
    order.push(picked);
    return true;
  };
  const runs = new Map<number, RunRules>();
  const tools: string[] = [];
  let version: unknown = undefined;
  let problem: string | null = null;
  const rulesOf = (run: number): RunRules => {
    let rules = runs.get(run);
    if (!rules) runs.set(run, (rules = { byId: new Map(), byIndex: [], pending: [] }));
    return rules;
  };

  const take = (value: unknown): void => {
    const picked = order.shift()!;
    if (problem !== null) return;
    switch (picked.what) {
      case "version":
        version = value;
        return;
      case "tool":
        if (typeof value === "string") tools.push(value);
        return;
      case "rule": {
        const at = [
          "runs",
          picked.run,
          "tool",
          ...(picked.extension === null ? ["driver"] : ["extensions", picked.extension]),
          "rules",
          picked.index,
        ];
        const checked = sarifRuleShape.safeParse(value);
        if (!checked.success) {
          problem = describeFirstIssue(checked.error, at);
          return;
        }
        const rule = checked.data;
        const facts: SarifRuleFacts = {
          id: rule.id,
          securitySeverity: rule.properties?.["security-severity"],
          ...(rule.defaultConfiguration?.level !== undefined && { level: rule.defaultConfiguration.level }),
          ...(rule.helpUri !== undefined && { helpUri: rule.helpUri }),
        };
        const rules = rulesOf(picked.run);
        if (!rules.byId.has(rule.id)) rules.byId.set(rule.id, facts);
        if (picked.extension === null) rules.byIndex[picked.index] = facts;
        return;
      }
      case "result": {
        const checked = sarifResultShape.safeParse(value);
        if (!checked.success) {
          problem = describeFirstIssue(checked.error, ["runs", picked.run, "results", picked.index]);
          return;
        }
        const rules = rulesOf(picked.run);
        if (rules.byId.size === 0 && rules.byIndex.length === 0) rules.pending.push(checked.data);
        else judge(checked.data, rules, onFinding);
        return;
      }
    }
  };

  // The three stages are stream-json's own functions, called in turn on each piece of text: no
  // stream between them, so a token costs a function call rather than a trip through a stream.
  const tokenize = jsonParser(PARSER_OPTIONS);
  const choose = pick({ filter });
  const assemble = streamValues();
  const onToken = (token: unknown) =>
    each(choose(token as never), (kept) =>
      each(assemble(kept as never), (item) => take((item as { value: unknown }).value)),
    );
  try {
    for await (const chunk of chunks) {
      if (signal?.aborted) throw signal.reason;
      each(tokenize(chunk), onToken);
    }
    each(tokenize(none as never), onToken);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { problem: `is not JSON: ${(error as Error).message.replace(/\.$/, "")}` };
  }
  if (problem !== null) return { problem: `is not SARIF 2.1.0: ${problem}` };
  if (runsNotArray) return { problem: "is not SARIF 2.1.0: runs: expected an array of runs" };
  if (version !== "2.1.0") {
    return {
      problem:
        version === undefined
          ? 'is not SARIF 2.1.0: version: missing (a SARIF log starts { "version": "2.1.0", "runs": [...] })'
          : `is not SARIF 2.1.0: version: ${JSON.stringify(version)} where "2.1.0" is expected`,
    };
  }
  for (const rules of runs.values()) for (const result of rules.pending) judge(result, rules, onFinding);
  return { tools: [...new Set(tools)], runs: runs.size };
}

function classify(stack: (string | number | null)[]): Picked | null {
  const [top, run, part, tool, sub, rules, index] = stack;
  if (top === "version" && stack.length === 1) return { what: "version" };
  if (top !== "runs" || stack.length < 2) return null;
  if (typeof run !== "number") return stack.length === 2 ? { what: "runs-not-array" } : null;
  if (part === "results" && stack.length === 4 && typeof tool === "number") {
    return { what: "result", run, index: tool };
  }
  if (part !== "tool") return null;
  if (tool === "driver") {
    if (sub === "name" && stack.length === 5) return { what: "tool", run };
    if (sub === "rules" && stack.length === 6 && typeof rules === "number") {
      return { what: "rule", run, extension: null, index: rules };
    }
    return null;
  }
  if (tool === "extensions" && typeof sub === "number" && rules === "rules" && stack.length === 7) {
    if (typeof index === "number") return { what: "rule", run, extension: sub, index };
  }
  return null;
}

function judge(result: SarifResult, rules: RunRules, onFinding: (finding: SarifFinding) => void): void {
  const index = result.rule?.index ?? result.ruleIndex;
  const id = result.ruleId ?? result.rule?.id ?? (index !== undefined ? rules.byIndex[index]?.id : undefined);
  const rule =
    (id !== undefined ? rules.byId.get(id) : undefined) ??
    (index !== undefined ? rules.byIndex[index] : undefined);
  const location = result.locations?.[0]?.physicalLocation;
  const facts: SarifResultFacts = {
    ruleId: id ?? "(no rule)",
    ...(result.level !== undefined && { level: result.level }),
    ...(result.kind !== undefined && { kind: result.kind }),
    securitySeverity: result.properties?.["security-severity"],
    ...(result.partialFingerprints !== undefined && { partialFingerprints: result.partialFingerprints }),
    ...(location?.artifactLocation?.uri !== undefined && { uri: location.artifactLocation.uri }),
    ...(location?.region?.startLine !== undefined && { line: location.region.startLine }),
    suppressed: (result.suppressions ?? []).some((s) => s.status === undefined || s.status === "accepted"),
  };
  const severity = severityOf(facts, rule);
  if (severity === "none") return;
  onFinding({
    severity,
    ruleId: facts.ruleId,
    ...(facts.uri !== undefined && { uri: facts.uri }),
    ...(facts.line !== undefined && { line: facts.line }),
    ...(rule?.helpUri !== undefined && { helpUri: rule.helpUri }),
    fingerprint: fingerprintFinding(facts),
  });
}
