import { relative, sep } from "node:path";
import type { AlertSeverity, EvidenceResult, SarifSpec } from "./types.js";
import { buildResult } from "./build-result.js";
import { capLines } from "./cap-lines.js";
import { compareSeverity, isAtLeast, SEVERITIES } from "./core/classify-sarif-finding.js";
import { figureKeyOf } from "./core/source-of.js";
import type { EvidenceContext } from "./evidence-context.js";
import { listSources } from "./list-sources.js";
import { readSarifLog, type SarifFinding } from "./read-sarif-log.js";

const KIND = "sarif";
const TOP_SHOWN = 5;
const HOW_TO_WRITE =
  "Have the scanner write SARIF (codeql database analyze --format=sarif-latest, trivy --format sarif, " +
  "snyk --sarif-file-output, semgrep --sarif, eslint -f @microsoft/eslint-formatter-sarif, grype -o sarif)";

/** Counts by severity, and the worst findings to show. */
interface Tally {
  counts: Record<AlertSeverity, number>;
  /** Fingerprints of every finding, for history. */
  fingerprints: string[];
  /** Findings at or above failOn (new ones only with `new: true`), worst first once sorted. */
  blocking: SarifFinding[];
  blockingCount: number;
  newCount: number;
}

/**
 * Reads SARIF 2.1.0 logs from any scanner, streaming each (a log of hundreds of megabytes is never
 * held), and fails on findings at or above `failOn`; with `new: true` only on findings whose
 * fingerprints the last release's record does not hold. Every finding's fingerprint and the counts
 * by severity are recorded in history.
 */
export async function collectSarif(spec: SarifSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const now = context.clock.now();
  let paths: string[];
  try {
    paths = await context.files.glob(spec.files, context.root);
  } catch (error) {
    return buildResult(KIND, "inconclusive", spec.files, now, {
      message: `cannot search for SARIF logs with files: ${spec.files} under ${context.root}: ${(error as Error).message}. Correct the glob in shipready.yml.`,
    });
  }
  if (paths.length === 0) {
    return buildResult(KIND, "inconclusive", spec.files, now, {
      message: `no SARIF log matches ${spec.files} under ${context.root}. ${HOW_TO_WRITE} before shipready, or correct files: in shipready.yml.`,
    });
  }
  const shown = paths.map((path) => showPath(path, context.root));
  const source = listSources(shown);
  const baseline = spec.new ? await context.baseline() : null;
  const known = baseline ? new Set(baseline.findings[figureKeyOf(spec)] ?? []) : null;
  const judgeNew = known !== null && baseline!.missing === null && figureKeyOf(spec) in baseline!.findings;
  const tally: Tally = {
    counts: { critical: 0, high: 0, medium: 0, low: 0 },
    fingerprints: [],
    blocking: [],
    blockingCount: 0,
    newCount: 0,
  };
  const tools: string[] = [];
  for (const [index, path] of paths.entries()) {
    const read = await readSarifLog(
      await context.files.readTextChunks(path),
      (finding) => count(tally, finding, spec.failOn, judgeNew ? known : null),
      context.signal,
    );
    if ("problem" in read) {
      return buildResult(KIND, "inconclusive", source, now, {
        message: `${shown[index]} ${read.problem}. Point files: at the scanner's SARIF output. ${HOW_TO_WRITE}.`,
      });
    }
    tools.push(...read.tools);
  }
  const figures = { ...tally.counts, ...(judgeNew ? { new: tally.newCount } : {}) };
  const result = judgeTally(spec, tally, { source, now, tools, files: paths.length }, baseline, judgeNew);
  return { ...result, figures, fingerprints: tally.fingerprints };
}

function count(tally: Tally, finding: SarifFinding, failOn: AlertSeverity, known: Set<string> | null): void {
  tally.counts[finding.severity] += 1;
  tally.fingerprints.push(finding.fingerprint);
  const isNew = known !== null && !known.has(finding.fingerprint);
  if (isNew) tally.newCount += 1;
  if (!isAtLeast(finding.severity, failOn) || (known !== null && !isNew)) return;
  tally.blockingCount += 1;
  // Only the worst few are kept: a log of 500,000 findings is not held.
  tally.blocking.push(finding);
  if (tally.blocking.length > TOP_SHOWN * 4) {
    tally.blocking.sort((a, b) => compareSeverity(a.severity, b.severity));
    tally.blocking.length = TOP_SHOWN;
  }
}

function judgeTally(
  spec: SarifSpec,
  tally: Tally,
  run: { source: string; now: Date; tools: string[]; files: number },
  baseline: Awaited<ReturnType<EvidenceContext["baseline"]>> | null,
  judgeNew: boolean,
): EvidenceResult {
  const scanners = run.tools.length > 0 ? ` from ${[...new Set(run.tools)].join(", ")}` : "";
  const summary =
    `${SEVERITIES.map((severity) => `${tally.counts[severity]} ${severity}`).join(", ")}${scanners}` +
    (judgeNew ? `; ${tally.newCount} new since ${baseline!.release!.tag}` : "");
  const noBaseline =
    spec.new && !judgeNew
      ? `no baseline to tell new findings from old (${baseline?.missing ?? `the run recorded for ${baseline?.release?.tag ?? "the last release"} holds no findings for this evidence: the next release sets it`}), so every finding counts`
      : null;
  const details = capLines([summary, ...(noBaseline ? [noBaseline] : [])]);
  if (tally.blockingCount === 0) {
    return buildResult(KIND, "pass", run.source, run.now, {
      ...(noBaseline ? { message: `${noBaseline}.` } : {}),
      details,
    });
  }
  const worst = [...tally.blocking]
    .sort((a, b) => compareSeverity(a.severity, b.severity))
    .slice(0, TOP_SHOWN);
  const what = judgeNew ? `new ${spec.failOn}-or-worse` : `${spec.failOn}-or-worse`;
  const more = tally.blockingCount > worst.length ? `, and ${tally.blockingCount - worst.length} more` : "";
  return buildResult(KIND, "fail", run.source, run.now, {
    message:
      `${tally.blockingCount} ${what} ${tally.blockingCount === 1 ? "finding" : "findings"}: ` +
      `${worst.map(showFinding).join("; ")}${more}. Fix them, or suppress the ones that are false positives in the scanner` +
      (noBaseline ? `; ${noBaseline}.` : "."),
    details: capLines([summary, ...worst.map(showFinding)]),
  });
}

/** `high js/sql-injection at src/db.js:42 (https://...)`: outside text made one plain line, links only http(s). */
function showFinding(finding: SarifFinding): string {
  const where = finding.uri ? ` at ${plain(finding.uri)}${finding.line ? `:${finding.line}` : ""}` : "";
  const link =
    finding.helpUri && /^https?:\/\/[^\s<>"]+$/i.test(finding.helpUri) ? ` (${finding.helpUri})` : "";
  return `${finding.severity} ${plain(finding.ruleId)}${where}${link}`;
}

function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters from a log never reach a message
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").slice(0, 200);
}

function showPath(path: string, root: string): string {
  const rel = relative(root, path);
  return (rel === "" || rel.startsWith("..") ? path : rel).split(sep).join("/");
}
