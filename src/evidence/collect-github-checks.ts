import type { CheckInfo } from "../ports.js";
import type { EvidenceResult, GitHubChecksSpec } from "./types.js";
import type { Outcome } from "../types.js";
import type { EvidenceContext } from "./evidence-context.js";
import { requireGitHub } from "./require-github.js";

const FAILED = new Set(["failure", "timed_out", "error", "startup_failure", "cancelled"]);
const PASSED = new Set(["success", "neutral", "skipped"]);

/** Check runs and commit statuses on a ref: all (or the named ones) must succeed. */
export async function collectGitHubChecks(
  spec: GitHubChecksSpec,
  context: EvidenceContext,
): Promise<EvidenceResult> {
  const { api, repo } = requireGitHub(context);
  const now = context.clock.now().toISOString();
  const ref = spec.ref === "HEAD" ? context.headSha : spec.ref;
  const web = api.webUrl(repo);
  if (ref === null) {
    return {
      outcome: "inconclusive",
      provenance: {
        kind: "github-checks",
        source: web,
        observedAt: now,
        message:
          "ref: HEAD needs a git repository, and this run is not inside one; run shipready in the repository, or name a branch or commit",
      },
    };
  }
  const source = `${web}/commit/${encodeURIComponent(ref)}`;
  const checks = await api.listChecks(repo, ref);
  const shown = ref.length === 40 ? ref.slice(0, 7) : ref;
  const wanted = spec.names?.map((n) => n.toLowerCase());
  const relevant = wanted ? checks.filter((c) => wanted.includes(c.name.toLowerCase())) : checks;
  const missing = (spec.names ?? []).filter(
    (n) => !checks.some((c) => c.name.toLowerCase() === n.toLowerCase()),
  );
  const latest =
    relevant
      .map((c) => c.completedAt)
      .filter((t): t is string => t !== null)
      .sort()
      .pop() ?? now;

  const failed = relevant.filter((c) => c.conclusion !== null && FAILED.has(c.conclusion));
  const running = relevant.filter((c) => c.status !== "completed" || c.conclusion === null);
  const other = relevant.filter(
    (c) =>
      c.conclusion !== null &&
      c.status === "completed" &&
      !FAILED.has(c.conclusion) &&
      !PASSED.has(c.conclusion),
  );
  const details = relevant.map((c) => `${c.name}: ${c.conclusion ?? c.status}${c.url ? ` ${c.url}` : ""}`);
  const finish = (outcome: Outcome, message?: string): EvidenceResult => ({
    outcome,
    provenance: {
      kind: "github-checks",
      source: failed[0]?.url ?? source,
      observedAt: latest,
      ...(message ? { message } : {}),
    },
    ...(details.length ? { details: cap(details) } : {}),
  });

  if (failed.length > 0) {
    return finish(
      "fail",
      `${failed.length} of ${relevant.length} checks on ${shown} failed (${names(failed)}); fix them and re-run`,
    );
  }
  if (relevant.length === 0) {
    return finish(
      "inconclusive",
      wanted
        ? `none of the checks ${spec.names!.join(", ")} has reported on ${shown}; check the names (GitHub shows them on the commit)`
        : `no checks or statuses have reported on ${shown}; push the commit or wait for CI to start`,
    );
  }
  if (running.length > 0 || missing.length > 0) {
    const waiting = [...names(running).split(", ").filter(Boolean), ...missing];
    return finish(
      "pending",
      `${waiting.length} checks on ${shown} have not finished (${waiting.join(", ")}); wait for them`,
    );
  }
  if (other.length > 0) {
    return finish("warn", `checks on ${shown} ended ${names(other, true)}; look at them`);
  }
  return finish("pass");
}

function names(checks: readonly CheckInfo[], withConclusion = false): string {
  const listed = checks.slice(0, 5).map((c) => (withConclusion ? `${c.name}: ${c.conclusion}` : c.name));
  return checks.length > 5 ? `${listed.join(", ")} and ${checks.length - 5} more` : listed.join(", ");
}

function cap(lines: string[]): string[] {
  return lines.length > 10 ? [...lines.slice(0, 10), `and ${lines.length - 10} more`] : lines;
}
