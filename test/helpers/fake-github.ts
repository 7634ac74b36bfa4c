/**
 * A fake GitHub REST API on 127.0.0.1 that holds shipready to GitHub's published contract: every
 * request is checked against the operations sliced from GitHub's OpenAPI description
 * (test/fixtures/github/openapi-slice.json) and so is every answer the fake gives, so a test can pass
 * only against an API that GitHub really has, answering the way GitHub really answers.
 */
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

// ajv-formats is CommonJS whose default export TypeScript sees one level down.
const addFormats = addFormatsModule.default;

/** owner/name of a repository held by the fake (the same shape as RepoRef in src/ports.ts). */
export interface FakeRepoRef {
  owner: string;
  repo: string;
}

export interface FakeGitHubOptions {
  /** The token every request must carry (as `token X` or `Bearer X`); default "fake-github-token". */
  token?: string;
  /** Serve the API under this path, as GitHub Enterprise Server does ("/api/v3"); default none. */
  prefix?: string;
  /** The quota reported in x-ratelimit-limit; default 5000. */
  rateLimit?: number;
  /**
   * The bot the token belongs to: author of the releases, comments and commits the fake's writes
   * make, as GITHUB_TOKEN's writes are github-actions[bot]'s; default "github-actions[bot]".
   */
  botLogin?: string;
}

/** Classic branch protection of one branch: the checks and approving reviews it requires. */
export interface FakeBranchProtectionSeed {
  /** Required status checks (contexts); none required when absent. */
  checks?: string[];
  /** Required approving reviews; no pull request required when absent. */
  reviews?: number;
}

/** A ruleset whose rules apply to branches (active; every branch unless `branches` names them). */
export interface FakeRulesetSeed {
  id: number;
  /** "Repository" (default) or "Organization". */
  sourceType?: "Repository" | "Organization";
  checks?: string[];
  reviews?: number;
  branches?: string[];
}

/** An error GitHub finds in a CODEOWNERS file. */
export interface FakeCodeownersErrorSeed {
  line: number;
  column?: number;
  kind: string;
  source?: string;
  path?: string;
}

export interface FakeRepoSeed extends FakeRepoRef {
  /** Default "main". */
  defaultBranch?: string;
  private?: boolean;
  id?: number;
  /**
   * Every write answers 403 "Resource not accessible by integration", as for the read-only
   * GITHUB_TOKEN of a pull request from a fork; reads are answered as usual.
   */
  readOnly?: boolean;
}

export interface FakeWorkflowSeed {
  id?: number;
  name: string;
  /** .github/workflows/ci.yml */
  path: string;
  /** active (default), deleted, disabled_fork, disabled_inactivity, disabled_manually. */
  state?: string;
  createdAt?: string;
  updatedAt?: string;
  /** Merged over the JSON the fake builds, to plant odd or invalid answers. */
  extra?: Record<string, unknown>;
}

export interface FakeWorkflowRunSeed {
  id?: number;
  /** The workflow's id or file name (ci.yml). */
  workflow: number | string;
  /** Default "main"; null for runs without a branch. */
  branch?: string | null;
  /** Default: derived from the run id. */
  headSha?: string;
  /** Default "push". */
  event?: string;
  /** Default "completed". */
  status?: string | null;
  /** Default "success" when completed, otherwise null. */
  conclusion?: string | null;
  /** Default: a fixed base time plus one minute per run id. */
  createdAt?: string;
  updatedAt?: string;
  runStartedAt?: string;
  runNumber?: number;
  displayTitle?: string;
  actor?: string;
  extra?: Record<string, unknown>;
}

export interface FakeCheckRunSeed {
  id?: number;
  /** The commit the check ran on (40 hex digits). */
  headSha: string;
  name: string;
  /** queued, in_progress, completed (default). */
  status?: string;
  /** Default "success" when completed, otherwise null. */
  conclusion?: string | null;
  startedAt?: string;
  completedAt?: string | null;
  extra?: Record<string, unknown>;
}

export interface FakeCommitStatusSeed {
  id?: number;
  sha: string;
  context: string;
  state: "error" | "failure" | "pending" | "success";
  targetUrl?: string | null;
  description?: string | null;
  createdAt?: string;
  updatedAt?: string;
  extra?: Record<string, unknown>;
}

export interface FakeDependabotAlertSeed {
  number?: number;
  /** open (default), dismissed, fixed, auto_dismissed. */
  state?: string;
  severity: "low" | "medium" | "high" | "critical";
  /** The advisory's summary. */
  summary?: string;
  packageName?: string;
  ecosystem?: string;
  htmlUrl?: string;
  createdAt?: string;
  extra?: Record<string, unknown>;
}

export interface FakeCodeScanningAlertSeed {
  number?: number;
  /** open (default), dismissed, fixed. */
  state?: string;
  /** The rule's security severity; null for rules that are not about security. */
  severity?: "low" | "medium" | "high" | "critical" | null;
  /** The rule's own level: none, note, warning (default), error. */
  ruleSeverity?: "none" | "note" | "warning" | "error";
  ruleId?: string;
  /** The rule's description. */
  summary?: string;
  htmlUrl?: string;
  createdAt?: string;
  extra?: Record<string, unknown>;
}

export interface FakeReleaseSeed {
  id?: number;
  tagName: string;
  /** Default: the repository's default branch. */
  targetCommitish?: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
  /** Default: the bot. */
  author?: string;
  createdAt?: string;
  /** Default: createdAt for a published release, null for a draft. */
  publishedAt?: string | null;
  /** Made the repository's latest release (which a draft or prerelease never is); default true. */
  latest?: boolean;
}

/** A release as the fake holds it. */
export interface FakeRelease {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  /** It is the release GitHub would answer for releases/latest. */
  latest: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
}

export interface FakeCommentSeed {
  id?: number;
  body: string;
  /** Default: the bot. */
  author?: string;
  /** Default "NONE". */
  authorAssociation?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** An issue or pull request comment as the fake holds it. */
export interface FakeComment {
  id: number;
  issueNumber: number;
  /** Verbatim, as sent. */
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeIssueSeed {
  /** Default: the next free number of the repository. */
  number?: number;
  title: string;
  body?: string | null;
  /** open (default) or closed. */
  state?: "open" | "closed";
  labels?: string[];
  /** Default: the bot. */
  author?: string;
  createdAt?: string;
  /** It is a pull request (the issues list returns those too). */
  pullRequest?: boolean;
  /** When it was closed (makes it closed); default: when created, for a closed one. */
  closedAt?: string;
}

/** An issue as the fake holds it. */
export interface FakeIssue {
  number: number;
  title: string;
  /** Verbatim, as sent. */
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  author: string;
  pullRequest: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A deployment status as the fake holds it. */
export interface FakeDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  targetUrl: string;
  createdAt: string;
}

/** A deployment as the fake holds it, with its statuses oldest first. */
export interface FakeDeployment {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  autoMerge: boolean | null;
  requiredContexts: string[] | null;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  createdAt: string;
  statuses: FakeDeploymentStatus[];
}

/** A deployment made earlier, with its statuses oldest first. */
export interface FakeDeploymentSeed {
  id?: number;
  sha: string;
  /** Default: the SHA. */
  ref?: string;
  /** Default "production". */
  environment?: string;
  createdAt: string;
  statuses?: { state: string; createdAt: string; description?: string; logUrl?: string }[];
}

/** A merged pull request: its merge (or squash) commit and its own commits, which the fake must hold. */
export interface FakePullRequestSeed {
  number?: number;
  title: string;
  /** The commit the merge made on the base branch. */
  mergeCommitSha: string;
  mergedAt: string;
  /** The pull request's commits, oldest first. */
  commits: string[];
}

export interface FakeCommitSeed {
  /** Default: the next write's time. The author and committer date. */
  date?: string;
  /** Path -> UTF-8 content: the whole tree of the commit. */
  files: Record<string, string>;
  /** Default "Seed commit". */
  message?: string;
  /** Default: the branch's head when `branch` is given and has one, else none. */
  parents?: string[];
  /** Points this branch at the new commit. */
  branch?: string;
}

export interface FakeGitPerson {
  name: string;
  email: string;
  date: string;
}

/** A commit object held by the fake. */
export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: FakeGitPerson;
  committer: FakeGitPerson;
  /** GitHub signed it (a bot's commit without an explicit author, committer or signature). */
  verified: boolean;
}

/** The parts of a repository whose availability can be switched. */
export type FakeFeature = "actions" | "checks" | "statuses" | "dependabot" | "code-scanning";

/**
 * enabled; disabled (dependabot, code-scanning: the feature is off); advanced-security-off
 * (code-scanning on a private repository without it); no-analysis (code-scanning never ran);
 * forbidden (the token lacks the permission).
 */
export type FakeFeatureState = "enabled" | "disabled" | "advanced-security-off" | "no-analysis" | "forbidden";

/** An answer queued for upcoming requests, given instead of the normal one. */
export type FakeFault = {
  /** Only requests of this operation take the fault; default any. */
  operationId?: string;
  /** How many requests take it; default 1. */
  times?: number;
  /** How many matching requests are answered as usual before it; default 0. */
  after?: number;
} & (
  | { kind: "server-error"; status?: 500 | 502 | 503 }
  | { kind: "bad-credentials" }
  | { kind: "forbidden" }
  | { kind: "not-found" }
  /** The primary rate limit: 403 with x-ratelimit-remaining 0 and a reset time. */
  | { kind: "rate-limit"; status?: 403 | 429; resetInSeconds?: number }
  /** The secondary rate limit: 403 or 429 with retry-after and GitHub's message. */
  | { kind: "secondary-rate-limit"; status?: 403 | 429; retryAfterSeconds?: number }
  /** Any answer at all; checked against the contract like the fake's own. */
  | { kind: "answer"; status: number; body?: unknown; headers?: Record<string, string> }
  /**
   * The request is carried out (the release or comment is created, the ref moved) and then a server
   * error is answered, as when GitHub times out after writing: a client that retries the POST
   * creates a second one, which is what tests of idempotent writes need to see.
   */
  | { kind: "apply-then-fail"; status?: 500 | 502 | 503 }
  /** The request is carried out and the connection closed without an answer (a network failure). */
  | { kind: "apply-then-drop" }
);

export interface FakeRequestRecord {
  method: string;
  /** The path and query as sent, prefix included. */
  url: string;
  /** The API path without the GHES prefix or query. */
  path: string;
  operationId: string | null;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** The request carried If-None-Match. */
  conditional: boolean;
  /** It was answered 304 Not Modified. */
  notModified: boolean;
}

export interface FakeViolation {
  operationId: string | null;
  /** What is wrong. */
  what: string;
  /** Where: "query.per_page", "header.user-agent", "request body /name", "response 200 /workflow_runs/0/status". */
  where: string;
}

/** What a custom handler answers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request as a custom handler sees it: parameters coerced to their schema types. */
export interface FakeHandlerRequest {
  operationId: string;
  method: string;
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  headers: IncomingMessage["headers"];
}

export interface FakeGitHub {
  /** The API base URL (http://127.0.0.1:PORT, plus the prefix in GHES mode). */
  readonly url: string;
  /** Where html_url links point (the server's root; it serves no pages). */
  readonly webUrl: string;
  /** The token requests must carry. */
  readonly token: string;
  /** The login of the bot the token belongs to. */
  readonly botLogin: string;
  /** Every request so far, oldest first. */
  readonly requests: readonly FakeRequestRecord[];
  /** Every contract violation so far. */
  readonly violations: readonly FakeViolation[];
  /**
   * Adds a repository (no workflows, all features enabled). It has no branch, so it is empty: the git
   * database answers 409 as GitHub does until setBranch or seedCommit gives it one.
   */
  addRepo(seed: FakeRepoSeed): void;
  /**
   * Points a branch at a commit, so check runs and statuses can be asked for by branch name. A SHA
   * the fake holds no commit for stands for one made elsewhere: a valid parent with unknown content.
   */
  setBranch(repo: FakeRepoRef, branch: string, sha: string): void;
  /** Adds a workflow; returns its id. */
  addWorkflow(repo: FakeRepoRef, seed: FakeWorkflowSeed): number;
  /** Adds workflow runs; returns their ids. */
  addWorkflowRuns(repo: FakeRepoRef, seeds: readonly FakeWorkflowRunSeed[]): number[];
  /** Changes a run in place (status, conclusion, updatedAt...), so its next answer differs. */
  updateWorkflowRun(
    repo: FakeRepoRef,
    id: number,
    changes: Partial<Omit<FakeWorkflowRunSeed, "id" | "workflow">>,
  ): void;
  /** Seeds `workflows` workflows and `runs` runs spread over them, quickly (for benchmarks). */
  seedBulkRuns(repo: FakeRepoRef, counts: { workflows: number; runs: number }): { workflowIds: number[] };
  /** Adds a check run; returns its id. */
  addCheckRun(repo: FakeRepoRef, seed: FakeCheckRunSeed): number;
  /** Adds a commit status; returns its id. */
  addCommitStatus(repo: FakeRepoRef, seed: FakeCommitStatusSeed): number;
  /** Adds a Dependabot alert; returns its number. */
  addDependabotAlert(repo: FakeRepoRef, seed: FakeDependabotAlertSeed): number;
  /** Adds a code scanning alert; returns its number. */
  addCodeScanningAlert(repo: FakeRepoRef, seed: FakeCodeScanningAlertSeed): number;
  /** Switches a feature of a repository off, or forbids the token to read it. */
  setFeature(repo: FakeRepoRef, feature: FakeFeature, state: FakeFeatureState): void;
  /**
   * Protects a branch (classic branch protection), removes its protection (null), or makes its
   * protection unreadable to the token ("forbidden": 403, as for a token without Administration: read).
   */
  setBranchProtection(
    repo: FakeRepoRef,
    branch: string,
    protection: FakeBranchProtectionSeed | null | "forbidden",
  ): void;
  /** Adds an active ruleset for branches. */
  addRuleset(repo: FakeRepoRef, seed: FakeRulesetSeed): void;
  /** The errors GitHub reports for the CODEOWNERS file; null when the repository has none (404). */
  setCodeownersErrors(repo: FakeRepoRef, errors: FakeCodeownersErrorSeed[] | null): void;
  /** Adds a release (as if made earlier); returns its id. */
  addRelease(repo: FakeRepoRef, seed: FakeReleaseSeed): number;
  /** The repository's releases, oldest first. */
  releases(repo: FakeRepoRef): FakeRelease[];
  /** Adds a comment to an issue or pull request (every number exists); returns its id. */
  addComment(repo: FakeRepoRef, issueNumber: number, seed: FakeCommentSeed): number;
  /** The comments on an issue or pull request, oldest first. */
  comments(repo: FakeRepoRef, issueNumber: number): FakeComment[];
  /** Adds an issue (or a pull request, for the issues list); returns its number. */
  addIssue(repo: FakeRepoRef, seed: FakeIssueSeed): number;
  /** The repository's issues and pull requests, by number. */
  issues(repo: FakeRepoRef): FakeIssue[];
  /** The repository's deployments, oldest first, each with its statuses. */
  deployments(repo: FakeRepoRef): FakeDeployment[];
  /** Adds a deployment made earlier, with its statuses; returns its id. */
  addDeployment(repo: FakeRepoRef, seed: FakeDeploymentSeed): number;
  /** Adds a status to a deployment, as a deploy tool would later. */
  addDeploymentStatus(
    repo: FakeRepoRef,
    id: number,
    status: { state: string; createdAt: string; description?: string },
  ): void;
  /** Adds a lightweight tag pointing at a commit. */
  addTag(repo: FakeRepoRef, tag: { name: string; sha: string }): void;
  /** Adds a merged pull request; returns its number. */
  addPullRequest(repo: FakeRepoRef, seed: FakePullRequestSeed): number;
  /** Writes the files as blobs, a tree and a commit, as a push would; returns the commit's SHA. */
  seedCommit(repo: FakeRepoRef, seed: FakeCommitSeed): string;
  /** The commit a branch points at, or null. */
  branchHead(repo: FakeRepoRef, branch: string): string | null;
  /** A commit object, or null (also for a head set with setBranch, whose content the fake never saw). */
  commit(repo: FakeRepoRef, sha: string): FakeCommit | null;
  /** Path -> UTF-8 content of every file in a commit, given by SHA or branch name. */
  files(repo: FakeRepoRef, commitOrBranch: string): Record<string, string>;
  /** Answers an operation in place of the fake, after the request was checked. */
  handle(operationId: string, handler: (request: FakeHandlerRequest) => FakeAnswer): void;
  /** Queues faults, taken in order by the next matching requests; normal answers resume after them. */
  queueFaults(...faults: FakeFault[]): void;
  /** Forgets the request log (not the violations). */
  resetRequests(): void;
  /** Throws listing every violation, if there is any. */
  assertNoViolations(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The contract: the sliced OpenAPI description, turned into JSON Schema that Ajv can compile.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonObject;
  multiSegment: boolean;
}

interface OperationSpec {
  id: string;
  method: string;
  template: string;
  /** Matches the API path; groups are the path parameters in order. */
  pattern: RegExp;
  literalSegments: number;
  pathParams: ParameterSpec[];
  parameters: Map<string, ParameterSpec>;
  bodySchema: JsonObject | null;
  bodyRequired: boolean;
  /** Status code -> JSON Schema of the body (null for answers without one). */
  responses: Map<number, JsonObject | null>;
  docsUrl: string;
}

interface Contract {
  operations: OperationSpec[];
  byId: Map<string, OperationSpec>;
  /** Ajv that checks bodies exactly as they are. */
  exact: Ajv;
  /** Ajv that turns query and path strings into the types their schemas declare. */
  coercing: Ajv;
  validators: Map<string, ValidateFunction>;
}

const SLICE_ID = "https://fake-github.test/openapi-slice.json";
const SLICE_PATH = fileURLToPath(
  new URL("../../../test/fixtures/github/openapi-slice.json", import.meta.url),
);
const DEFAULT_DOCS = "https://docs.github.com/rest";

/** JSON Schema keywords kept from OpenAPI 3.0 schema objects; the rest are annotations Ajv's strict mode refuses. */
const KEPT_KEYWORDS = new Set([
  "type",
  "required",
  "enum",
  "format",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
]);

/**
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` must become a "null" type (and a null in any
 * enum, which GitHub's description leaves out), `$ref` siblings are ignored, and `example`,
 * `readOnly`, `x-*` and friends are annotations.
 */
function toJsonSchema(node: Json): JsonObject {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return {};
  if (typeof node.$ref === "string") {
    return { $ref: SLICE_ID + node.$ref.replace("#/components/schemas/", "#/$defs/") };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && value && typeof value === "object" && !Array.isArray(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, v]) => [name, toJsonSchema(v)]));
    } else if (key === "items" || key === "not") {
      out[key] = toJsonSchema(value);
    } else if (key === "additionalProperties") {
      out[key] = typeof value === "boolean" ? value : toJsonSchema(value);
    } else if ((key === "oneOf" || key === "anyOf" || key === "allOf") && Array.isArray(value)) {
      out[key] = value.map((v) => toJsonSchema(v));
    } else if (KEPT_KEYWORDS.has(key)) {
      out[key] = value;
    }
  }
  if (node.nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (out.type === undefined) return { anyOf: [out, { type: "null" }] };
  }
  // A string whose documented default is "" is answered "" when unset, whatever its format says
  // (a deployment status's target_url, log_url and environment_url).
  if (node.default === "" && typeof out.format === "string") return { anyOf: [out, { const: "" }] };
  return out;
}

