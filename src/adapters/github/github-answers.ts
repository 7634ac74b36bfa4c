import type { PaginatingEndpoints } from "@octokit/plugin-paginate-rest";
import { createHash } from "node:crypto";
import type { AlertInfo, CheckInfo, WorkflowInfo, WorkflowRunInfo } from "../../ports.js";

/*
 * The fields of GitHub's answers that shipready reads, and how they map onto the port's shapes.
 * Answers are cut down to these fields before they are cached or parsed: a page of 100 workflow runs
 * is about a megabyte of JSON of which some 35 kilobytes are read, and a 304 hands back what was
 * cached, so an unchanged page costs a small parse instead of a large one.
 */

/** Fields to keep: `true` keeps a field whole, an object keeps only those fields of it (of each item, in an array). */
type Fields = { readonly [name: string]: true | Fields };

/** What is left of `T` once only `F` is kept. Mappers take this, so reading a dropped field does not compile. */
type Kept<T, F> = T extends readonly (infer Item)[]
  ? Kept<Item, F>[]
  : T extends object
    ? {
        [K in keyof T as K extends keyof F ? K : never]: F[K & keyof F] extends true
          ? T[K]
          : Kept<T[K], F[K & keyof F]>;
      }
    : T;

type Item<Route extends keyof PaginatingEndpoints> = PaginatingEndpoints[Route]["response"]["data"][number];

const WORKFLOW_FIELDS = { id: true, name: true, path: true, state: true, html_url: true } as const;

export function workflowInfo(
  w: Kept<Item<"GET /repos/{owner}/{repo}/actions/workflows">, typeof WORKFLOW_FIELDS>,
): WorkflowInfo {
  return { id: w.id, name: w.name, path: w.path, state: w.state, htmlUrl: w.html_url };
}

const RUN_FIELDS = {
  id: true,
  workflow_id: true,
  name: true,
  head_branch: true,
  head_sha: true,
  event: true,
  status: true,
  conclusion: true,
  html_url: true,
  created_at: true,
  updated_at: true,
  run_started_at: true,
  display_title: true,
} as const;

export function workflowRunInfo(
  run: Kept<Item<"GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs">, typeof RUN_FIELDS>,
): WorkflowRunInfo {
  return {
    // A run id past 2^53 would arrive as a BigInt.
    id: Number(run.id),
    workflowId: run.workflow_id,
    name: run.name ?? "",
    headBranch: run.head_branch,
    headSha: run.head_sha,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    htmlUrl: run.html_url,
    createdAt: run.created_at,
    updatedAt: run.updated_at,
    runStartedAt: run.run_started_at ?? null,
    // Answers cached before the title was kept have none.
    displayTitle: run.display_title ?? "",
  };
}

/** A check with the time it last changed, by which the latest of a name is chosen. */
export type TimedCheck = CheckInfo & { at: string };

const CHECK_RUN_FIELDS = {
  name: true,
  status: true,
  conclusion: true,
  html_url: true,
  details_url: true,
  started_at: true,
  completed_at: true,
} as const;

export function checkRunInfo(
  c: Kept<Item<"GET /repos/{owner}/{repo}/commits/{ref}/check-runs">, typeof CHECK_RUN_FIELDS>,
): TimedCheck {
  return {
    name: c.name,
    source: "check-run",
    status: c.status,
    conclusion: c.conclusion,
    url: c.html_url ?? c.details_url ?? null,
    completedAt: c.completed_at,
    at: c.completed_at ?? c.started_at ?? "",
  };
}

const STATUS_FIELDS = { context: true, state: true, target_url: true, updated_at: true } as const;

/** One page of a combined status: only its statuses are read. */
export type CombinedStatusPage = {
  statuses: Kept<Item<"GET /repos/{owner}/{repo}/commits/{ref}/status">, typeof STATUS_FIELDS>[];
};

export function statusInfo(s: CombinedStatusPage["statuses"][number]): TimedCheck {
  const pending = s.state === "pending";
  return {
    name: s.context,
    source: "status",
    status: pending ? "in_progress" : "completed",
    conclusion: pending ? null : s.state,
    url: s.target_url,
    completedAt: pending ? null : s.updated_at,
    at: s.updated_at,
  };
}

