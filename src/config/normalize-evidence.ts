import type { EvidenceSpec, VersionSource } from "../evidence/types.js";
import { DEFAULT_EVIDENCE_TIMEOUT_MS } from "./defaults.js";
import type { EvidenceItemInput } from "./evidence-schema.js";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a duration as shipready.yml writes it: 300s, 3d, 500ms, or a bare number of seconds. */
export function parseDuration(value: number | string): number {
  if (typeof value === "number") return Math.round(value * 1000);
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/** One validated evidence item (exactly one kind key) as the run uses it: defaults filled, durations in ms. */
export function normalizeEvidence(item: EvidenceItemInput, line: number): EvidenceSpec {
  const base = (timeout: number | string | undefined) => ({
    timeoutMs: timeout === undefined ? DEFAULT_EVIDENCE_TIMEOUT_MS : parseDuration(timeout),
    line,
  });
  if (item["github-actions"]) {
    const s = item["github-actions"];
    return {
      kind: "github-actions",
      workflow: s.workflow,
      ...(s.branch !== undefined && { branch: s.branch }),
      ...(s.sha !== undefined && { sha: s.sha }),
      ...(s.event !== undefined && { event: s.event }),
      ...(s.maxAge !== undefined && { maxAgeMs: parseDuration(s.maxAge) }),
      ...base(s.timeout),
    };
  }
  if (item["github-checks"]) {
    const s = item["github-checks"];
    return {
      kind: "github-checks",
      ref: s.ref ?? "HEAD",
      ...(s.names !== undefined && { names: typeof s.names === "string" ? [s.names] : s.names }),
      ...base(s.timeout),
    };
  }
  if (item["github-security"]) {
    const s = item["github-security"];
    return {
      kind: "github-security",
      ...(s.dependabot !== undefined && { dependabot: s.dependabot }),
      ...(s.codeScanning !== undefined && { codeScanning: s.codeScanning }),
      ...base(s.timeout),
    };
  }
  if (item["github-branch-protection"]) {
    const s = item["github-branch-protection"];
    return {
      kind: "github-branch-protection",
      ...(s.branch !== undefined && { branch: s.branch }),
      requireChecks:
        s.requireChecks === undefined
          ? []
          : typeof s.requireChecks === "string"
            ? [s.requireChecks]
            : s.requireChecks,
      reviews: s.reviews ?? 1,
      ...base(s.timeout),
    };
  }
  if (item["repo-kit"]) {
    const s = item["repo-kit"];
    return { kind: "repo-kit", github: s.github ?? false, ...base(s.timeout) };
  }
  if (item.junit) {
    const s = item.junit;
    return {
      kind: "junit",
      files: s.files,
      minTests: s.minTests ?? 1,
      ...(s.maxSkippedRatio !== undefined && { maxSkippedRatio: s.maxSkippedRatio }),
      ...base(s.timeout),
    };
  }
  if (item.coverage) {
    const s = item.coverage;
    return {
      kind: "coverage",
      files: s.files,
      ...(s.format !== undefined && { format: s.format }),
      minLines: s.minLines,
      ...(s.warnBelow !== undefined && { warnBelow: s.warnBelow }),
      ...(s.maxDrop !== undefined && { maxDrop: s.maxDrop }),
      ...base(s.timeout),
    };
  }
  if (item.command) {
    const s = item.command;
    return {
      kind: "command",
      run: s.run,
      ...(s.cwd !== undefined && { cwd: s.cwd }),
      ...(s.warnExitCodes !== undefined && { warnExitCodes: s.warnExitCodes }),
      ...(s.env !== undefined && { env: s.env }),
      ...base(s.timeout),
    };
  }
  if (item.http) {
    const s = item.http;
    return {
      kind: "http",
      url: s.url,
      expect: s.expect ?? 200,
      samples: s.samples ?? 10,
      intervalMs: s.interval === undefined ? 1000 : parseDuration(s.interval),
      successRatio: s.successRatio ?? 0.99,
      maxLatencyMs: s.maxLatency === undefined ? 1000 : parseDuration(s.maxLatency),
      ...(s.headers !== undefined && { headers: s.headers }),
      ...base(s.timeout),
    };
  }
  if (item.file) {
    const s = item.file;
    return {
      kind: "file",
      ...(s.path !== undefined && { path: s.path }),
      ...(s.contains !== undefined && { contains: s.contains }),
      ...(s.matches !== undefined && { matches: s.matches }),
      ...(s.version !== undefined && { version: versionSource(s.version) }),
      ...(s.sameVersion !== undefined && { sameVersion: s.sameVersion.map(versionSource) }),
      ...base(s.timeout),
    };
  }
  if (item.hooks) {
    const s = item.hooks;
    return {
      kind: "hooks",
      installed: s.installed ? [...new Set(s.installed)] : ["pre-push", "commit-msg"],
      ...base(s.timeout),
    };
  }
  if (item.sarif) {
    const s = item.sarif;
    return {
      kind: "sarif",
      files: s.files,
      failOn: s.failOn ?? "high",
      new: s.new ?? false,
      ...base(s.timeout),
    };
  }
  throw new Error("an evidence item without a kind passed validation");
}

function versionSource(value: string | { path: string; pattern?: string | undefined }): VersionSource {
  if (typeof value === "string") return { path: value };
  return { path: value.path, ...(value.pattern !== undefined && { pattern: value.pattern }) };
}