let contractSingleton: Contract | null = null;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
}

/** Loaded once per process and shared by every fake, so compiled validators are reused across tests. */
function loadContract(): Contract {
  if (contractSingleton) return contractSingleton;
  const slice = JSON.parse(readFileSync(SLICE_PATH, "utf8")) as JsonObject;
  const components = slice.components as Record<string, Record<string, JsonObject>>;
  const defs = Object.fromEntries(
    Object.entries(components.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]),
  );
  const sliceSchema = { $id: SLICE_ID, $defs: defs };

  const resolve = <T extends JsonObject>(section: string, node: JsonObject): T => {
    const ref = node.$ref;
    if (typeof ref !== "string") return node as T;
    const name = ref.slice(`#/components/${section}/`.length);
    const target = components[section]?.[name];
    if (!target) throw new Error(`openapi-slice.json: dangling ${ref}`);
    return resolve<T>(section, target);
  };

  const operations: OperationSpec[] = [];
  for (const [template, item] of Object.entries(slice.paths as Record<string, JsonObject>)) {
    const shared = ((item.parameters ?? []) as JsonObject[]).map((p) => resolve("parameters", p));
    for (const [method, value] of Object.entries(item)) {
      if (method === "parameters" || !value || typeof value !== "object" || Array.isArray(value)) continue;
      const op = value as JsonObject;
      const params = [
        ...shared,
        ...((op.parameters ?? []) as JsonObject[]).map((p) => resolve("parameters", p)),
      ];
      const parameters = new Map<string, ParameterSpec>();
      for (const p of params) {
        const spec: ParameterSpec = {
          name: p.name as string,
          in: p.in as ParameterSpec["in"],
          required: p.required === true,
          schema: toJsonSchema(p.schema ?? {}),
          multiSegment: p["x-multi-segment"] === true,
        };
        parameters.set(`${spec.in}:${spec.name}`, spec);
      }
      const pathParams: ParameterSpec[] = [];
      let literalSegments = 0;
      const source = template
        .split("/")
        .map((segment) => {
          const m = /^\{([^{}]+)\}$/.exec(segment);
          if (!m) {
            if (!segment.includes("{")) {
              if (segment) literalSegments++;
              return escapeRegExp(segment);
            }
            // Parameters within a segment, as compare's {base}...{head}.
            return segment
              .split(/(\{[^{}]+\})/)
              .map((part) => {
                const inner = /^\{([^{}]+)\}$/.exec(part);
                if (!inner) return escapeRegExp(part);
                const spec = parameters.get(`path:${inner[1]}`);
                if (!spec)
                  throw new Error(`openapi-slice.json: ${template} lacks path parameter ${inner[1]}`);
                pathParams.push(spec);
                return "([^/]+?)";
              })
              .join("");
          }
          const spec = parameters.get(`path:${m[1]}`);
          if (!spec) throw new Error(`openapi-slice.json: ${template} lacks path parameter ${m[1]}`);
          pathParams.push(spec);
          return spec.multiSegment ? "(.+)" : "([^/]+)";
        })
        .join("/");
      const requestBody = op.requestBody
        ? resolve<JsonObject>("requestBodies", op.requestBody as JsonObject)
        : null;
      const bodyMedia = (requestBody?.content as Record<string, JsonObject> | undefined)?.[
        "application/json"
      ];
      const responses = new Map<number, JsonObject | null>();
      for (const [status, response] of Object.entries(op.responses as Record<string, JsonObject>)) {
        const resolved = resolve<JsonObject>("responses", response);
        const media = (resolved.content as Record<string, JsonObject> | undefined)?.["application/json"];
        responses.set(Number(status), media?.schema ? toJsonSchema(media.schema) : null);
      }
      operations.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        literalSegments,
        pathParams,
        parameters,
        bodySchema: bodyMedia?.schema ? toJsonSchema(bodyMedia.schema) : null,
        bodyRequired: requestBody?.required === true,
        responses,
        docsUrl: ((op.externalDocs as JsonObject | undefined)?.url as string | undefined) ?? DEFAULT_DOCS,
      });
    }
  }
  // A path with more fixed segments wins (releases/tags/{tag} before releases/{release_id}).
  operations.sort((a, b) => b.literalSegments - a.literalSegments);

  const makeAjv = (coerceTypes: boolean): Ajv => {
    const ajv = new Ajv({ allErrors: true, strictTypes: false, allowUnionTypes: true, coerceTypes });
    addFormats(ajv);
    ajv.addSchema(sliceSchema);
    return ajv;
  };
  contractSingleton = {
    operations,
    byId: new Map(operations.map((op) => [op.id, op])),
    exact: makeAjv(false),
    coercing: makeAjv(true),
    validators: new Map(),
  };
  return contractSingleton;
}

function compileCached(
  contract: Contract,
  key: string,
  ajv: Ajv,
  schema: () => JsonObject,
): ValidateFunction {
  let validate = contract.validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    contract.validators.set(key, validate);
  }
  return validate;
}

function describeErrors(validate: ValidateFunction): Array<{ path: string; message: string }> {
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || "/",
    message: `${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`,
  }));
}

// ---------------------------------------------------------------------------------------------
// State.

/** Something the fake serves, with its JSON built once and checked against the schema once. */
interface Served {
  json: string | null;
  checked: boolean;
  extra: Record<string, unknown> | undefined;
}

interface WorkflowEntity extends Served {
  id: number;
  name: string;
  path: string;
  state: string;
  createdAt: string;
  updatedAt: string;
}

interface RunEntity extends Served {
  id: number;
  workflowId: number;
  name: string;
  path: string;
  branch: string | null;
  headSha: string;
  event: string;
  status: string | null;
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  runNumber: number;
  displayTitle: string;
  actor: string;
}

interface CheckRunEntity extends Served {
  id: number;
  headSha: string;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
}

interface StatusEntity extends Served {
  id: number;
  sha: string;
  context: string;
  state: string;
  targetUrl: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DependabotEntity extends Served {
  number: number;
  state: string;
  severity: string;
  summary: string;
  packageName: string;
  ecosystem: string;
  htmlUrl: string;
  createdAt: string;
}

interface CodeScanningEntity extends Served {
  number: number;
  state: string;
  severity: string | null;
  ruleSeverity: string;
  ruleId: string;
  summary: string;
  htmlUrl: string;
  createdAt: string;
}

interface ReleaseEntity {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
}

interface CommentEntity extends Served {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  authorAssociation: string;
  createdAt: string;
  updatedAt: string;
}

interface IssueEntity {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  author: string;
  pullRequest: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

interface DeploymentEntity {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  autoMerge: boolean | null;
  requiredContexts: string[] | null;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
  statuses: FakeDeploymentStatus[];
}

interface TreeEntry {
  name: string;
  /** As the API spells it: 100644, 100755, 040000, 160000, 120000. */
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

interface CommitObject {
  type: "commit";
  tree: string;
  parents: string[];
  message: string;
  author: FakeGitPerson;
  committer: FakeGitPerson;
  /** The text the SHA is taken of, which GitHub calls the payload of the signature. */
  payload: string;
  verification: JsonObject;
}

type GitObject = { type: "blob"; content: Buffer } | { type: "tree"; entries: TreeEntry[] } | CommitObject;

interface RepoState {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  readOnly: boolean;
  branches: Map<string, string>;
  features: Map<FakeFeature, FakeFeatureState>;
  workflows: WorkflowEntity[];
  runsByWorkflow: Map<number, RunEntity[]>;
  /** Workflows whose runs must be re-sorted before the next answer. */
  unsorted: Set<number>;
  checkRuns: CheckRunEntity[];
  statuses: StatusEntity[];
  dependabot: DependabotEntity[];
  codeScanning: CodeScanningEntity[];
  minimalJson: string | null;
  releases: ReleaseEntity[];
  /** Set by make_latest; null leaves it to GitHub's legacy rule (the newest full release). */
  latestReleaseId: number | null;
  comments: CommentEntity[];
  issues: IssueEntity[];
  deployments: DeploymentEntity[];
  tags: { name: string; sha: string }[];
  pulls: (FakePullRequestSeed & { number: number; id: number })[];
  /** The git database, by SHA. */
  objects: Map<string, GitObject>;
  /** Commits the branches were pointed at by setBranch without the fake holding them. */
  foreignCommits: Set<string>;
  protections: Map<string, FakeBranchProtectionSeed | "forbidden">;
  rulesets: FakeRulesetSeed[];
  codeownersErrors: FakeCodeownersErrorSeed[] | null;
}

/** A fixed origin for default timestamps keeps answers (and their ETags) the same from run to run. */
const BASE_TIME = Date.parse("2024-01-01T00:00:00Z");
/** Writes are stamped a second apart from here on, for the same reason. */
const WRITE_TIME = Date.parse("2024-06-01T00:00:00Z");

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isoAt(minutes: number): string {
  return iso(BASE_TIME + minutes * 60_000);
}

const TREE_MODES = new Set(["100644", "100755", "040000", "160000", "120000"]);

/** The longest comment GitHub takes, in characters. */
const MAX_COMMENT_LENGTH = 65536;

function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

/** A git object's SHA, as git computes it, so the fake's objects are the ones git would make. */
function gitSha(type: GitObject["type"], content: Buffer): string {
  return createHash("sha1").update(`${type} ${content.length}\0`).update(content).digest("hex");
}

/** Git orders tree entries by name, a subtree's name as if it ended in a slash. */
function sortEntries(entries: TreeEntry[]): TreeEntry[] {
  const key = (e: TreeEntry) => Buffer.from(e.type === "tree" ? `${e.name}/` : e.name);
  return entries.sort((a, b) => Buffer.compare(key(a), key(b)));
}

function treeContent(entries: readonly TreeEntry[]): Buffer {
  return Buffer.concat(
    entries.flatMap((e) => [
      Buffer.from(`${e.mode.replace(/^0+/, "")} ${e.name}\0`),
      Buffer.from(e.sha, "hex"),
    ]),
  );
}

function commitPayload(
  c: Pick<CommitObject, "tree" | "parents" | "message" | "author" | "committer">,
): string {
  const person = (p: FakeGitPerson) =>
    `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
  const head = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
  return `${head.join("\n")}\nauthor ${person(c.author)}\ncommitter ${person(c.committer)}\n\n${c.message}`;
}

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString("base64").replace(/=+$/, "");
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function ownerType(login: string): string {
  return /org|inc|corp|team/i.test(login) ? "Organization" : "User";
}

// ---------------------------------------------------------------------------------------------
// The server.

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Checked against the contract unless the request itself broke it (then GitHub's 4xx is ours). */
  check: "full" | "none" | { key: string; items: Served[]; envelope: unknown };
}

interface QueuedFault {
  fault: FakeFault;
  left: number;
  /** Matching requests still to answer as usual before it. */
  wait: number;
}

/** The faults that let the request take effect before they spoil its answer. */
type AppliedFault = Extract<FakeFault, { kind: "apply-then-fail" | "apply-then-drop" }>;

function appliesFirst(fault: FakeFault): fault is AppliedFault {
  return fault.kind === "apply-then-fail" || fault.kind === "apply-then-drop";
}

/** Who signs a new commit: GitHub itself, nobody, or the caller with a signature the fake cannot check. */
type Signing = "github" | "none" | { signature: string };

interface ReleaseRequest {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  make_latest?: "true" | "false" | "legacy";
  generate_release_notes?: boolean;
  discussion_category_name?: string;
}

interface TreeRequestEntry {
  path?: string;
  mode?: string;
  type?: "blob" | "tree" | "commit";
  sha?: string | null;
  content?: string;
}

interface CommitRequest {
  message: string;
  tree: string;
  parents?: string[];
  author?: { name: string; email: string; date?: string };
  committer?: { name?: string; email?: string; date?: string };
  signature?: string;
}

class BadRequest {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

/** Starts a fake GitHub API on 127.0.0.1 (a free port). */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const contract = loadContract();
  const token = options.token ?? "fake-github-token";
  const prefix = (options.prefix ?? "").replace(/\/+$/, "");
  const limit = options.rateLimit ?? 5000;
  const resetAt = Math.floor(Date.now() / 1000) + 3600;
  let used = 0;
  let nextId = 1000;
  const repos = new Map<string, RepoState>();
  const requests: FakeRequestRecord[] = [];
  const violations: FakeViolation[] = [];
  const faults: QueuedFault[] = [];
  const handlers = new Map<string, (request: FakeHandlerRequest) => FakeAnswer>();
  const botLogin = options.botLogin ?? "github-actions[bot]";
  // github-actions[bot]'s id on github.com; another bot gets one derived from its login.
  const botId = botLogin === "github-actions[bot]" ? 41898282 : userId(botLogin);
  const botEmail = `${botId}+${botLogin}@users.noreply.github.com`;
  let writes = 0;

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      violations.push({ operationId: null, what: `the fake failed: ${String(error)}`, where: "fake" });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Server Error" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const apiUrl = origin + prefix;
  const webUrl = origin;
  const host = `127.0.0.1:${port}`;
  // uploads.github.com on github.com, /api/uploads on GitHub Enterprise Server (the fake serves neither).
  const uploadsUrl = `${origin}${prefix ? "/api/uploads" : "/uploads"}`;

  // ----- builders of GitHub's objects -----

  function repoKey(ref: FakeRepoRef): string {
    return `${ref.owner}/${ref.repo}`.toLowerCase();
  }

  function repoOf(ref: FakeRepoRef): RepoState {
    const state = repos.get(repoKey(ref));
    if (!state) throw new Error(`fake GitHub: no repository ${ref.owner}/${ref.repo}; call addRepo first`);
    return state;
  }

  function user(login: string, id: number): JsonObject {
    const u = `${apiUrl}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: nodeId("User", id),
      avatar_url: `${origin}/avatars/u/${id}?v=4`,
      gravatar_id: "",
      url: u,
      html_url: `${webUrl}/${encodeURIComponent(login)}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      type: ownerType(login),
      user_view_type: "public",
      site_admin: false,
    };
  }

  function userId(login: string): number {
    return parseInt(fakeSha(`user:${login}`).slice(0, 7), 16);
  }

  /** A user, or the bot as GitHub shows an app's bot account. */
  function account(login: string): JsonObject {
    if (login !== botLogin) return user(login, userId(login));
    const app = encodeURIComponent(login.replace(/\[bot\]$/, ""));
    return { ...user(login, botId), html_url: `${webUrl}/apps/${app}`, type: "Bot" };
  }

  function stamp(): string {
    return iso(WRITE_TIME + 1000 * writes++);
  }

  function repoPath(r: RepoState): string {
    return `${encodeURIComponent(r.owner)}/${encodeURIComponent(r.name)}`;
  }

  function apiRepo(r: RepoState): string {
    return `${apiUrl}/repos/${repoPath(r)}`;
  }

  function minimalRepository(r: RepoState): JsonObject {
    const a = apiRepo(r);
    const full = repoPath(r);
    return {
      id: r.id,
      node_id: nodeId("Repository", r.id),
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      private: r.private,
      owner: user(r.owner, r.id + 1),
      html_url: `${webUrl}/${full}`,
      description: "A repository held by the fake GitHub",
      fork: false,
      url: a,
      archive_url: `${a}/{archive_format}{/ref}`,
      assignees_url: `${a}/assignees{/user}`,
      blobs_url: `${a}/git/blobs{/sha}`,
      branches_url: `${a}/branches{/branch}`,
      collaborators_url: `${a}/collaborators{/collaborator}`,
      comments_url: `${a}/comments{/number}`,
      commits_url: `${a}/commits{/sha}`,
      compare_url: `${a}/compare/{base}...{head}`,
      contents_url: `${a}/contents/{+path}`,
      contributors_url: `${a}/contributors`,
      deployments_url: `${a}/deployments`,
      downloads_url: `${a}/downloads`,
      events_url: `${a}/events`,
      forks_url: `${a}/forks`,
      git_commits_url: `${a}/git/commits{/sha}`,
      git_refs_url: `${a}/git/refs{/sha}`,
      git_tags_url: `${a}/git/tags{/sha}`,
      git_url: `git://${host}/${full}.git`,
      issue_comment_url: `${a}/issues/comments{/number}`,
      issue_events_url: `${a}/issues/events{/number}`,
      issues_url: `${a}/issues{/number}`,
      keys_url: `${a}/keys{/key_id}`,
      labels_url: `${a}/labels{/name}`,
      languages_url: `${a}/languages`,
      merges_url: `${a}/merges`,
      milestones_url: `${a}/milestones{/number}`,
      notifications_url: `${a}/notifications{?since,all,participating}`,
      pulls_url: `${a}/pulls{/number}`,
      releases_url: `${a}/releases{/id}`,
      ssh_url: `git@${host}:${full}.git`,
      stargazers_url: `${a}/stargazers`,
      statuses_url: `${a}/statuses/{sha}`,
      subscribers_url: `${a}/subscribers`,
      subscription_url: `${a}/subscription`,
      tags_url: `${a}/tags`,
      teams_url: `${a}/teams`,
      trees_url: `${a}/git/trees{/sha}`,
      clone_url: `${webUrl}/${full}.git`,
      hooks_url: `${a}/hooks`,
      svn_url: `${webUrl}/${full}`,
    };
  }