const DEPENDABOT_FIELDS = {
  number: true,
  security_advisory: { severity: true, summary: true },
  security_vulnerability: { severity: true },
  html_url: true,
  created_at: true,
} as const;

export function dependabotAlertInfo(
  a: Kept<Item<"GET /repos/{owner}/{repo}/dependabot/alerts">, typeof DEPENDABOT_FIELDS>,
): AlertInfo {
  return {
    number: a.number,
    severity: a.security_advisory.severity ?? a.security_vulnerability.severity ?? null,
    summary: a.security_advisory.summary,
    url: a.html_url,
    createdAt: a.created_at,
  };
}

const CODE_SCANNING_FIELDS = {
  number: true,
  rule: { security_severity_level: true, severity: true, description: true, name: true },
  most_recent_instance: { message: { text: true } },
  html_url: true,
  created_at: true,
} as const;

export function codeScanningAlertInfo(
  a: Kept<Item<"GET /repos/{owner}/{repo}/code-scanning/alerts">, typeof CODE_SCANNING_FIELDS>,
): AlertInfo {
  return {
    number: a.number,
    severity: codeScanningSeverity(a.rule.security_severity_level, a.rule.severity),
    summary: a.rule.description ?? a.rule.name ?? a.most_recent_instance.message?.text ?? `alert ${a.number}`,
    url: a.html_url,
    createdAt: a.created_at,
  };
}

/**
 * A rule's security severity when it has one. Rules that are not about security carry only their own
 * level; an "error" among them still matters, so levels map onto the same scale.
 */
function codeScanningSeverity(
  security: string | null | undefined,
  level: string | null | undefined,
): AlertInfo["severity"] {
  if (security === "low" || security === "medium" || security === "high" || security === "critical")
    return security;
  if (level === "error") return "high";
  if (level === "warning") return "medium";
  if (level === "note") return "low";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cutting answers down, by the API path they came from.

/** How the answers of one path are cut down. */
export interface AnswerShape {
  /** Changes with the fields kept, so that a cache never hands back an answer cut for other fields. */
  id: string;
  /** The body with only the kept fields; a body that is not JSON stays as it is. */
  compact(body: string): string;
}

/** A repository by name, or by id as GitHub's Link headers sometimes write it. */
const REPO_PATH = String.raw`/(?:repos/[^/]+/[^/]+|repositories/\d+)`;

// The paginator takes the first key after total_count as the list, so total_count stays first.
const SHAPES: ReadonlyArray<{ path: RegExp; shape: AnswerShape }> = [
  shapeOf("", { default_branch: true }),
  shapeOf("/actions/workflows", { total_count: true, workflows: WORKFLOW_FIELDS }),
  shapeOf("/actions/workflows/[^/]+/runs", { total_count: true, workflow_runs: RUN_FIELDS }),
  shapeOf("/commits/[^/]+/check-runs", { total_count: true, check_runs: CHECK_RUN_FIELDS }),
  shapeOf("/commits/[^/]+/status", { statuses: STATUS_FIELDS }),
  shapeOf("/dependabot/alerts", DEPENDABOT_FIELDS),
  shapeOf("/code-scanning/alerts", CODE_SCANNING_FIELDS),
];

/** `below` is a pattern for the path below the repository's. */
function shapeOf(below: string, fields: Fields): { path: RegExp; shape: AnswerShape } {
  return {
    path: new RegExp(`^${REPO_PATH}${below}$`),
    shape: {
      id: createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 12),
      compact(body) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return body;
        }
        return JSON.stringify(keep(parsed, fields));
      },
    },
  };
}

/** The shape of answers from `apiPath` (the path below the API's base URL), or null for one read whole. */
export function answerShape(apiPath: string): AnswerShape | null {
  return SHAPES.find(({ path }) => path.test(apiPath))?.shape ?? null;
}

function keep(value: unknown, fields: Fields): unknown {
  if (Array.isArray(value)) return value.map((item) => keep(item, fields));
  if (value === null || typeof value !== "object") return value;
  const kept: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(fields)) {
    if (!Object.hasOwn(value, name)) continue;
    const field = (value as Record<string, unknown>)[name];
    kept[name] = sub === true ? field : keep(field, sub);
  }
  return kept;
}
