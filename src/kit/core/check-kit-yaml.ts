import { Ajv, type ErrorObject } from "ajv";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { lineOfPath } from "../../shared/line-of-yaml-path.js";
import type { KitProblem } from "./check-codeowners.js";
import { ISSUE_FORMS_SCHEMA } from "./issue-forms-schema.js";

/** A YAML file parsed with its lines, or the problems that stop it being read. */
function parseYaml(text: string): { doc: Document; lines: LineCounter; problems: KitProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems = doc.errors.map((e) => ({
    line: lines.linePos(e.pos[0]).line,
    message: `not valid YAML: ${e.message.split("\n")[0]}`,
  }));
  return { doc, lines, problems };
}

let validateForm: ReturnType<Ajv["compile"]> | null = null;

/** An issue form against the JSON Schema Store's schema for GitHub issue forms, each error at its line. */
export function checkIssueForm(text: string): KitProblem[] {
  const { doc, lines, problems } = parseYaml(text);
  if (problems.length > 0) return problems;
  validateForm ??= new Ajv({ allErrors: true, strict: false }).compile(ISSUE_FORMS_SCHEMA);
  if (validateForm(doc.toJS())) return [];
  return usefulErrors(validateForm.errors ?? []).map((e) => {
    const path = e.instancePath
      .split("/")
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, "/").replace(/~0/g, "~")));
    const extra = e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : "";
    return {
      line: lineOfPath(doc, lines, path),
      message: `${e.instancePath || "the form"} ${e.message ?? "is not valid"}${extra}`,
    };
  });
}

/** Ajv's if/then errors repeat the real one; keep those that say what is wrong. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  const kept = errors.filter((e) => e.keyword !== "if");
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A workflow: YAML, with triggers and jobs; each third-party action pinned to a full commit SHA
 * (a tag can be moved), and no expression from an event or input spliced into a script (warnings).
 */
export function checkWorkflow(text: string): KitProblem[] {
  const { doc, lines, problems } = parseYaml(text);
  if (problems.length > 0) return problems;
  const workflow = doc.toJS() as Record<string, unknown> | null;
  if (workflow === null || typeof workflow !== "object")
    return [{ line: 1, message: "is not a workflow (a mapping with on: and jobs:)" }];
  if (!("on" in workflow)) problems.push({ line: 1, message: "has no on: (what triggers the workflow)" });
  const jobs = workflow.jobs;
  if (jobs === null || typeof jobs !== "object" || Object.keys(jobs).length === 0) {
    problems.push({ line: lineOfPath(doc, lines, ["jobs"]), message: "has no jobs:" });
    return problems;
  }
  for (const [id, job] of Object.entries(jobs as Record<string, unknown>)) {
    const steps = (job as { steps?: unknown } | null)?.steps;
    const uses = (job as { uses?: unknown } | null)?.uses;
    if (typeof uses === "string")
      problems.push(...checkUses(uses, lineOfPath(doc, lines, ["jobs", id, "uses"])));
    if (!Array.isArray(steps)) continue;
    steps.forEach((step: unknown, i) => {
      const s = step as { uses?: unknown; run?: unknown } | null;
      if (typeof s?.uses === "string")
        problems.push(...checkUses(s.uses, lineOfPath(doc, lines, ["jobs", id, "steps", i, "uses"])));
      if (typeof s?.run === "string" && /\$\{\{\s*(github\.event\.|github\.head_ref|inputs\.)/.test(s.run)) {
        problems.push({
          line: lineOfPath(doc, lines, ["jobs", id, "steps", i, "run"]),
          message:
            "an event's or input's value is spliced into a script, where a crafted value runs as a command; pass it through env: instead",
          warning: true,
        });
      }
    });
  }
  return problems;
}

function checkUses(uses: string, line: number): KitProblem[] {
  if (uses.startsWith("./") || uses.startsWith("docker://")) return [];
  const ref = uses.split("@")[1] ?? "";
  if (/^[0-9a-f]{40}$/.test(ref)) return [];
  return [
    {
      line,
      message: `${uses} is not pinned to a full commit SHA (a tag can be moved); pin it, with the version in a comment`,
      warning: true,
    },
  ];
}

/** dependabot.yml: version 2 and updates each naming an ecosystem, a directory and a schedule. */
export function checkDependabotConfig(text: string): KitProblem[] {
  const { doc, lines, problems } = parseYaml(text);
  if (problems.length > 0) return problems;
  const config = doc.toJS() as { version?: unknown; updates?: unknown } | null;
  if (config?.version !== 2)
    problems.push({ line: lineOfPath(doc, lines, ["version"]), message: "version: must be 2" });
  if (!Array.isArray(config?.updates) || config.updates.length === 0) {
    problems.push({
      line: lineOfPath(doc, lines, ["updates"]),
      message: "has no updates: (a list of package ecosystems)",
    });
    return problems;
  }
  config.updates.forEach((update: unknown, i) => {
    const u = (update ?? {}) as Record<string, unknown>;
    const line = lineOfPath(doc, lines, ["updates", i]);
    if (typeof u["package-ecosystem"] !== "string")
      problems.push({ line, message: `updates[${i}] names no package-ecosystem:` });
    if (typeof u.directory !== "string" && !Array.isArray(u.directories))
      problems.push({ line, message: `updates[${i}] names no directory:` });
    const interval = (u.schedule as { interval?: unknown } | undefined)?.interval;
    if (typeof interval !== "string")
      problems.push({ line, message: `updates[${i}] has no schedule: { interval: ... }` });
  });
  return problems;
}

/** labeler.yml: a mapping from each label to a list of match objects. */
export function checkLabelerConfig(text: string): KitProblem[] {
  const { doc, lines, problems } = parseYaml(text);
  if (problems.length > 0) return problems;
  if (!isMap(doc.contents)) return [{ line: 1, message: "is not a mapping of labels to match objects" }];
  for (const pair of doc.contents.items) {
    if (!isSeq(pair.value)) {
      const label = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      problems.push({
        line: lineOfPath(doc, lines, [label]),
        message: `${label}: is not a list of match objects (such as - changed-files: [...])`,
      });
    }
  }
  return problems;
}