  function minimalRepositoryJson(r: RepoState): string {
    return (r.minimalJson ??= JSON.stringify(minimalRepository(r)));
  }

  function fullRepository(r: RepoState): JsonObject {
    return {
      ...minimalRepository(r),
      homepage: null,
      language: "TypeScript",
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 1024,
      default_branch: r.defaultBranch,
      open_issues_count: 0,
      open_issues: 0,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: r.private ? "private" : "public",
      pushed_at: isoAt(0),
      created_at: isoAt(-525600),
      updated_at: isoAt(0),
      permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
      allow_forking: true,
      web_commit_signoff_required: false,
      mirror_url: null,
      license: null,
      subscribers_count: 1,
      network_count: 0,
      temp_clone_token: null,
    };
  }

  function withExtra(object: JsonObject, entity: Served): JsonObject {
    return entity.extra ? { ...object, ...(entity.extra as JsonObject) } : object;
  }

  function workflowJson(r: RepoState, w: WorkflowEntity): string {
    if (w.json !== null) return w.json;
    const object: JsonObject = {
      id: w.id,
      node_id: nodeId("Workflow", w.id),
      name: w.name,
      path: w.path,
      state: w.state,
      created_at: w.createdAt,
      updated_at: w.updatedAt,
      url: `${apiRepo(r)}/actions/workflows/${w.id}`,
      html_url: `${webUrl}/${repoPath(r)}/blob/${r.defaultBranch}/${w.path}`,
      badge_url: `${webUrl}/${repoPath(r)}/workflows/${fileName(w.path)}/badge.svg`,
    };
    return (w.json = JSON.stringify(withExtra(object, w)));
  }

  function runJson(r: RepoState, run: RunEntity): string {
    if (run.json !== null) return run.json;
    const a = apiRepo(r);
    const suiteId = run.id + 500_000_000;
    const object: JsonObject = withExtra(
      {
        id: run.id,
        name: run.name,
        node_id: nodeId("WorkflowRun", run.id),
        check_suite_id: suiteId,
        check_suite_node_id: nodeId("CheckSuite", suiteId),
        head_branch: run.branch,
        head_sha: run.headSha,
        path: run.path,
        display_title: run.displayTitle,
        run_number: run.runNumber,
        run_attempt: 1,
        referenced_workflows: [],
        event: run.event,
        status: run.status,
        conclusion: run.conclusion,
        workflow_id: run.workflowId,
        url: `${a}/actions/runs/${run.id}`,
        html_url: `${webUrl}/${repoPath(r)}/actions/runs/${run.id}`,
        pull_requests: [],
        created_at: run.createdAt,
        updated_at: run.updatedAt,
        actor: user(run.actor, 583231),
        triggering_actor: user(run.actor, 583231),
        run_started_at: run.runStartedAt,
        jobs_url: `${a}/actions/runs/${run.id}/jobs`,
        logs_url: `${a}/actions/runs/${run.id}/logs`,
        check_suite_url: `${a}/check-suites/${suiteId}`,
        artifacts_url: `${a}/actions/runs/${run.id}/artifacts`,
        cancel_url: `${a}/actions/runs/${run.id}/cancel`,
        rerun_url: `${a}/actions/runs/${run.id}/rerun`,
        previous_attempt_url: null,
        workflow_url: `${a}/actions/workflows/${run.workflowId}`,
        head_commit: {
          id: run.headSha,
          tree_id: fakeSha(`tree:${run.headSha}`),
          message: run.displayTitle,
          timestamp: run.createdAt,
          author: { name: "Mona Lisa", email: "mona@example.com" },
          committer: { name: "GitHub", email: "noreply@github.com" },
        },
        head_repository_id: r.id,
      },
      run,
    );
    // The repository object is the same in every run: spliced in as text rather than re-serialised.
    const repository = minimalRepositoryJson(r);
    let json = JSON.stringify(object);
    const tail: string[] = [];
    if (!("repository" in object)) tail.push(`"repository":${repository}`);
    if (!("head_repository" in object)) tail.push(`"head_repository":${repository}`);
    if (tail.length > 0) json = `${json.slice(0, -1)},${tail.join(",")}}`;
    return (run.json = json);
  }

  function githubActionsApp(): JsonObject {
    return {
      id: 15368,
      slug: "github-actions",
      node_id: nodeId("Integration", 15368),
      owner: user("github", 9919),
      name: "GitHub Actions",
      description: "Automate your workflow from idea to production",
      external_url: "https://help.github.com/en/actions",
      html_url: `${webUrl}/apps/github-actions`,
      created_at: "2018-07-30T09:30:17Z",
      updated_at: "2019-12-10T19:04:12Z",
      permissions: { checks: "write", contents: "write", metadata: "read" },
      events: ["check_run", "check_suite", "push", "pull_request"],
    };
  }

  function checkRunJson(r: RepoState, c: CheckRunEntity): string {
    if (c.json !== null) return c.json;
    const a = apiRepo(r);
    const object: JsonObject = {
      id: c.id,
      name: c.name,
      node_id: nodeId("CheckRun", c.id),
      head_sha: c.headSha,
      external_id: "",
      url: `${a}/check-runs/${c.id}`,
      html_url: `${webUrl}/${repoPath(r)}/runs/${c.id}`,
      details_url: `${webUrl}/${repoPath(r)}/runs/${c.id}`,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      output: {
        title: null,
        summary: null,
        text: null,
        annotations_count: 0,
        annotations_url: `${a}/check-runs/${c.id}/annotations`,
      },
      check_suite: { id: c.id + 500_000_000 },
      app: githubActionsApp(),
      pull_requests: [],
    };
    return (c.json = JSON.stringify(withExtra(object, c)));
  }

  function statusJson(r: RepoState, s: StatusEntity): string {
    if (s.json !== null) return s.json;
    const object: JsonObject = {
      url: `${apiRepo(r)}/statuses/${s.sha}`,
      avatar_url: `${origin}/avatars/u/9919?v=4`,
      id: s.id,
      node_id: nodeId("StatusContext", s.id),
      state: s.state,
      description: s.description,
      target_url: s.targetUrl,
      context: s.context,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    };
    return (s.json = JSON.stringify(withExtra(object, s)));
  }

  function dependabotJson(r: RepoState, d: DependabotEntity): string {
    if (d.json !== null) return d.json;
    const ghsa = `GHSA-${fakeSha(`ghsa:${r.id}:${d.number}`)
      .slice(0, 12)
      .replace(/(.{4})(.{4})(.{4})/, "$1-$2-$3")}`;
    const pkg = { ecosystem: d.ecosystem, name: d.packageName };
    const vulnerability = {
      package: pkg,
      severity: d.severity,
      vulnerable_version_range: "< 1.2.3",
      first_patched_version: { identifier: "1.2.3" },
    };
    const object: JsonObject = {
      number: d.number,
      state: d.state,
      dependency: {
        package: pkg,
        manifest_path: "package-lock.json",
        scope: "runtime",
        relationship: "direct",
      },
      security_advisory: {
        ghsa_id: ghsa,
        cve_id: null,
        summary: d.summary,
        description: d.summary,
        vulnerabilities: [vulnerability],
        severity: d.severity,
        cvss: { score: 0, vector_string: null },
        cwes: [],
        identifiers: [{ type: "GHSA", value: ghsa }],
        references: [{ url: `https://github.com/advisories/${ghsa}` }],
        published_at: d.createdAt,
        updated_at: d.createdAt,
        withdrawn_at: null,
      },
      security_vulnerability: vulnerability,
      url: `${apiRepo(r)}/dependabot/alerts/${d.number}`,
      html_url: d.htmlUrl,
      created_at: d.createdAt,
      updated_at: d.createdAt,
      dismissed_at: null,
      dismissed_by: null,
      dismissed_reason: null,
      dismissed_comment: null,
      fixed_at: null,
      auto_dismissed_at: null,
    };
    return (d.json = JSON.stringify(withExtra(object, d)));
  }

  function codeScanningJson(r: RepoState, c: CodeScanningEntity): string {
    if (c.json !== null) return c.json;
    const a = apiRepo(r);
    const object: JsonObject = {
      number: c.number,
      created_at: c.createdAt,
      updated_at: c.createdAt,
      url: `${a}/code-scanning/alerts/${c.number}`,
      html_url: c.htmlUrl,
      instances_url: `${a}/code-scanning/alerts/${c.number}/instances`,
      state: c.state,
      fixed_at: null,
      dismissed_by: null,
      dismissed_at: null,
      dismissed_reason: null,
      dismissed_comment: null,
      rule: {
        id: c.ruleId,
        severity: c.ruleSeverity,
        security_severity_level: c.severity,
        description: c.summary,
        name: c.ruleId,
        tags: ["security"],
      },
      tool: { name: "CodeQL", guid: null, version: "2.20.0" },
      most_recent_instance: {
        ref: `refs/heads/${r.defaultBranch}`,
        analysis_key: ".github/workflows/codeql.yml:analyze",
        environment: "{}",
        category: ".github/workflows/codeql.yml:analyze/language:javascript",
        state: c.state,
        commit_sha: fakeSha(`code-scanning:${c.number}`),
        message: { text: c.summary },
        location: { path: "src/index.ts", start_line: 1, end_line: 1, start_column: 1, end_column: 10 },
        classifications: [],
      },
    };
    return (c.json = JSON.stringify(withExtra(object, c)));
  }

  function latestRelease(r: RepoState): ReleaseEntity | null {
    const full = r.releases.filter((x) => !x.draft && !x.prerelease);
    const chosen = full.find((x) => x.id === r.latestReleaseId);
    if (chosen) return chosen;
    // GitHub's legacy rule, simplified to the most recently created full release.
    let newest: ReleaseEntity | null = null;
    for (const x of full) if (!newest || x.createdAt >= newest.createdAt) newest = x;
    return newest;
  }

  function releaseJson(r: RepoState, rel: ReleaseEntity): JsonObject {
    const a = apiRepo(r);
    const tag = rel.tagName.split("/").map(encodeURIComponent).join("/");
    // A draft's tag does not exist yet: GitHub links it under a made-up untagged- name, without archives.
    const page = rel.draft ? `untagged-${fakeSha(`release:${rel.id}`).slice(0, 20)}` : tag;
    return {
      url: `${a}/releases/${rel.id}`,
      assets_url: `${a}/releases/${rel.id}/assets`,
      upload_url: `${uploadsUrl}/repos/${repoPath(r)}/releases/${rel.id}/assets{?name,label}`,
      html_url: `${webUrl}/${repoPath(r)}/releases/tag/${page}`,
      id: rel.id,
      author: account(rel.author),
      node_id: nodeId("Release", rel.id),
      tag_name: rel.tagName,
      target_commitish: rel.targetCommitish,
      name: rel.name,
      draft: rel.draft,
      immutable: false,
      prerelease: rel.prerelease,
      created_at: rel.createdAt,
      updated_at: rel.updatedAt,
      published_at: rel.publishedAt,
      assets: [],
      tarball_url: rel.draft ? null : `${a}/tarball/${tag}`,
      zipball_url: rel.draft ? null : `${a}/zipball/${tag}`,
      body: rel.body,
    };
  }

  function reactions(url: string): JsonObject {
    return {
      url,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    };
  }

