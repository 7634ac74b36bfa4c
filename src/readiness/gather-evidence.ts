import { basename } from "node:path";
import { secretsOfConfig } from "../config/config-secrets.js";
import type { ShipreadyConfig } from "../config/types.js";
import { EvidenceError, InterruptedError, ShipreadyError } from "../errors.js";
import { collectEvidence, type EvidenceProgress } from "../evidence/collect-evidence.js";
import type { EvidenceContext } from "../evidence/evidence-context.js";
import { readCiSnapshot } from "../evidence/read-ci-snapshot.js";
import type { Baseline, EvidenceResult, EvidenceSpec } from "../evidence/types.js";
import { evidenceKey } from "../evidence/core/evidence-key.js";
import { figureKeyOf } from "../evidence/core/source-of.js";
import { findBaseline } from "./find-baseline.js";
import type { GitHubApi, RepoRef } from "../ports.js";
import { createSecretKeeper } from "../shared/secret-keeper.js";
import type { Finding } from "../types.js";
import type { ReadinessPorts } from "./ports.js";
import type { CiSnapshot } from "./types.js";

/** The evidence a run collected, keyed by evidenceKey, and what GitHub said. */
export interface Gathered {
  results: Map<string, EvidenceResult>;
  snapshot: CiSnapshot | null;
  findings: Finding[];
  /** Requests made to GitHub; null when GitHub was not asked. */
  github: { requests: number; notModified: number } | null;
  /** The repository's web address, when GitHub was asked. */
  repositoryUrl: string | null;
  /** The figures and finding fingerprints the evidence read, by figure key: what history records. */
  recorded: { figures: Record<string, Record<string, number>>; findings: Record<string, string[]> };
}

const GITHUB_KINDS = new Set([
  "github-actions",
  "github-checks",
  "github-security",
  "github-branch-protection",
]);

/** Evidence that asks GitHub: the GitHub kinds, and repo-kit when told to ask about CODEOWNERS. */
function needsGitHub(spec: EvidenceSpec): boolean {
  return GITHUB_KINDS.has(spec.kind) || (spec.kind === "repo-kit" && spec.github);
}

/**
 * Collects the bound evidence and the CI snapshot. GitHub evidence without a token is an error (a
 * silent skip would score the written statuses as if they were evidence); the CI snapshot without a
 * token is left as it is, with a remark.
 */
export async function gatherEvidence(input: {
  specs: EvidenceSpec[];
  wantsSnapshot: boolean;
  config: ShipreadyConfig;
  dir: string;
  /** The checklist judged: its history holds the baseline. */
  checklistPath: string;
  ports: ReadinessPorts;
  commit?: string;
  signal?: AbortSignal;
  onEvidence?: (event: EvidenceProgress) => void;
}): Promise<Gathered> {
  const { specs, config, dir, ports } = input;
  const gathered: Gathered = {
    results: new Map(),
    snapshot: null,
    findings: [],
    github: null,
    repositoryUrl: null,
    recorded: { figures: {}, findings: {} },
  };
  if (specs.length === 0 && !input.wantsSnapshot) return gathered;
  // Known before anything runs: what a command prints is redacted as it is read.
  const secrets = ports.secrets ?? createSecretKeeper();
  secrets.add(secretsOfConfig(config, ports.env));
  const github = await openGitHubFor(input, gathered.findings);
  const headSha = input.commit ?? (await ports.git.headCommit(dir));
  let baseline: Promise<Baseline> | null = null;
  const context: Omit<EvidenceContext, "signal"> = {
    root: config.root,
    files: ports.files,
    clock: ports.clock,
    shell: ports.shell,
    http: ports.http,
    github,
    headSha,
    env: ports.env,
    redact: secrets.redact,
    ...(ports.hooks ? { hooks: ports.hooks } : {}),
    baseline: () =>
      (baseline ??= findBaseline(
        { checklistPath: input.checklistPath, config, dir, commit: input.commit ?? null },
        ports,
      )),
  };
  const snapshot =
    input.wantsSnapshot && github
      ? readCiSnapshot(config.ciSnapshot, github, ports.clock).catch((error: unknown) => {
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
    gathered.recorded = takeRecorded(specs, gathered.results);
  } finally {
    github?.api.close();
  }
  if (github) {
    gathered.github = github.api.stats();
    gathered.repositoryUrl = github.api.webUrl(github.repo);
  }
  if (read) {
    gathered.snapshot = read.snapshot;
    gathered.findings.push(...read.findings);
  }
  return gathered;
}

/**
 * The figures and fingerprints each piece of evidence read, by figure key, for history; the
 * fingerprints are taken out of the results, which are shown and may be large.
 */
function takeRecorded(
  specs: readonly EvidenceSpec[],
  results: Map<string, EvidenceResult>,
): Gathered["recorded"] {
  const recorded: Gathered["recorded"] = { figures: {}, findings: {} };
  for (const spec of specs) {
    const key = evidenceKey(spec);
    const result = results.get(key);
    if (!result) continue;
    const { fingerprints, ...shown } = result;
    if (result.figures) recorded.figures[figureKeyOf(spec)] = result.figures;
    if (fingerprints) {
      recorded.findings[figureKeyOf(spec)] = [...new Set(fingerprints)].sort();
      results.set(key, shown);
    }
  }
  return recorded;
}

/** GitHub when evidence or the CI snapshot needs it: required for evidence, optional for the snapshot. */
async function openGitHubFor(
  input: {
    specs: EvidenceSpec[];
    wantsSnapshot: boolean;
    config: ShipreadyConfig;
    dir: string;
    ports: ReadinessPorts;
  },
  findings: Finding[],
): Promise<{ api: GitHubApi; repo: RepoRef } | null> {
  const { config, ports, dir } = input;
  const githubSpec = input.specs.find(needsGitHub);
  if (githubSpec) {
    const at = config.file && githubSpec.line ? ` (${basename(config.file)}:${githubSpec.line})` : "";
    return ports.openGitHub(config.github, dir, `gates are bound to GitHub evidence${at}`);
  }
  if (!input.wantsSnapshot) return null;
  try {
    return await ports.openGitHub(config.github, dir, "the checklist has a CI snapshot");
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    findings.push({
      code: "ci-snapshot-skipped",
      message: `the CI snapshot was left as it is: ${error.message}. ${error.fix ?? ""}`.trim(),
    });
    return null;
  }
}

/** After an interruption nothing is scored or written: evidence cut short would read as inconclusive. */
export function stopIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new InterruptedError("interrupted while collecting evidence; nothing was written", "Run it again.");
  }
}