  function issueJson(r: RepoState, i: IssueEntity): JsonObject {
    const a = apiRepo(r);
    const url = `${a}/issues/${i.number}`;
    const labels = i.labels.map((name) => ({
      id: userId(`label:${name}`),
      node_id: nodeId("Label", name),
      url: `${a}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: "ededed",
      default: false,
    }));
    const comments = r.comments.filter((c) => c.issueNumber === i.number).length;
    const page = `${webUrl}/${repoPath(r)}/${i.pullRequest ? "pull" : "issues"}/${i.number}`;
    return {
      url,
      repository_url: a,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: page,
      id: i.id,
      node_id: nodeId("Issue", i.id),
      number: i.number,
      title: i.title,
      user: account(i.author),
      labels,
      state: i.state,
      state_reason: i.state === "closed" ? "completed" : null,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      author_association: "NONE",
      active_lock_reason: null,
      body: i.body,
      ...(i.pullRequest && {
        pull_request: {
          url: `${a}/pulls/${i.number}`,
          html_url: page,
          diff_url: `${page}.diff`,
          patch_url: `${page}.patch`,
          merged_at: null,
        },
      }),
      reactions: reactions(`${url}/reactions`),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
    };
  }

  function deploymentJson(r: RepoState, d: DeploymentEntity): JsonObject {
    const a = apiRepo(r);
    return {
      url: `${a}/deployments/${d.id}`,
      id: d.id,
      node_id: nodeId("Deployment", d.id),
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload as Json,
      original_environment: d.environment,
      environment: d.environment,
      description: d.description,
      creator: account(botLogin),
      created_at: d.createdAt,
      updated_at: d.updatedAt,
      statuses_url: `${a}/deployments/${d.id}/statuses`,
      repository_url: a,
      transient_environment: d.transientEnvironment,
      production_environment: d.productionEnvironment,
      performed_via_github_app: null,
    };
  }

  function deploymentStatusJson(r: RepoState, d: DeploymentEntity, s: FakeDeploymentStatus): JsonObject {
    const a = apiRepo(r);
    return {
      url: `${a}/deployments/${d.id}/statuses/${s.id}`,
      id: s.id,
      node_id: nodeId("DeploymentStatus", s.id),
      state: s.state,
      creator: account(botLogin),
      description: s.description,
      environment: s.environment,
      target_url: s.targetUrl,
      created_at: s.createdAt,
      updated_at: s.createdAt,
      deployment_url: `${a}/deployments/${d.id}`,
      repository_url: a,
      environment_url: s.environmentUrl,
      log_url: s.logUrl,
      performed_via_github_app: null,
    };
  }

  /** A commit as the REST commits endpoints give it (compare, a pull request's commits). */
  function restCommitJson(r: RepoState, sha: string, c: CommitObject): JsonObject {
    const a = apiRepo(r);
    const page = (s: string) => `${webUrl}/${repoPath(r)}/commit/${s}`;
    return {
      url: `${a}/commits/${sha}`,
      sha,
      node_id: nodeId("Commit", `${r.id}:${sha}`),
      html_url: page(sha),
      comments_url: `${a}/commits/${sha}/comments`,
      commit: {
        url: `${a}/git/commits/${sha}`,
        author: { ...c.author },
        committer: { ...c.committer },
        message: c.message,
        comment_count: 0,
        tree: { sha: c.tree, url: `${a}/git/trees/${c.tree}` },
        verification: c.verification,
      },
      author: null,
      committer: null,
      parents: c.parents.map((p) => ({ sha: p, url: `${a}/commits/${p}`, html_url: page(p) })),
    };
  }

  function pullJson(r: RepoState, p: RepoState["pulls"][number]): JsonObject {
    const a = apiRepo(r);
    const url = `${a}/pulls/${p.number}`;
    const html = `${webUrl}/${repoPath(r)}/pull/${p.number}`;
    const head = p.commits.at(-1) ?? p.mergeCommitSha;
    // The "repository" schema a pull request's sides carry types temp_clone_token as a string.
    const repository = { ...fullRepository(r), temp_clone_token: "" };
    const side = (ref: string, sha: string) => ({
      label: `${r.owner}:${ref}`,
      ref,
      repo: repository,
      sha,
      user: user(r.owner, r.id + 1),
    });
    const link = (href: string) => ({ href });
    return {
      url,
      id: p.id,
      node_id: nodeId("PullRequest", p.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${a}/issues/${p.number}`,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${a}/pulls/comments{/number}`,
      comments_url: `${a}/issues/${p.number}/comments`,
      statuses_url: `${a}/statuses/${head}`,
      number: p.number,
      state: "closed",
      locked: false,
      title: p.title,
      user: account(botLogin),
      body: null,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: p.mergedAt,
      updated_at: p.mergedAt,
      closed_at: p.mergedAt,
      merged_at: p.mergedAt,
      merge_commit_sha: p.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(`pr-${p.number}`, head),
      base: side(r.defaultBranch, p.mergeCommitSha),
      _links: {
        self: link(url),
        html: link(html),
        issue: link(`${a}/issues/${p.number}`),
        comments: link(`${a}/issues/${p.number}/comments`),
        review_comments: link(`${url}/comments`),
        review_comment: link(`${a}/pulls/comments{/number}`),
        commits: link(`${url}/commits`),
        statuses: link(`${a}/statuses/${head}`),
      },
      author_association: "MEMBER",
      auto_merge: null,
      draft: false,
    };
  }

  /** The commits reachable from `head` and not from `base`, oldest first (parents before children). */
  function commitsBetween(r: RepoState, base: string, head: string): string[] {
    const excluded = new Set<string>();
    const mark = [base];
    for (let next = mark.pop(); next !== undefined; next = mark.pop()) {
      if (excluded.has(next)) continue;
      excluded.add(next);
      const object = r.objects.get(next);
      if (object?.type === "commit") mark.push(...object.parents);
    }
    const order: string[] = [];
    const seen = new Set<string>();
    const visit = (sha: string): void => {
      if (seen.has(sha) || excluded.has(sha)) return;
      seen.add(sha);
      const object = r.objects.get(sha);
      if (object?.type !== "commit") return;
      for (const parent of object.parents) visit(parent);
      order.push(sha);
    };
    visit(head);
    return order;
  }

  function commentJson(r: RepoState, c: CommentEntity): string {
    if (c.json !== null) return c.json;
    const a = apiRepo(r);
    const object: JsonObject = {
      url: `${a}/issues/comments/${c.id}`,
      html_url: `${webUrl}/${repoPath(r)}/issues/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${a}/issues/${c.issueNumber}`,
      id: c.id,
      node_id: nodeId("IssueComment", c.id),
      user: account(c.author),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.authorAssociation,
      body: c.body,
      reactions: {
        url: `${a}/issues/comments/${c.id}/reactions`,
        total_count: 0,
        "+1": 0,
        "-1": 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      performed_via_github_app: null,
    };
    return (c.json = JSON.stringify(object));
  }

  function refJson(r: RepoState, branch: string): JsonObject {
    const ref = `refs/heads/${branch}`;
    const sha = r.branches.get(branch) ?? "";
    return {
      ref,
      node_id: nodeId("Ref", `${r.id}:${ref}`),
      url: `${apiRepo(r)}/git/${ref}`,
      object: { sha, type: "commit", url: `${apiRepo(r)}/git/commits/${sha}` },
    };
  }

  function treeJson(r: RepoState, sha: string): JsonObject {
    const a = apiRepo(r);
    const tree = r.objects.get(sha);
    const entries = tree?.type === "tree" ? tree.entries : [];
    return {
      sha,
      url: `${a}/git/trees/${sha}`,
      tree: entries.map((e) => {
        const object = r.objects.get(e.sha);
        const entry: JsonObject = { path: e.name, mode: e.mode, type: e.type, sha: e.sha };
        if (object?.type === "blob")
          return { ...entry, size: object.content.length, url: `${a}/git/blobs/${e.sha}` };
        return e.type === "tree" ? { ...entry, url: `${a}/git/trees/${e.sha}` } : entry;
      }),
      truncated: false,
    };
  }

  function commitJson(r: RepoState, sha: string, c: CommitObject): JsonObject {
    const a = apiRepo(r);
    const page = (s: string) => `${webUrl}/${repoPath(r)}/commit/${s}`;
    return {
      sha,
      node_id: nodeId("Commit", `${r.id}:${sha}`),
      url: `${a}/git/commits/${sha}`,
      html_url: page(sha),
      author: { ...c.author },
      committer: { ...c.committer },
      tree: { sha: c.tree, url: `${a}/git/trees/${c.tree}` },
      message: c.message,
      parents: c.parents.map((p) => ({ sha: p, url: `${a}/git/commits/${p}`, html_url: page(p) })),
      verification: c.verification,
    };
  }

  // ----- the git database -----

  function putBlob(r: RepoState, content: Buffer): string {
    const sha = gitSha("blob", content);
    r.objects.set(sha, { type: "blob", content });
    return sha;
  }

  function putTree(r: RepoState, entries: TreeEntry[]): string {
    const sorted = sortEntries(entries);
    const sha = gitSha("tree", treeContent(sorted));
    r.objects.set(sha, { type: "tree", entries: sorted });
    return sha;
  }

  function putCommit(
    r: RepoState,
    fields: Pick<CommitObject, "tree" | "parents" | "message" | "author" | "committer">,
    signing: Signing,
  ): string {
    const payload = commitPayload(fields);
    // The signature is left out of the hashed text: the fake's is made up, and it changes no behaviour.
    const sha = gitSha("commit", Buffer.from(payload));
    const verification: JsonObject =
      signing === "github"
        ? {
            verified: true,
            reason: "valid",
            signature: `-----BEGIN PGP SIGNATURE-----\n\n${Buffer.from(fakeSha(`signature:${sha}`)).toString("base64")}\n-----END PGP SIGNATURE-----\n`,
            payload,
            verified_at: fields.committer.date,
          }
        : signing === "none"
          ? { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null }
          : {
              verified: false,
              reason: "unknown_key",
              signature: signing.signature,
              payload,
              verified_at: null,
            };
    r.objects.set(sha, { type: "commit", ...fields, payload, verification });
    return sha;
  }

  function isCommit(r: RepoState, sha: string): boolean {
    return r.objects.get(sha)?.type === "commit" || r.foreignCommits.has(sha);
  }

  /** Whether `sha` is `ancestor` or has it among its ancestors. */
  function descends(r: RepoState, sha: string, ancestor: string): boolean {
    const seen = new Set<string>();
    const pending = [sha];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      const object = r.objects.get(next);
      if (object?.type === "commit") pending.push(...object.parents);
    }
    return false;
  }

  /** The tree a tree or commit SHA names, as GitHub resolves base_tree. */
  function treeOf(r: RepoState, sha: string): string | null {
    const object = r.objects.get(sha);
    if (object?.type === "tree") return sha;
    return object?.type === "commit" ? object.tree : null;
  }

  /** The files and submodules under a tree, by full path. */
  function leavesOf(r: RepoState, treeSha: string, prefix = "", into = new Map<string, TreeEntry>()) {
    const tree = r.objects.get(treeSha);
    for (const e of tree?.type === "tree" ? tree.entries : []) {
      if (e.type === "tree") leavesOf(r, e.sha, `${prefix}${e.name}/`, into);
      else into.set(prefix + e.name, e);
    }
    return into;
  }

  /** Writes the nested trees holding these leaves; returns the root's SHA. */
  function buildTree(r: RepoState, leaves: ReadonlyMap<string, TreeEntry>): string {
    const here: TreeEntry[] = [];
    const below = new Map<string, Map<string, TreeEntry>>();
    for (const [path, entry] of leaves) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        here.push({ ...entry, name: path });
        continue;
      }
      const dir = path.slice(0, slash);
      const sub = below.get(dir) ?? new Map<string, TreeEntry>();
      below.set(dir, sub);
      sub.set(path.slice(slash + 1), entry);
    }
    for (const [dir, sub] of below)
      here.push({ name: dir, mode: "040000", type: "tree", sha: buildTree(r, sub) });
    return putTree(r, here);
  }

  /** Puts an entry at a path (or removes it, for null), dropping whatever was at, above or under it. */
  function place(leaves: Map<string, TreeEntry>, path: string, entry: TreeEntry | null): void {
    for (const key of [...leaves.keys()]) {
      if (key === path || key.startsWith(`${path}/`) || path.startsWith(`${key}/`)) leaves.delete(key);
    }
    if (entry) leaves.set(path, entry);
  }

  /** GitHub's checks of one create-tree entry, in its order, with its messages. */
  function treeEntryProblem(r: RepoState, e: TreeRequestEntry): string | null {
    const path = e.path ?? "";
    if (path.startsWith("/")) return "tree.path cannot start with a slash";
    if (path.split("/").some((part) => part === "" || part === "." || part === "..")) {
      return "tree.path contains a malformed path component";
    }
    if ("sha" in e === (e.content !== undefined)) {
      return "Must supply either tree.sha or tree.content. Request will be rejected if both are present.";
    }
    if (e.sha) {
      // A submodule's commit lives in another repository: only its form is checked.
      const valid =
        e.type === "commit" ? /^[0-9a-f]{40}$/.test(e.sha) : r.objects.get(e.sha)?.type === e.type;
      if (!valid) return `tree.sha ${e.sha} is not a valid ${e.type ?? ""}`;
    }
    if (!TREE_MODES.has(e.mode ?? "")) return "Must supply a valid tree.mode";
    if (e.mode === "040000" && e.content !== undefined) return "A subdirectory may not have content";
    return null;
  }

  // ----- branch protection and rulesets -----

  function branchProtectionJson(r: RepoState, branch: string, p: FakeBranchProtectionSeed): JsonObject {
    const base = `${apiRepo(r)}/branches/${encodeURIComponent(branch)}/protection`;
    const out: JsonObject = {
      url: base,
      enforce_admins: { url: `${base}/enforce_admins`, enabled: false },
      required_linear_history: { enabled: false },
      allow_force_pushes: { enabled: false },
      allow_deletions: { enabled: false },
    };
    if (p.checks) {
      out.required_status_checks = {
        url: `${base}/required_status_checks`,
        strict: true,
        contexts: p.checks,
        checks: p.checks.map((context) => ({ context, app_id: null })),
        contexts_url: `${base}/required_status_checks/contexts`,
      };
    }
    if (p.reviews !== undefined) {
      out.required_pull_request_reviews = {
        url: `${base}/required_pull_request_reviews`,
        dismiss_stale_reviews: false,
        require_code_owner_reviews: false,
        required_approving_review_count: p.reviews,
        require_last_push_approval: false,
      };
    }
    return out;
  }

  function rulesOf(r: RepoState, set: FakeRulesetSeed): JsonObject[] {
    const info = {
      ruleset_source_type: set.sourceType ?? "Repository",
      ruleset_source: set.sourceType === "Organization" ? r.owner : repoPath(r),
      ruleset_id: set.id,
    };
    const rules: JsonObject[] = [{ type: "deletion", ...info }];
    if (set.checks) {
      rules.push({
        type: "required_status_checks",
        parameters: {
          required_status_checks: set.checks.map((context) => ({ context })),
          strict_required_status_checks_policy: false,
        },
        ...info,
      });
    }
    if (set.reviews !== undefined) {
      rules.push({
        type: "pull_request",
        parameters: {
          dismiss_stale_reviews_on_push: false,
          require_code_owner_review: false,
          require_last_push_approval: false,
          required_approving_review_count: set.reviews,
          required_review_thread_resolution: false,
        },
        ...info,
      });
    }
    return rules;
  }

  // ----- answers -----

  function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
    return { status, body: JSON.stringify(body), headers, check: "full" };
  }

  function error(status: number, message: string, op: OperationSpec | null): Answer {
    return json(status, { message, documentation_url: op?.docsUrl ?? DEFAULT_DOCS, status: String(status) });
  }

  function notFound(op: OperationSpec | null): Answer {
    return error(404, "Not Found", op);
  }

  /** GitHub's 422 for a record that does not validate: what is wrong, by resource, field and code. */
  function validationFailed(op: OperationSpec, errors: JsonObject[]): Answer {
    return json(422, { message: "Validation Failed", errors, documentation_url: op.docsUrl, status: "422" });
  }

  function created(object: JsonObject): Answer {
    return json(201, object, { location: String(object.url) });
  }

  function perPageOf(query: Record<string, unknown>): number {
    const n = typeof query.per_page === "number" ? query.per_page : 30;
    return Math.min(100, Math.max(1, n || 30));
  }

  function linkTo(url: URL, changes: Record<string, string | null>): string {
    const next = new URL(url.pathname + url.search, origin);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.searchParams.delete(key);
      else next.searchParams.set(key, value);
    }
    return next.toString();
  }

  /** GitHub's page-number pagination: per_page (30, at most 100), page, and a Link header. */
  function paginate<T>(
    items: T[],
    query: Record<string, unknown>,
    url: URL,
  ): { page: T[]; headers: Record<string, string> } {
    const perPage = perPageOf(query);
    const page = Math.max(1, typeof query.page === "number" ? query.page : 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    if (page > 1) links.push(`<${linkTo(url, { page: String(Math.min(page - 1, last)) })}>; rel="prev"`);
    if (page < last) {
      links.push(`<${linkTo(url, { page: String(page + 1) })}>; rel="next"`);
      links.push(`<${linkTo(url, { page: String(last) })}>; rel="last"`);
    }
    if (page > 1) links.push(`<${linkTo(url, { page: "1" })}>; rel="first"`);
    return {
      page: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(", ") } : {},
    };
  }

  /** GitHub's cursor pagination (Dependabot alerts): per_page, before/after cursors, a Link header. */
  function paginateByCursor<T extends { number: number }>(
    items: T[],
    query: Record<string, unknown>,
    url: URL,
  ): { page: T[] | null; headers: Record<string, string> } {
    const perPage = perPageOf(query);
    const cursor = (n: number) => Buffer.from(`v1:${n}`).toString("base64url");
    const positionOf = (value: unknown): number | null => {
      if (typeof value !== "string") return null;
      const m = /^v1:(\d+)$/.exec(Buffer.from(value, "base64url").toString());
      const index = m ? items.findIndex((item) => item.number === Number(m[1])) : -1;
      return index < 0 ? -1 : index;
    };
    const after = positionOf(query.after);
    const before = positionOf(query.before);
    if (after === -1 || before === -1) return { page: null, headers: {} };
    let start = after !== null ? after + 1 : 0;
    if (before !== null) start = Math.max(0, before - perPage);
    const end = before !== null ? before : start + perPage;
    const page = items.slice(start, end);
    const links: string[] = [];
    if (start > 0 && page[0])
      links.push(`<${linkTo(url, { after: null, before: cursor(page[0].number) })}>; rel="prev"`);
    const lastItem = page[page.length - 1];
    if (end < items.length && lastItem) {
      links.push(`<${linkTo(url, { before: null, after: cursor(lastItem.number) })}>; rel="next"`);
    }
    if (start > 0) links.push(`<${linkTo(url, { before: null, after: null })}>; rel="first"`);
    return { page, headers: links.length > 0 ? { link: links.join(", ") } : {} };
  }

  /** A page of a list: `key` names the array in GitHub's envelope, which counts `total`; null for a bare array. */
  function listAnswer<T extends Served>(
    key: string | null,
    total: number,
    page: T[],
    jsonOf: (item: T) => string,
    headers: Record<string, string>,
  ): Answer {
    const array = `[${page.map(jsonOf).join(",")}]`;
    const body = key === null ? array : `{"total_count":${total},"${key}":${array}}`;
    const envelope = key === null ? [] : { total_count: total, [key]: [] };
    return { status: 200, body, headers, check: { key: key ?? "", items: page, envelope } };
  }

  /** A list paged by page number. */
  function pagedAnswer<T extends Served>(
    key: string | null,
    items: T[],
    query: Record<string, unknown>,
    url: URL,
    jsonOf: (item: T) => string,
  ): Answer {
    const { page, headers } = paginate(items, query, url);
    return listAnswer(key, items.length, page, jsonOf, headers);
  }

  /** Alerts as GitHub lists them: newest first, or oldest first for direction=asc. */
  function byCreation<T extends { createdAt: string; number: number }>(alerts: T[], direction: unknown): T[] {
    const sorted = [...alerts].sort((x, y) =>
      x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : y.number - x.number,
    );
    return direction === "asc" ? sorted.reverse() : sorted;
  }

  function featureAnswer(r: RepoState, feature: FakeFeature, op: OperationSpec): Answer | null {
    const state = r.features.get(feature) ?? "enabled";
    switch (state) {
      case "enabled":
        return null;
      case "forbidden":
        return error(403, "Resource not accessible by integration", op);
      case "disabled":
        return feature === "dependabot"
          ? error(403, "Dependabot alerts are disabled for this repository.", op)
          : error(
              403,
              "Code scanning is not enabled for this repository. Please enable code scanning in the repository settings.",
              op,
            );
      case "advanced-security-off":
        return error(403, "Advanced Security must be enabled for this repository to use code scanning.", op);
      case "no-analysis":
        return error(404, "no analysis found", op);
    }
  }

  /** A branch name, heads/x, refs/heads/x, or a commit SHA, as GitHub accepts for {ref}. */
  function resolveRef(r: RepoState, ref: string): string | null {
    const name = ref.replace(/^refs\//, "").replace(/^(heads|tags)\//, "");
    const sha = r.branches.get(name);
    if (sha) return sha;
    if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
    return null;
  }

  function sortedRuns(r: RepoState, workflowId: number): RunEntity[] {
    const runs = r.runsByWorkflow.get(workflowId) ?? [];
    if (r.unsorted.has(workflowId)) {
      // Newest first, as GitHub lists runs.
      runs.sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : y.id - x.id));
      r.unsorted.delete(workflowId);
    }
    return runs;
  }

  const RUN_STATUSES = new Set(["completed", "in_progress", "queued", "requested", "waiting", "pending"]);

  /** The feature each operation reads, whose state can refuse it. */
  const FEATURE_OF: Readonly<Record<string, FakeFeature>> = {
    "actions/list-repo-workflows": "actions",
    "actions/list-workflow-runs": "actions",
    "checks/list-for-ref": "checks",
    "repos/get-combined-status-for-ref": "statuses",
    "dependabot/list-alerts-for-repo": "dependabot",
    "code-scanning/list-alerts-for-repo": "code-scanning",
  };

  /** Whether a create or update makes the release the latest: GitHub's defaults for make_latest. */
  function makesLatest(b: ReleaseRequest, existing: ReleaseEntity | null): boolean | "legacy" {
    if (b.make_latest === "legacy") return "legacy";
    if (b.draft === true || b.prerelease === true) return false;
    if (b.make_latest !== undefined) return b.make_latest === "true";
    // Editing a published release or a prerelease, or a draft that stays one, leaves the latest alone.
    if (!existing) return true;
    return !(!existing.draft || existing.prerelease || b.draft !== false);
  }

  function applyLatest(r: RepoState, rel: ReleaseEntity, latest: boolean | "legacy"): void {
    if (latest === "legacy") r.latestReleaseId = null;
    else if (latest && !rel.draft && !rel.prerelease) r.latestReleaseId = rel.id;
  }

  function hasPublishedTag(r: RepoState, tag: string, other: ReleaseEntity | null): boolean {
    return r.releases.some((x) => x !== other && !x.draft && x.tagName === tag);
  }

  function tagTaken(op: OperationSpec): Answer {
    return validationFailed(op, [{ resource: "Release", code: "already_exists", field: "tag_name" }]);
  }

  /** GitHub makes the release and then, having no discussions in the repository, answers 404. */
  function noDiscussions(op: OperationSpec): Answer {
    return error(404, "Discussions are not enabled on this repository.", op);
  }

  function commentTooLong(op: OperationSpec, body: string): Answer | null {
    if ([...body].length <= MAX_COMMENT_LENGTH) return null;
    return validationFailed(op, [
      {
        resource: "IssueComment",
        code: "unprocessable",
        field: "data",
        message: `Body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
      },
    ]);
  }

  function newIssue(r: RepoState, seed: FakeIssueSeed): IssueEntity {
    const number = seed.number ?? Math.max(0, ...r.issues.map((i) => i.number)) + 1;
    if (r.issues.some((i) => i.number === number))
      throw new Error(`fake GitHub: ${r.owner}/${r.name} already has #${number}`);
    const createdAt = seed.createdAt ?? stamp();
    const state = seed.closedAt !== undefined ? "closed" : (seed.state ?? "open");
    const closedAt = state === "closed" ? (seed.closedAt ?? createdAt) : null;
    const issue: IssueEntity = {
      number,
      id: newId(undefined),
      title: seed.title,
      body: seed.body ?? null,
      state,
      labels: [...new Set(seed.labels ?? [])],
      author: seed.author ?? botLogin,
      pullRequest: seed.pullRequest ?? false,
      createdAt,
      updatedAt: closedAt ?? createdAt,
      closedAt,
    };
    r.issues.push(issue);
    return issue;
  }

  /** Label names from a create or update body: strings, or objects naming one. */
  function labelNames(labels: unknown[] | undefined): string[] | undefined {
    if (labels === undefined) return undefined;
    return [
      ...new Set(
        labels.map((l) => (typeof l === "string" ? l : String((l as { name?: unknown }).name ?? ""))),
      ),
    ].filter((l) => l !== "");
  }

  function issueTooLong(op: OperationSpec, body: string | undefined): Answer | null {
    if (body === undefined || [...body].length <= MAX_COMMENT_LENGTH) return null;
    return validationFailed(op, [
      {
        resource: "Issue",
        code: "custom",
        field: "body",
        message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
      },
    ]);
  }

  function newComment(r: RepoState, issueNumber: number, seed: FakeCommentSeed): CommentEntity {
    const id = newId(seed.id);
    const createdAt = seed.createdAt ?? stamp();
    const comment: CommentEntity = {
      id,
      issueNumber,
      body: seed.body,
      author: seed.author ?? botLogin,
      authorAssociation: seed.authorAssociation ?? "NONE",
      createdAt,
      updatedAt: seed.updatedAt ?? createdAt,
      ...served({}),
    };
    r.comments.push(comment);
    return comment;
  }

  /** A branch named by {ref} (heads/main), or null for any other ref (the fake keeps no tags). */
  function branchOf(params: Record<string, unknown>): string | null {
    const ref = String(params.ref);
    return ref.startsWith("heads/") ? ref.slice("heads/".length) : null;
  }

  function answerOperation(
    op: OperationSpec,
    params: Record<string, unknown>,
    query: Record<string, unknown>,
    body: unknown,
    url: URL,
  ): Answer {
    const r = repos.get(`${String(params.owner)}/${String(params.repo)}`.toLowerCase());
    if (!r) return notFound(op);
    const feature = FEATURE_OF[op.id];
    const denied = feature === undefined ? null : featureAnswer(r, feature, op);
    if (denied) return denied;
    if (r.readOnly && op.method !== "GET") return error(403, "Resource not accessible by integration", op);
    if (op.id.startsWith("git/") && r.branches.size === 0) return error(409, "Git Repository is empty.", op);
    const noCommit = () => error(422, `No commit found for SHA: ${String(params.ref)}`, op);
    switch (op.id) {
      case "repos/get":
        return json(200, fullRepository(r));

      case "repos/get-branch-protection": {
        const branch = String(params.branch);
        const protection = r.protections.get(branch);
        if (protection === "forbidden") return error(403, "Resource not accessible by integration", op);
        if (!r.branches.has(branch)) return error(404, "Branch not found", op);
        if (!protection) return error(404, "Branch not protected", op);
        return json(200, branchProtectionJson(r, branch, protection));
      }

      case "repos/get-branch-rules": {
        const branch = String(params.branch);
        const rules = r.rulesets
          .filter((set) => !set.branches || set.branches.includes(branch))
          .flatMap((set) => rulesOf(r, set));
        const { page, headers } = paginate(rules, query, url);
        return json(200, page, headers);
      }

      case "repos/codeowners-errors":
        if (r.codeownersErrors === null) return notFound(op);
        return json(200, {
          errors: r.codeownersErrors.map((e) => ({
            line: e.line,
            column: e.column ?? 1,
            kind: e.kind,
            source: e.source ?? "",
            suggestion: null,
            message: `${e.kind} on line ${e.line}:\n\n  ${e.source ?? ""}\n  ^`,
            path: e.path ?? ".github/CODEOWNERS",
          })),
        });

      case "actions/list-repo-workflows":
        return pagedAnswer("workflows", r.workflows, query, url, (w) => workflowJson(r, w));

      case "actions/list-workflow-runs": {
        const wanted = String(params.workflow_id);
        const workflow = /^\d+$/.test(wanted)
          ? r.workflows.find((w) => w.id === Number(wanted))
          : r.workflows.find((w) => fileName(w.path) === wanted);
        if (!workflow) return notFound(op);
        let runs = sortedRuns(r, workflow.id);
        const { branch, head_sha: headSha, event, status, actor, check_suite_id: suiteId } = query;
        if (branch !== undefined || headSha !== undefined || event !== undefined || status !== undefined) {
          runs = runs.filter(
            (run) =>
              (branch === undefined || run.branch === branch) &&
              (headSha === undefined || run.headSha === headSha) &&
              (event === undefined || run.event === event) &&
              (status === undefined ||
                (RUN_STATUSES.has(String(status)) ? run.status === status : run.conclusion === status)),
          );
        }
        if (actor !== undefined) runs = runs.filter((run) => run.actor === actor);
        if (suiteId !== undefined) runs = runs.filter((run) => run.id + 500_000_000 === suiteId);
        return pagedAnswer("workflow_runs", runs, query, url, (run) => runJson(r, run));
      }

      case "checks/list-for-ref": {
        const sha = resolveRef(r, String(params.ref));
        if (!sha) return noCommit();
        let runs = r.checkRuns.filter((c) => c.headSha === sha);
        if (query.check_name !== undefined) runs = runs.filter((c) => c.name === query.check_name);
        if (query.status !== undefined) runs = runs.filter((c) => c.status === query.status);
        if (query.filter !== "all") {
          // "latest": the most recent run of each name.
          const latest = new Map<string, CheckRunEntity>();
          for (const c of runs) {
            const seen = latest.get(c.name);
            if (!seen || c.id > seen.id) latest.set(c.name, c);
          }
          runs = [...latest.values()];
        }
        runs = [...runs].sort((x, y) => y.id - x.id);
        return pagedAnswer("check_runs", runs, query, url, (c) => checkRunJson(r, c));
      }

      case "repos/get-combined-status-for-ref": {
        const sha = resolveRef(r, String(params.ref));
        if (!sha) return noCommit();
        const latest = new Map<string, StatusEntity>();
        for (const s of r.statuses) {
          if (s.sha !== sha) continue;
          const seen = latest.get(s.context);
          if (!seen || s.updatedAt > seen.updatedAt || (s.updatedAt === seen.updatedAt && s.id > seen.id)) {
            latest.set(s.context, s);
          }
        }
        const all = [...latest.values()].sort((x, y) => y.id - x.id);
        const states = new Set(all.map((s) => s.state));
        const state =
          states.has("error") || states.has("failure")
            ? "failure"
            : states.has("pending") || all.length === 0
              ? "pending"
              : "success";
        const { page, headers } = paginate(all, query, url);
        const head = {
          state,
          sha,
          total_count: all.length,
          commit_url: `${apiRepo(r)}/commits/${sha}`,
          url: `${apiRepo(r)}/commits/${sha}/status`,
        };
        const statuses = `[${page.map((s) => statusJson(r, s)).join(",")}]`;
        const body = `${JSON.stringify(head).slice(0, -1)},"statuses":${statuses},"repository":${minimalRepositoryJson(r)}}`;
        return {
          status: 200,
          body,
          headers,
          check: {
            key: "statuses",
            items: page,
            envelope: { ...head, statuses: [], repository: minimalRepository(r) },
          },
        };
      }

      case "dependabot/list-alerts-for-repo": {
        const states = typeof query.state === "string" ? query.state.split(",") : null;
        const severities = typeof query.severity === "string" ? query.severity.split(",") : null;
        const alerts = r.dependabot.filter(
          (d) => (!states || states.includes(d.state)) && (!severities || severities.includes(d.severity)),
        );
        const sorted = byCreation(alerts, query.direction);
        const { page, headers } = paginateByCursor(sorted, query, url);
        if (!page)
          return json(400, { message: "Invalid cursor", documentation_url: op.docsUrl, status: "400" });
        return listAnswer(null, sorted.length, page, (d) => dependabotJson(r, d), headers);
      }

      case "code-scanning/list-alerts-for-repo": {
        let alerts = r.codeScanning;
        if (query.state !== undefined && query.state !== null)
          alerts = alerts.filter((c) => c.state === query.state);
        if (typeof query.severity === "string") {
          alerts = alerts.filter((c) => c.severity === query.severity || c.ruleSeverity === query.severity);
        }
        return pagedAnswer(null, byCreation(alerts, query.direction), query, url, (c) =>
          codeScanningJson(r, c),
        );
      }

      case "repos/create-release": {
        const b = body as ReleaseRequest & { tag_name: string };
        if (hasPublishedTag(r, b.tag_name, null)) return tagTaken(op);
        const at = stamp();
        const draft = b.draft ?? false;
        let notes = b.body ?? null;
        if (b.generate_release_notes === true) {
          const previous = latestRelease(r);
          const tag = encodeURIComponent(b.tag_name);
          const changes = previous
            ? `compare/${encodeURIComponent(previous.tagName)}...${tag}`
            : `commits/${tag}`;
          notes = `${notes ? `${notes}\n\n` : ""}**Full Changelog**: ${webUrl}/${repoPath(r)}/${changes}`;
        }
        const rel: ReleaseEntity = {
          id: newId(undefined),
          tagName: b.tag_name,
          targetCommitish: b.target_commitish ?? r.defaultBranch,
          name: b.name ?? (b.generate_release_notes === true ? b.tag_name : null),
          body: notes,
          draft,
          prerelease: b.prerelease ?? false,
          author: botLogin,
          createdAt: at,
          publishedAt: draft ? null : at,
          updatedAt: at,
        };
        r.releases.push(rel);
        applyLatest(r, rel, makesLatest(b, null));
        if (b.discussion_category_name !== undefined && !draft) return noDiscussions(op);
        return created(releaseJson(r, rel));
      }

      case "repos/get-release-by-tag": {
        // A draft has no tag yet, so GitHub does not find it by one.
        const rel = r.releases.find((x) => !x.draft && x.tagName === params.tag);
        return rel ? json(200, releaseJson(r, rel)) : notFound(op);
      }

      case "repos/update-release": {
        const rel = r.releases.find((x) => x.id === params.release_id);
        if (!rel) return notFound(op);
        const b = (body ?? {}) as ReleaseRequest;
        const draft = b.draft ?? rel.draft;
        if (!draft && hasPublishedTag(r, b.tag_name ?? rel.tagName, rel)) return tagTaken(op);
        const latest = makesLatest(b, rel);
        const at = stamp();
        if (rel.draft !== draft) rel.publishedAt = draft ? null : at;
        rel.tagName = b.tag_name ?? rel.tagName;
        rel.targetCommitish = b.target_commitish ?? rel.targetCommitish;
        if (b.name !== undefined) rel.name = b.name;
        if (b.body !== undefined) rel.body = b.body;
        rel.draft = draft;
        rel.prerelease = b.prerelease ?? rel.prerelease;
        rel.updatedAt = at;
        applyLatest(r, rel, latest);
        if (b.discussion_category_name !== undefined && !draft) return noDiscussions(op);
        return json(200, releaseJson(r, rel));
      }

      case "issues/list-comments": {
        const since = typeof query.since === "string" ? Date.parse(query.since) : null;
        const comments = r.comments.filter(
          (c) =>
            c.issueNumber === params.issue_number && (since === null || Date.parse(c.updatedAt) >= since),
        );
        return pagedAnswer(null, comments, query, url, (c) => commentJson(r, c));
      }

      case "issues/create-comment": {
        const text = (body as { body: string }).body;
        const tooLong = commentTooLong(op, text);
        if (tooLong) return tooLong;
        const comment = newComment(r, Number(params.issue_number), { body: text });
        return {
          status: 201,
          body: commentJson(r, comment),
          headers: { location: `${apiRepo(r)}/issues/comments/${comment.id}` },
          check: "full",
        };
      }

      case "issues/update-comment": {
        const comment = r.comments.find((c) => c.id === params.comment_id);
        if (!comment) return notFound(op);
        const text = (body as { body: string }).body;
        const tooLong = commentTooLong(op, text);
        if (tooLong) return tooLong;
        comment.body = text;
        comment.updatedAt = stamp();
        reset(comment);
        return { status: 200, body: commentJson(r, comment), headers: {}, check: "full" };
      }

      case "issues/list-for-repo": {
        const state = query.state ?? "open";
        const wanted = typeof query.labels === "string" ? query.labels.split(",").map((l) => l.trim()) : [];
        let issues = r.issues.filter(
          (i) =>
            (state === "all" || i.state === state) &&
            wanted.every((l) => l === "" || i.labels.some((x) => x.toLowerCase() === l.toLowerCase())),
        );
        if (typeof query.creator === "string") issues = issues.filter((i) => i.author === query.creator);
        const key = query.sort === "updated" ? "updatedAt" : "createdAt";
        issues = [...issues].sort((x, y) =>
          x[key] < y[key] ? 1 : x[key] > y[key] ? -1 : y.number - x.number,
        );
        if (query.direction === "asc") issues.reverse();
        const { page, headers } = paginate(issues, query, url);
        return json(
          200,
          page.map((i) => issueJson(r, i)),
          headers,
        );
      }

      case "issues/create": {
        const b = body as { title: string | number; body?: string; labels?: unknown[] };
        const tooLong = issueTooLong(op, b.body);
        if (tooLong) return tooLong;
        const issue = newIssue(r, {
          title: String(b.title),
          body: b.body ?? null,
          labels: labelNames(b.labels) ?? [],
        });
        return json(201, issueJson(r, issue), { location: `${apiRepo(r)}/issues/${issue.number}` });
      }

      case "issues/update": {
        const issue = r.issues.find((i) => i.number === params.issue_number);
        if (!issue) return notFound(op);
        const b = (body ?? {}) as {
          title?: string | number;
          body?: string;
          state?: "open" | "closed";
          labels?: unknown[];
        };
        const tooLong = issueTooLong(op, b.body);
        if (tooLong) return tooLong;
        const at = stamp();
        if (b.title !== undefined) issue.title = String(b.title);
        if (b.body !== undefined) issue.body = b.body;
        if (b.state !== undefined && b.state !== issue.state) {
          issue.state = b.state;
          issue.closedAt = b.state === "closed" ? at : null;
        }
        issue.labels = labelNames(b.labels) ?? issue.labels;
        issue.updatedAt = at;
        return json(200, issueJson(r, issue));
      }

      case "repos/list-deployments": {
        let list = [...r.deployments].sort((x, y) => y.id - x.id);
        if (query.environment !== undefined) list = list.filter((d) => d.environment === query.environment);
        if (query.sha !== undefined) list = list.filter((d) => d.sha === query.sha);
        const { page, headers } = paginate(list, query, url);
        return json(
          200,
          page.map((d) => deploymentJson(r, d)),
          headers,
        );
      }

      case "repos/list-deployment-statuses": {
        const deployment = r.deployments.find((d) => d.id === params.deployment_id);
        if (!deployment) return notFound(op);
        const list = [...deployment.statuses].reverse();
        const { page, headers } = paginate(list, query, url);
        return json(
          200,
          page.map((st) => deploymentStatusJson(r, deployment, st)),
          headers,
        );
      }

      case "repos/list-tags": {
        const { page, headers } = paginate([...r.tags].reverse(), query, url);
        const a = apiRepo(r);
        return json(
          200,
          page.map((t) => ({
            name: t.name,
            commit: { sha: t.sha, url: `${a}/commits/${t.sha}` },
            zipball_url: `${a}/zipball/refs/tags/${encodeURIComponent(t.name)}`,
            tarball_url: `${a}/tarball/refs/tags/${encodeURIComponent(t.name)}`,
            node_id: nodeId("Ref", `${r.id}:refs/tags/${t.name}`),
          })),
          headers,
        );
      }

      case "git/get-commit": {
        const sha = String(params.commit_sha).toLowerCase();
        const object = r.objects.get(sha);
        if (object?.type !== "commit") return notFound(op);
        return json(200, commitJson(r, sha, object));
      }

      case "repos/compare-commits": {
        const base = resolveRef(r, String(params.base));
        const head = resolveRef(r, String(params.head));
        if (!base || !head || !isCommit(r, base) || !isCommit(r, head)) return notFound(op);
        const ahead = commitsBetween(r, base, head);
        const behind = commitsBetween(r, head, base);
        const perPage = perPageOf({ per_page: query.per_page ?? 250 });
        const pageNo = typeof query.page === "number" ? query.page : 1;
        const shown = ahead.slice((pageNo - 1) * perPage, pageNo * perPage);
        const a = apiRepo(r);
        const baseObject = r.objects.get(base) as CommitObject;
        return json(200, {
          url: `${a}/compare/${base}...${head}`,
          html_url: `${webUrl}/${repoPath(r)}/compare/${base}...${head}`,
          permalink_url: `${webUrl}/${repoPath(r)}/compare/${base}...${head}`,
          diff_url: `${webUrl}/${repoPath(r)}/compare/${base}...${head}.diff`,
          patch_url: `${webUrl}/${repoPath(r)}/compare/${base}...${head}.patch`,
          base_commit: restCommitJson(r, base, baseObject),
          merge_base_commit: restCommitJson(r, base, baseObject),
          status:
            behind.length === 0
              ? ahead.length === 0
                ? "identical"
                : "ahead"
              : ahead.length === 0
                ? "behind"
                : "diverged",
          ahead_by: ahead.length,
          behind_by: behind.length,
          total_commits: ahead.length,
          commits: shown.map((sha) => restCommitJson(r, sha, r.objects.get(sha) as CommitObject)),
          files: [],
        });
      }

      case "repos/list-pull-requests-associated-with-commit": {
        const sha = String(params.commit_sha).toLowerCase();
        const pulls = r.pulls.filter((p) => p.mergeCommitSha === sha || p.commits.includes(sha));
        const { page, headers } = paginate(pulls, query, url);
        return json(
          200,
          page.map((p) => pullJson(r, p)),
          headers,
        );
      }

      case "pulls/list-commits": {
        const pull = r.pulls.find((p) => p.number === params.pull_number);
        if (!pull) return notFound(op);
        const { page, headers } = paginate(pull.commits, query, url);
        return json(
          200,
          page.map((sha) => restCommitJson(r, sha, r.objects.get(sha) as CommitObject)),
          headers,
        );
      }

      case "repos/get-content": {
        const ref = query.ref === undefined ? r.defaultBranch : String(query.ref);
        const sha = resolveRef(r, ref);
        if (!sha) return notFound(op);
        const path = String(params.path);
        const entry = leavesOf(r, treeOf(r, sha) ?? "").get(path);
        const blob = entry ? r.objects.get(entry.sha) : undefined;
        if (!entry || blob?.type !== "blob") return notFound(op);
        const a = apiRepo(r);
        const self = `${a}/contents/${path}?ref=${encodeURIComponent(ref)}`;
        const html = `${webUrl}/${repoPath(r)}/blob/${ref}/${path}`;
        const git = `${a}/git/blobs/${entry.sha}`;
        return json(200, {
          type: "file",
          encoding: "base64",
          size: blob.content.length,
          name: fileName(path),
          path,
          content: blob.content.toString("base64"),
          sha: entry.sha,
          url: self,
          git_url: git,
          html_url: html,
          download_url: `${webUrl}/raw/${repoPath(r)}/${ref}/${path}`,
          _links: { self, git, html },
        });
      }

      case "repos/create-deployment": {
        const b = body as {
          ref: string;
          task?: string;
          auto_merge?: boolean;
          required_contexts?: string[];
          payload?: unknown;
          environment?: string;
          description?: string | null;
          transient_environment?: boolean;
          production_environment?: boolean;
        };
        const sha = resolveRef(r, b.ref);
        if (sha === null || !isCommit(r, sha)) {
          return json(422, {
            message: `No ref found for: ${b.ref}`,
            documentation_url: op.docsUrl,
            status: "422",
          });
        }
        // Without required_contexts, every status on the commit must be a success (GitHub answers 409 otherwise).
        if (b.required_contexts === undefined) {
          const failing = r.statuses.filter((x) => x.sha === sha && x.state !== "success");
          if (failing.length > 0) {
            return json(409, {
              message: `Conflict: Commit status checks failed for ${b.ref}.`,
              errors: failing.map((x) => ({ contexts: [{ context: x.context, state: x.state }] })),
              documentation_url: op.docsUrl,
              status: "409",
            });
          }
        }
        const at = stamp();
        const environment = b.environment ?? "production";
        const deployment: DeploymentEntity = {
          id: newId(undefined),
          ref: b.ref,
          sha,
          task: b.task ?? "deploy",
          environment,
          description: b.description ?? "",
          payload:
            typeof b.payload === "string" && b.payload !== "" ? JSON.parse(b.payload) : (b.payload ?? {}),
          autoMerge: b.auto_merge ?? null,
          requiredContexts: b.required_contexts ?? null,
          productionEnvironment: b.production_environment ?? environment === "production",
          transientEnvironment: b.transient_environment ?? false,
          createdAt: at,
          updatedAt: at,
          statuses: [],
        };
        r.deployments.push(deployment);
        return created(deploymentJson(r, deployment));
      }

      case "repos/create-deployment-status": {
        const deployment = r.deployments.find((d) => d.id === params.deployment_id);
        if (!deployment) return notFound(op);
        const b = body as {
          state: string;
          target_url?: string;
          log_url?: string;
          description?: string;
          environment?: string;
          environment_url?: string;
          auto_inactive?: boolean;
        };
        if ((b.description ?? "").length > 140) {
          return validationFailed(op, [
            {
              resource: "DeploymentStatus",
              code: "custom",
              field: "description",
              message: "description is too long (maximum is 140 characters)",
            },
          ]);
        }
        const at = stamp();
        if (b.environment !== undefined) deployment.environment = b.environment;
        const status: FakeDeploymentStatus = {
          id: newId(undefined),
          state: b.state,
          description: b.description ?? "",
          environment: deployment.environment,
          environmentUrl: b.environment_url ?? "",
          logUrl: b.log_url ?? b.target_url ?? "",
          targetUrl: b.target_url ?? b.log_url ?? "",
          createdAt: at,
        };
        deployment.statuses.push(status);
        deployment.updatedAt = at;
        // GitHub's auto_inactive: earlier successful deployments to the same environment that are
        // neither transient nor production get an inactive status.
        if (b.state === "success" && b.auto_inactive !== false) {
          for (const other of r.deployments) {
            if (other === deployment || other.environment !== deployment.environment) continue;
            if (other.transientEnvironment || other.productionEnvironment) continue;
            if (other.statuses.at(-1)?.state !== "success") continue;
            other.statuses.push({
              ...other.statuses.at(-1)!,
              id: newId(undefined),
              state: "inactive",
              createdAt: at,
            });
          }
        }
        return created(deploymentStatusJson(r, deployment, status));
      }

      case "git/get-ref": {
        const branch = branchOf(params);
        return branch !== null && r.branches.has(branch) ? json(200, refJson(r, branch)) : notFound(op);
      }

      case "git/get-tree": {
        // GitHub resolves a commit SHA (or a branch name) to its tree here too.
        const tree = treeOf(r, resolveRef(r, String(params.tree_sha)) ?? String(params.tree_sha));
        if (tree === null) return notFound(op);
        if (query.recursive === undefined) return json(200, treeJson(r, tree));
        const a = apiRepo(r);
        const entries: JsonObject[] = [];
        const walk = (sha: string, prefix: string): void => {
          const object = r.objects.get(sha);
          for (const e of object?.type === "tree" ? object.entries : []) {
            const path = `${prefix}${e.name}`;
            const leaf = r.objects.get(e.sha);
            const entry: JsonObject = { path, mode: e.mode, type: e.type, sha: e.sha };
            if (leaf?.type === "blob")
              entries.push({ ...entry, size: leaf.content.length, url: `${a}/git/blobs/${e.sha}` });
            else entries.push(e.type === "tree" ? { ...entry, url: `${a}/git/trees/${e.sha}` } : entry);
            if (e.type === "tree") walk(e.sha, `${path}/`);
          }
        };
        walk(tree, "");
        return json(200, { sha: tree, url: `${a}/git/trees/${tree}`, tree: entries, truncated: false });
      }

      case "git/get-blob": {
        const sha = String(params.file_sha).toLowerCase();
        const object = r.objects.get(sha);
        if (object?.type !== "blob") return notFound(op);
        // GitHub wraps the base64 at 60 characters, as the contents API does.
        const content = (object.content.toString("base64").match(/.{1,60}/g) ?? [])
          .map((l) => `${l}\n`)
          .join("");
        return json(200, {
          sha,
          node_id: nodeId("Blob", `${r.id}:${sha}`),
          size: object.content.length,
          url: `${apiRepo(r)}/git/blobs/${sha}`,
          content,
          encoding: "base64",
        });
      }

      case "git/create-blob": {
        const b = body as { content: string; encoding?: string };
        // GitHub decodes base64 and takes any other encoding as UTF-8.
        const sha = putBlob(r, Buffer.from(b.content, b.encoding === "base64" ? "base64" : "utf8"));
        return created({ sha, url: `${apiRepo(r)}/git/blobs/${sha}` });
      }

      case "git/create-tree": {
        const b = body as { tree: TreeRequestEntry[]; base_tree?: string };
        if (b.tree.length === 0) return error(422, "Invalid tree info", op);
        for (const entry of b.tree) {
          const problem = treeEntryProblem(r, entry);
          if (problem) return error(422, problem, op);
        }
        let leaves = new Map<string, TreeEntry>();
        if (b.base_tree !== undefined) {
          const base = treeOf(r, b.base_tree);
          if (base === null) return error(422, "base_tree is not a valid tree oid", op);
          leaves = leavesOf(r, base);
        }
        for (const e of b.tree) {
          // Checked above: a path, a mode, and a sha (null deletes) or else content.
          const path = e.path ?? "";
          const mode = e.mode ?? "100644";
          if (e.content !== undefined) {
            place(leaves, path, { name: path, mode, type: "blob", sha: putBlob(r, Buffer.from(e.content)) });
          } else if (!e.sha) {
            place(leaves, path, null);
          } else if (e.type === "tree") {
            place(leaves, path, null);
            for (const [sub, leaf] of leavesOf(r, e.sha)) leaves.set(`${path}/${sub}`, leaf);
          } else {
            place(leaves, path, { name: path, mode, type: e.type ?? "blob", sha: e.sha });
          }
        }
        // GitHub answers 404 rather than make an empty tree.
        if (leaves.size === 0) return notFound(op);
        return created(treeJson(r, buildTree(r, leaves)));
      }

      case "git/create-commit": {
        const b = body as CommitRequest;
        const tree = r.objects.get(b.tree);
        if (!tree) return error(422, "Tree SHA does not exist", op);
        if (tree.type !== "tree") return error(422, "Tree SHA is not a tree object", op);
        const parents = b.parents ?? [];
        if (!parents.every((p) => isCommit(r, p))) {
          return error(422, "Parent SHA does not exist or is not a commit object", op);
        }
        const date = stamp();
        const dated = (d: string | undefined) => (d === undefined ? date : iso(Date.parse(d)));
        const author = b.author
          ? { name: b.author.name, email: b.author.email, date: dated(b.author.date) }
          : { name: botLogin, email: botEmail, date };
        // GitHub signs a bot's commit that names neither author nor committer nor brings a signature,
        // and commits it as its web committer.
        const signing: Signing =
          b.signature !== undefined
            ? { signature: b.signature }
            : b.author || b.committer
              ? "none"
              : "github";
        const committer =
          signing === "github"
            ? { name: "GitHub", email: "noreply@github.com", date }
            : b.committer
              ? {
                  name: b.committer.name ?? author.name,
                  email: b.committer.email ?? author.email,
                  date: dated(b.committer.date),
                }
              : author;
        const sha = putCommit(r, { tree: b.tree, parents, message: b.message, author, committer }, signing);
        return created(commitJson(r, sha, r.objects.get(sha) as CommitObject));
      }

      case "git/update-ref": {
        const b = body as { sha: string; force?: boolean };
        const branch = branchOf(params);
        const current = branch === null ? undefined : r.branches.get(branch);
        if (branch === null || current === undefined) return error(422, "Reference does not exist", op);
        const sha = b.sha.toLowerCase();
        if (!isCommit(r, sha)) {
          return error(422, r.objects.has(sha) ? "Object is not a commit" : "Object does not exist", op);
        }
        if (b.force !== true && !descends(r, sha, current))
          return error(422, "Update is not a fast forward", op);
        r.branches.set(branch, sha);
        return json(200, refJson(r, branch));
      }
    }
    return error(501, `The fake GitHub does not implement ${op.id}: register a handler with handle().`, op);
  }

  function faultAnswer(fault: Exclude<FakeFault, AppliedFault>, op: OperationSpec): Answer {
    const now = Math.floor(Date.now() / 1000);
    switch (fault.kind) {
      case "server-error": {
        const status = fault.status ?? 500;
        const message =
          status === 500 ? "Server Error" : status === 502 ? "Bad Gateway" : "Service Unavailable";
        return error(status, message, op);
      }
      case "bad-credentials":
        return json(401, { message: "Bad credentials", documentation_url: DEFAULT_DOCS, status: "401" });
      case "forbidden":
        return error(403, "Resource not accessible by integration", op);
      case "not-found":
        return notFound(op);
      case "rate-limit":
        return json(
          fault.status ?? 403,
          {
            message:
              "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
            documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            status: String(fault.status ?? 403),
          },
          {
            "x-ratelimit-remaining": "0",
            "x-ratelimit-used": String(limit),
            "x-ratelimit-reset": String(now + (fault.resetInSeconds ?? 1)),
          },
        );
      case "secondary-rate-limit":
        return json(
          fault.status ?? 403,
          {
            message:
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
            documentation_url:
              "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            status: String(fault.status ?? 403),
          },
          { "retry-after": String(fault.retryAfterSeconds ?? 1) },
        );
      case "answer":
        return {
          status: fault.status,
          body: fault.body === undefined ? "" : JSON.stringify(fault.body),
          headers: fault.headers ?? {},
          check: "full",
        };
    }
  }

  function takeFault(operationId: string): FakeFault | null {
    const index = faults.findIndex(
      (f) => f.fault.operationId === undefined || f.fault.operationId === operationId,
    );
    const queued = faults[index];
    if (!queued) return null;
    if (queued.wait > 0) {
      queued.wait--;
      return null;
    }
    queued.left--;
    if (queued.left <= 0) faults.splice(index, 1);
    return queued.fault;
  }

  // ----- the contract checks -----

  function violate(op: OperationSpec | null, what: string, where: string): void {
    violations.push({ operationId: op?.id ?? null, what, where });
  }

  function paramValidators(
    op: OperationSpec,
    p: ParameterSpec,
  ): { exact: ValidateFunction; coercing: ValidateFunction } {
    const key = `${op.id} ${p.in}:${p.name}`;
    return {
      exact: compileCached(contract, `${key} exact`, contract.exact, () => p.schema),
      coercing: compileCached(contract, `${key} coercing`, contract.coercing, () => ({
        type: "object",
        properties: { value: p.schema },
      })),
    };
  }

  /** The parameter as its schema types it: kept as a string when a string is allowed, else coerced. */
  function checkParam(op: OperationSpec, p: ParameterSpec, raw: string): { ok: boolean; value: unknown } {
    const { exact, coercing } = paramValidators(op, p);
    if (exact(raw)) return { ok: true, value: raw };
    const holder = { value: raw as unknown };
    if (coercing(holder)) return { ok: true, value: holder.value };
    for (const e of describeErrors(coercing)) {
      violate(
        op,
        `${JSON.stringify(raw)} ${e.message}`,
        `${p.in}.${p.name}${e.path.replace(/^\/value/, "")}`,
      );
    }
    return { ok: false, value: raw };
  }

  function checkRequest(
    op: OperationSpec,
    match: RegExpExecArray,
    url: URL,
    req: IncomingMessage,
    rawBody: string,
  ): {
    pathParams: Record<string, unknown>;
    query: Record<string, unknown>;
    body: unknown;
    failure: BadRequest | null;
  } {
    let failure: BadRequest | null = null;
    const fail = (status: number, message: string) => {
      failure ??= new BadRequest(status, message);
    };
    const pathParams: Record<string, unknown> = {};
    op.pathParams.forEach((p, i) => {
      let raw: string;
      try {
        raw = decodeURIComponent(match[i + 1] ?? "");
      } catch {
        violate(op, "is not valid percent-encoding", `path.${p.name}`);
        fail(404, "Not Found");
        return;
      }
      const { ok, value } = checkParam(op, p, raw);
      if (!ok) fail(404, "Not Found");
      pathParams[p.name] = value;
    });

    const query: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const [name, raw] of url.searchParams) {
      if (seen.has(name)) {
        violate(op, "is given more than once", `query.${name}`);
        continue;
      }
      seen.add(name);
      const p = op.parameters.get(`query:${name}`);
      if (!p) {
        // Not in the description, so a bug in the caller; the fake still applies the filters GitHub has.
        violate(op, `is not a parameter of ${op.method} ${op.template}`, `query.${name}`);
        query[name] = raw;
        continue;
      }
      const { ok, value } = checkParam(op, p, raw);
      if (!ok) fail(422, `Invalid value for parameter '${name}'`);
      query[name] = value;
    }
    for (const p of op.parameters.values()) {
      if (p.in === "query" && p.required && !seen.has(p.name)) {
        violate(op, "is required", `query.${p.name}`);
        fail(422, `Missing parameter '${p.name}'`);
      }
      if (p.in === "header") {
        const raw = req.headers[p.name.toLowerCase()];
        if (raw === undefined) {
          if (p.required) violate(op, "is required", `header.${p.name}`);
        } else if (!checkParam(op, p, String(raw)).ok) {
          fail(400, `Invalid header ${p.name}`);
        }
      }
    }

    if (!req.headers["user-agent"]) {
      violate(op, "is required by GitHub", "header.user-agent");
      fail(
        403,
        "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.",
      );
    }
    const accept = req.headers.accept;
    if (accept !== undefined && !/application\/(vnd\.github[.+\w-]*|json)|\*\/\*/.test(accept)) {
      violate(op, `${JSON.stringify(accept)} is not a media type GitHub serves`, "header.accept");
      fail(415, "Unsupported 'Accept' header");
    }
    const version = req.headers["x-github-api-version"];
    if (version !== undefined && !["2022-11-28", "2026-03-10"].includes(String(version))) {
      violate(op, `${JSON.stringify(version)} is not a REST API version`, "header.x-github-api-version");
      fail(400, `API version '${String(version)}' is not supported.`);
    }

    let body: unknown = undefined;
    if (rawBody.length > 0) {
      if (!op.bodySchema) {
        violate(op, `${op.method} ${op.template} takes no body`, "request body");
      } else {
        const type = String(req.headers["content-type"] ?? "");
        if (!/^application\/json\b/.test(type))
          violate(op, `content-type ${JSON.stringify(type)} is not JSON`, "header.content-type");
        try {
          body = JSON.parse(rawBody);
        } catch {
          violate(op, "is not JSON", "request body");
          fail(400, "Problems parsing JSON");
        }
        if (body !== undefined) {
          const validate = compileCached(
            contract,
            `${op.id} body`,
            contract.exact,
            () => op.bodySchema ?? {},
          );
          if (!validate(body)) {
            for (const e of describeErrors(validate)) violate(op, e.message, `request body ${e.path}`);
            fail(422, "Invalid request.");
          }
        }
      }
    } else if (op.bodySchema && op.bodyRequired) {
      violate(op, "is required", "request body");
      fail(400, "Problems parsing JSON");
    }
    return { pathParams, query, body, failure };
  }

  function checkResponse(op: OperationSpec, answer: Answer): void {
    if (answer.check === "none" || answer.status === 304) return;
    let schema: JsonObject | null | undefined = op.responses.get(answer.status);
    let key = `${op.id} ${answer.status}`;
    if (schema === undefined) {
      if (answer.status < 400) {
        violate(
          op,
          `${answer.status} is not an answer ${op.method} ${op.template} gives`,
          `response ${answer.status}`,
        );
        return;
      }
      // Errors GitHub gives everywhere (401, 5xx, undocumented 404s) carry its basic error object.
      schema = { $ref: `${SLICE_ID}#/$defs/basic-error` };
      key = "basic-error";
    }
    if (schema === null) return;
    const where = `response ${answer.status}`;
    const whole = compileCached(contract, key, contract.exact, () => schema);
    if (answer.check === "full") {
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        violate(op, "is not JSON", where);
        return;
      }
      if (!whole(body)) for (const e of describeErrors(whole)) violate(op, e.message, `${where} ${e.path}`);
      return;
    }
    // A list: the envelope once per answer, each item once in its life.
    const listKey = answer.check.key;
    if (!whole(answer.check.envelope))
      for (const e of describeErrors(whole)) violate(op, e.message, `${where} ${e.path}`);
    const itemSchema = (): JsonObject => {
      const s = schema as JsonObject;
      const array = listKey
        ? ((s.properties as JsonObject | undefined)?.[listKey] as JsonObject | undefined)
        : s;
      return (array?.items as JsonObject | undefined) ?? {};
    };
    const item = compileCached(contract, `${key} items`, contract.exact, itemSchema);
    answer.check.items.forEach((served, i) => {
      if (served.checked || served.json === null) return;
      served.checked = true;
      if (!item(JSON.parse(served.json))) {
        for (const e of describeErrors(item))
          violate(
            op,
            e.message,
            `${where} /${listKey ? `${listKey}/` : ""}${i}${e.path === "/" ? "" : e.path}`,
          );
      }
    });
  }

  function authorized(req: IncomingMessage): boolean {
    const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ""));
    return m?.[1] === token;
  }

  function matchOperation(
    method: string,
    path: string,
  ): { op: OperationSpec; match: RegExpExecArray } | null {
    for (const op of contract.operations) {
      if (op.method !== method) continue;
      const match = op.pattern.exec(path);
      if (match) return { op, match };
    }
    return null;
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", origin);
    const ifNoneMatch = req.headers["if-none-match"];
    const record: FakeRequestRecord = {
      method,
      url: url.pathname + url.search,
      path: url.pathname,
      operationId: null,
      status: 0,
      conditional: ifNoneMatch !== undefined,
      notModified: false,
    };
    requests.push(record);

    let answer: Answer;
    let op: OperationSpec | null = null;
    let applied: AppliedFault | null = null;
    if (!url.pathname.startsWith(prefix + "/")) {
      violate(null, `${method} ${url.pathname} is outside the API (${prefix || "/"})`, "path");
      answer = { ...notFound(null), check: "none" };
    } else {
      const path = url.pathname.slice(prefix.length);
      record.path = path;
      const found = matchOperation(method, path);
      if (!found) {
        violate(null, `${method} ${path} is no operation in openapi-slice.json`, "path");
        answer = { ...notFound(null), check: "none" };
      } else {
        op = found.op;
        record.operationId = op.id;
        const checked = checkRequest(op, found.match, url, req, rawBody);
        const fault = takeFault(op.id);
        if (fault && appliesFirst(fault)) applied = fault;
        if (fault && !appliesFirst(fault)) answer = faultAnswer(fault, op);
        else if (!authorized(req)) {
          answer = json(401, { message: "Bad credentials", documentation_url: DEFAULT_DOCS, status: "401" });
        } else if (checked.failure) {
          answer = { ...error(checked.failure.status, checked.failure.message, op), check: "none" };
        } else {
          const handler = handlers.get(op.id);
          if (handler) {
            const given = handler({
              operationId: op.id,
              method,
              pathParams: checked.pathParams,
              query: checked.query,
              body: checked.body,
              headers: req.headers,
            });
            answer = {
              status: given.status,
              body: given.body === undefined ? "" : JSON.stringify(given.body),
              headers: given.headers ?? {},
              check: "full",
            };
          } else {
            answer = answerOperation(op, checked.pathParams, checked.query, checked.body, url);
          }
        }
        if (applied?.kind === "apply-then-drop") {
          req.socket.destroy();
          return;
        }
        if (applied?.kind === "apply-then-fail") {
          answer = faultAnswer({ kind: "server-error", status: applied.status ?? 502 }, op);
        }
      }
    }

    const headers: Record<string, string> = {
      "x-github-media-type": "github.v3; format=json",
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": `FAKE:${requests.length}`,
      vary: "Accept, Authorization, Cookie, X-GitHub-OTP",
      ...answer.headers,
    };
    if (method === "GET" && answer.status === 200) {
      headers.etag = `W/"${createHash("sha256").update(answer.body).digest("hex").slice(0, 32)}"`;
      const candidates = String(ifNoneMatch ?? "")
        .split(",")
        .map((tag) => tag.trim().replace(/^W\//, ""));
      if (ifNoneMatch !== undefined && candidates.includes(headers.etag.slice(2))) {
        answer = { status: 304, body: "", headers: answer.headers, check: "none" };
        record.notModified = true;
      }
    }
    if (op) checkResponse(op, answer);
    // A 304 for a conditional request does not count against the quota.
    if (!record.notModified && !("x-ratelimit-remaining" in answer.headers)) used++;
    headers["x-ratelimit-limit"] ??= String(limit);
    headers["x-ratelimit-remaining"] ??= String(Math.max(0, limit - used));
    headers["x-ratelimit-reset"] ??= String(resetAt);
    headers["x-ratelimit-used"] ??= String(used);
    headers["x-ratelimit-resource"] ??= "core";
    if (answer.body.length > 0) headers["content-type"] ??= "application/json; charset=utf-8";
    record.status = answer.status;
    res.writeHead(answer.status, headers);
    res.end(answer.status === 304 ? undefined : answer.body);
  }

  // ----- seeding -----

  function newId(given: number | undefined): number {
    if (given !== undefined) {
      nextId = Math.max(nextId, given + 1);
      return given;
    }
    return nextId++;
  }

  function workflowOf(r: RepoState, workflow: number | string): WorkflowEntity {
    const found =
      typeof workflow === "number"
        ? r.workflows.find((w) => w.id === workflow)
        : r.workflows.find((w) => fileName(w.path) === workflow || w.path === workflow);
    if (!found) throw new Error(`fake GitHub: no workflow ${workflow} in ${r.owner}/${r.name}`);
    return found;
  }

  /** A new entity's JSON is built, and checked, when it is first served. */
  function served(seed: { extra?: Record<string, unknown> }): Served {
    return { json: null, checked: false, extra: seed.extra };
  }

  /** A changed entity is built and checked again. */
  function reset(e: Served): void {
    e.json = null;
    e.checked = false;
  }

  function invalidate(r: RepoState): void {
    r.minimalJson = null;
    r.workflows.forEach(reset);
    for (const runs of r.runsByWorkflow.values()) runs.forEach(reset);
    r.checkRuns.forEach(reset);
    r.statuses.forEach(reset);
    r.dependabot.forEach(reset);
    r.codeScanning.forEach(reset);
  }

  function makeRun(r: RepoState, seed: FakeWorkflowRunSeed): RunEntity {
    const workflow = workflowOf(r, seed.workflow);
    const id = newId(seed.id);
    const status = seed.status === undefined ? "completed" : seed.status;
    const createdAt = seed.createdAt ?? isoAt(id - 1000);
    const runs = r.runsByWorkflow.get(workflow.id) ?? [];
    return {
      id,
      workflowId: workflow.id,
      name: workflow.name,
      path: workflow.path,
      branch: seed.branch === undefined ? r.defaultBranch : seed.branch,
      headSha: seed.headSha ?? fakeSha(`run:${id}`),
      event: seed.event ?? "push",
      status,
      conclusion:
        seed.conclusion === undefined ? (status === "completed" ? "success" : null) : seed.conclusion,
      createdAt,
      updatedAt: seed.updatedAt ?? createdAt,
      runStartedAt: seed.runStartedAt ?? createdAt,
      runNumber: seed.runNumber ?? runs.length + 1,
      displayTitle: seed.displayTitle ?? `Run ${id}`,
      actor: seed.actor ?? "octocat",
      ...served(seed),
    };
  }

  /** What alerts of either kind share: numbered from 1 in their repository, with a page under security/. */
  function newAlert(
    r: RepoState,
    alerts: readonly unknown[],
    seed: {
      number?: number;
      state?: string;
      htmlUrl?: string;
      createdAt?: string;
      extra?: Record<string, unknown>;
    },
    page: "dependabot" | "code-scanning",
  ): Served & { number: number; state: string; htmlUrl: string; createdAt: string } {
    const number = seed.number ?? alerts.length + 1;
    return {
      number,
      state: seed.state ?? "open",
      htmlUrl: seed.htmlUrl ?? `${webUrl}/${repoPath(r)}/security/${page}/${number}`,
      createdAt: seed.createdAt ?? isoAt(number),
      ...served(seed),
    };
  }

  function pushRun(r: RepoState, run: RunEntity): void {
    const runs = r.runsByWorkflow.get(run.workflowId);
    if (runs) runs.push(run);
    else r.runsByWorkflow.set(run.workflowId, [run]);
    r.unsorted.add(run.workflowId);
  }

  const fake: FakeGitHub = {
    url: apiUrl,
    webUrl,
    token,
    botLogin,
    requests,
    violations,

    addRepo(seed) {
      const id = newId(seed.id);
      repos.set(repoKey(seed), {
        id,
        owner: seed.owner,
        name: seed.repo,
        defaultBranch: seed.defaultBranch ?? "main",
        private: seed.private ?? false,
        branches: new Map(),
        features: new Map(),
        workflows: [],
        runsByWorkflow: new Map(),
        unsorted: new Set(),
        checkRuns: [],
        statuses: [],
        dependabot: [],
        codeScanning: [],
        minimalJson: null,
        readOnly: seed.readOnly ?? false,
        releases: [],
        latestReleaseId: null,
        comments: [],
        issues: [],
        deployments: [],
        tags: [],
        pulls: [],
        objects: new Map(),
        foreignCommits: new Set(),
        protections: new Map(),
        rulesets: [],
        codeownersErrors: null,
      });
    },

    setBranch(repo, branch, sha) {
      const r = repoOf(repo);
      const head = sha.toLowerCase();
      if (!isCommit(r, head)) r.foreignCommits.add(head);
      r.branches.set(branch, head);
    },

    addWorkflow(repo, seed) {
      const r = repoOf(repo);
      const id = newId(seed.id);
      const createdAt = seed.createdAt ?? isoAt(-10_000 + r.workflows.length);
      r.workflows.push({
        id,
        name: seed.name,
        path: seed.path,
        state: seed.state ?? "active",
        createdAt,
        updatedAt: seed.updatedAt ?? createdAt,
        ...served(seed),
      });
      return id;
    },

    addWorkflowRuns(repo, seeds) {
      const r = repoOf(repo);
      return seeds.map((seed) => {
        const run = makeRun(r, seed);
        pushRun(r, run);
        return run.id;
      });
    },

    updateWorkflowRun(repo, id, changes) {
      const r = repoOf(repo);
      for (const runs of r.runsByWorkflow.values()) {
        const run = runs.find((x) => x.id === id);
        if (!run) continue;
        if (changes.branch !== undefined) run.branch = changes.branch;
        if (changes.headSha !== undefined) run.headSha = changes.headSha;
        if (changes.event !== undefined) run.event = changes.event;
        if (changes.status !== undefined) run.status = changes.status;
        if (changes.conclusion !== undefined) run.conclusion = changes.conclusion;
        if (changes.createdAt !== undefined) run.createdAt = changes.createdAt;
        if (changes.updatedAt !== undefined) run.updatedAt = changes.updatedAt;
        if (changes.runStartedAt !== undefined) run.runStartedAt = changes.runStartedAt;
        if (changes.runNumber !== undefined) run.runNumber = changes.runNumber;
        if (changes.displayTitle !== undefined) run.displayTitle = changes.displayTitle;
        if (changes.actor !== undefined) run.actor = changes.actor;
        if (changes.extra !== undefined) run.extra = changes.extra;
        reset(run);
        r.unsorted.add(run.workflowId);
        return;
      }
      throw new Error(`fake GitHub: no workflow run ${id} in ${r.owner}/${r.name}`);
    },

    seedBulkRuns(repo, counts) {
      const r = repoOf(repo);
      const workflowIds: number[] = [];
      for (let w = 0; w < counts.workflows; w++) {
        workflowIds.push(
          fake.addWorkflow(repo, {
            name: `Workflow ${w + 1}`,
            path: `.github/workflows/workflow-${w + 1}.yml`,
          }),
        );
      }
      const events = ["push", "push", "pull_request", "schedule"];
      for (let i = 0; i < counts.runs; i++) {
        const workflow = workflowIds[i % workflowIds.length];
        if (workflow === undefined) break;
        pushRun(
          r,
          makeRun(r, {
            workflow,
            branch: i % 5 === 4 ? `feature/${i % 17}` : r.defaultBranch,
            event: events[i % events.length] ?? "push",
            conclusion: i % 11 === 0 ? "failure" : "success",
            createdAt: isoAt(i),
          }),
        );
      }
      return { workflowIds };
    },

    addCheckRun(repo, seed) {
      const r = repoOf(repo);
      const id = newId(seed.id);
      const status = seed.status ?? "completed";
      const startedAt = seed.startedAt ?? isoAt(id - 1000);
      r.checkRuns.push({
        id,
        headSha: seed.headSha.toLowerCase(),
        name: seed.name,
        status,
        conclusion:
          seed.conclusion === undefined ? (status === "completed" ? "success" : null) : seed.conclusion,
        startedAt,
        completedAt:
          seed.completedAt === undefined ? (status === "completed" ? startedAt : null) : seed.completedAt,
        ...served(seed),
      });
      return id;
    },

    addCommitStatus(repo, seed) {
      const r = repoOf(repo);
      const id = newId(seed.id);
      const createdAt = seed.createdAt ?? isoAt(id - 1000);
      r.statuses.push({
        id,
        sha: seed.sha.toLowerCase(),
        context: seed.context,
        state: seed.state,
        targetUrl: seed.targetUrl === undefined ? `https://ci.example.com/builds/${id}` : seed.targetUrl,
        description: seed.description === undefined ? `The ${seed.context} build` : seed.description,
        createdAt,
        updatedAt: seed.updatedAt ?? createdAt,
        ...served(seed),
      });
      return id;
    },

    addDependabotAlert(repo, seed) {
      const r = repoOf(repo);
      const alert: DependabotEntity = {
        ...newAlert(r, r.dependabot, seed, "dependabot"),
        severity: seed.severity,
        summary: seed.summary ?? `A ${seed.severity} vulnerability in ${seed.packageName ?? "left-pad"}`,
        packageName: seed.packageName ?? "left-pad",
        ecosystem: seed.ecosystem ?? "npm",
      };
      r.dependabot.push(alert);
      return alert.number;
    },

    addCodeScanningAlert(repo, seed) {
      const r = repoOf(repo);
      const alert: CodeScanningEntity = {
        ...newAlert(r, r.codeScanning, seed, "code-scanning"),
        severity: seed.severity === undefined ? "high" : seed.severity,
        ruleSeverity: seed.ruleSeverity ?? "warning",
        ruleId: seed.ruleId ?? "js/sql-injection",
        summary: seed.summary ?? "Database query built from user-controlled sources",
      };
      r.codeScanning.push(alert);
      return alert.number;
    },

    setBranchProtection(repo, branch, protection) {
      const r = repoOf(repo);
      if (protection === null) r.protections.delete(branch);
      else r.protections.set(branch, protection);
    },

    addRuleset(repo, seed) {
      repoOf(repo).rulesets.push(seed);
    },

    setCodeownersErrors(repo, errors) {
      repoOf(repo).codeownersErrors = errors;
    },

    setFeature(repo, feature, state) {
      const meaningful: Record<FakeFeature, readonly FakeFeatureState[]> = {
        actions: ["enabled", "forbidden"],
        checks: ["enabled", "forbidden"],
        statuses: ["enabled", "forbidden"],
        dependabot: ["enabled", "disabled", "forbidden"],
        "code-scanning": ["enabled", "disabled", "advanced-security-off", "no-analysis", "forbidden"],
      };
      if (!meaningful[feature].includes(state)) throw new Error(`fake GitHub: ${feature} cannot be ${state}`);
      const r = repoOf(repo);
      r.features.set(feature, state);
      invalidate(r);
    },

    addRelease(repo, seed) {
      const r = repoOf(repo);
      const draft = seed.draft ?? false;
      if (!draft && hasPublishedTag(r, seed.tagName, null)) {
        throw new Error(`fake GitHub: ${r.owner}/${r.name} already has a release tagged ${seed.tagName}`);
      }
      const id = newId(seed.id);
      const createdAt = seed.createdAt ?? isoAt(id - 1000);
      const rel: ReleaseEntity = {
        id,
        tagName: seed.tagName,
        targetCommitish: seed.targetCommitish ?? r.defaultBranch,
        name: seed.name === undefined ? seed.tagName : seed.name,
        body: seed.body ?? null,
        draft,
        prerelease: seed.prerelease ?? false,
        author: seed.author ?? botLogin,
        createdAt,
        publishedAt: seed.publishedAt === undefined ? (draft ? null : createdAt) : seed.publishedAt,
        updatedAt: createdAt,
      };
      r.releases.push(rel);
      if (seed.latest ?? true) applyLatest(r, rel, true);
      return id;
    },

    releases(repo) {
      const r = repoOf(repo);
      const latest = latestRelease(r);
      return r.releases.map((x) => ({
        id: x.id,
        tagName: x.tagName,
        targetCommitish: x.targetCommitish,
        name: x.name,
        body: x.body,
        draft: x.draft,
        prerelease: x.prerelease,
        latest: x === latest,
        author: x.author,
        createdAt: x.createdAt,
        publishedAt: x.publishedAt,
        updatedAt: x.updatedAt,
      }));
    },

    addComment(repo, issueNumber, seed) {
      return newComment(repoOf(repo), issueNumber, seed).id;
    },

    addIssue(repo, seed) {
      return newIssue(repoOf(repo), seed).number;
    },

    issues(repo) {
      return repoOf(repo)
        .issues.map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body,
          state: i.state,
          labels: [...i.labels],
          author: i.author,
          pullRequest: i.pullRequest,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
        }))
        .sort((x, y) => x.number - y.number);
    },

    addDeployment(repo, seed) {
      const r = repoOf(repo);
      const id = newId(seed.id);
      const environment = seed.environment ?? "production";
      const statuses: FakeDeploymentStatus[] = (seed.statuses ?? []).map((st) => ({
        id: newId(undefined),
        state: st.state,
        description: st.description ?? "",
        environment,
        environmentUrl: "",
        logUrl: st.logUrl ?? "",
        targetUrl: st.logUrl ?? "",
        createdAt: st.createdAt,
      }));
      r.deployments.push({
        id,
        ref: seed.ref ?? seed.sha,
        sha: seed.sha,
        task: "deploy",
        environment,
        description: "",
        payload: {},
        autoMerge: null,
        requiredContexts: null,
        productionEnvironment: environment === "production",
        transientEnvironment: false,
        createdAt: seed.createdAt,
        updatedAt: statuses.at(-1)?.createdAt ?? seed.createdAt,
        statuses,
      });
      return id;
    },

    addDeploymentStatus(repo, id, status) {
      const deployment = repoOf(repo).deployments.find((d) => d.id === id);
      if (!deployment) throw new Error(`no deployment ${id}`);
      deployment.statuses.push({
        id: newId(undefined),
        state: status.state,
        description: status.description ?? "",
        environment: deployment.environment,
        environmentUrl: "",
        logUrl: "",
        targetUrl: "",
        createdAt: status.createdAt,
      });
      deployment.updatedAt = status.createdAt;
    },

    addTag(repo, tag) {
      repoOf(repo).tags.push({ name: tag.name, sha: tag.sha.toLowerCase() });
    },

    addPullRequest(repo, seed) {
      const r = repoOf(repo);
      const number =
        seed.number ?? Math.max(0, ...r.issues.map((i) => i.number), ...r.pulls.map((p) => p.number)) + 1;
      r.pulls.push({ ...seed, number, id: newId(undefined) });
      return number;
    },

    deployments(repo) {
      return repoOf(repo).deployments.map((d) => ({
        id: d.id,
        ref: d.ref,
        sha: d.sha,
        task: d.task,
        environment: d.environment,
        description: d.description,
        payload: d.payload,
        autoMerge: d.autoMerge,
        requiredContexts: d.requiredContexts === null ? null : [...d.requiredContexts],
        productionEnvironment: d.productionEnvironment,
        transientEnvironment: d.transientEnvironment,
        createdAt: d.createdAt,
        statuses: d.statuses.map((x) => ({ ...x })),
      }));
    },

    comments(repo, issueNumber) {
      return repoOf(repo)
        .comments.filter((c) => c.issueNumber === issueNumber)
        .map((c) => ({
          id: c.id,
          issueNumber: c.issueNumber,
          body: c.body,
          author: c.author,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
        }));
    },

    seedCommit(repo, seed) {
      const r = repoOf(repo);
      const leaves = new Map<string, TreeEntry>();
      for (const [path, content] of Object.entries(seed.files)) {
        leaves.set(path, { name: path, mode: "100644", type: "blob", sha: putBlob(r, Buffer.from(content)) });
      }
      const head = seed.branch === undefined ? undefined : r.branches.get(seed.branch);
      const person = { name: "Mona Lisa", email: "mona@example.com", date: seed.date ?? stamp() };
      const sha = putCommit(
        r,
        {
          tree: buildTree(r, leaves),
          parents: seed.parents ?? (head ? [head] : []),
          message: seed.message ?? "Seed commit",
          author: person,
          committer: person,
        },
        "none",
      );
      if (seed.branch !== undefined) r.branches.set(seed.branch, sha);
      return sha;
    },

    branchHead(repo, branch) {
      return repoOf(repo).branches.get(branch) ?? null;
    },

    commit(repo, sha) {
      const object = repoOf(repo).objects.get(sha.toLowerCase());
      if (object?.type !== "commit") return null;
      return {
        sha: sha.toLowerCase(),
        tree: object.tree,
        parents: [...object.parents],
        message: object.message,
        author: { ...object.author },
        committer: { ...object.committer },
        verified: object.verification.verified === true,
      };
    },

    files(repo, commitOrBranch) {
      const r = repoOf(repo);
      const sha = resolveRef(r, commitOrBranch);
      const object = sha === null ? undefined : r.objects.get(sha);
      if (object?.type !== "commit") {
        throw new Error(
          `fake GitHub: no commit ${commitOrBranch} with known content in ${r.owner}/${r.name}`,
        );
      }
      const files: Record<string, string> = {};
      for (const [path, leaf] of leavesOf(r, object.tree)) {
        const blob = r.objects.get(leaf.sha);
        if (blob?.type === "blob") files[path] = blob.content.toString("utf8");
      }
      return files;
    },

    handle(operationId, handler) {
      if (!contract.byId.has(operationId))
        throw new Error(`fake GitHub: ${operationId} is not in openapi-slice.json`);
      handlers.set(operationId, handler);
    },

    queueFaults(...queued) {
      for (const fault of queued) {
        if (fault.operationId !== undefined && !contract.byId.has(fault.operationId)) {
          throw new Error(`fake GitHub: ${fault.operationId} is not in openapi-slice.json`);
        }
        if ((fault.times ?? 1) > 0) faults.push({ fault, left: fault.times ?? 1, wait: fault.after ?? 0 });
      }
    },

    resetRequests() {
      requests.length = 0;
    },

    assertNoViolations() {
      if (violations.length === 0) return;
      const lines = violations.map((v) => `- ${v.operationId ?? "(no operation)"}: ${v.where}: ${v.what}`);
      throw new Error(`The fake GitHub saw ${violations.length} contract violation(s):\n${lines.join("\n")}`);
    },

    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
