import { ShipreadyError } from "../errors.js";
import type { EvidenceKind, EvidenceResult, EvidenceSpec } from "./types.js";
import { describeDuration } from "./describe-duration.js";
import type { EvidenceContext } from "./evidence-context.js";
import { evidenceKey } from "./core/evidence-key.js";
import { sourceOf } from "./core/source-of.js";

export { sourceOf } from "./core/source-of.js";
import type { Redact } from "../shared/create-redactor.js";

/** How long a collector has to stop after its timeout, before it is left behind. */
const STOP_GRACE_MS = 5_000;

type Collector = (spec: never, context: EvidenceContext) => Promise<EvidenceResult>;

/** Each kind's collector, loaded on first use so a run loads only the parsers it needs. */
const COLLECTORS: Record<EvidenceKind, () => Promise<Collector>> = {
  "github-actions": async () => (await import("./collect-github-actions.js")).collectGitHubActions,
  "github-checks": async () => (await import("./collect-github-checks.js")).collectGitHubChecks,
  "github-security": async () => (await import("./collect-github-security.js")).collectGitHubSecurity,
  "github-branch-protection": async () =>
    (await import("./collect-github-branch-protection.js")).collectGitHubBranchProtection,
  "repo-kit": async () => (await import("./collect-repo-kit.js")).collectRepoKit,
  junit: async () => (await import("./collect-junit.js")).collectJunit,
  coverage: async () => (await import("./collect-coverage.js")).collectCoverage,
  command: async () => (await import("./collect-command.js")).collectCommand,
  http: async () => (await import("./collect-http.js")).collectHttp,
  file: async () => (await import("./collect-file.js")).collectFile,
  hooks: async () => (await import("./collect-hooks.js")).collectHooks,
  sarif: async () => (await import("./collect-sarif.js")).collectSarif,
};

/** What a progress display is told as collection goes. */
export type EvidenceProgress =
  | { type: "start"; key: string; spec: EvidenceSpec }
  | { type: "done"; key: string; spec: EvidenceSpec; result: EvidenceResult };

/**
 * Collects every distinct piece of evidence at once, each under its own timeout. Whatever goes
 * wrong (a timeout, a network fault, an unreadable report) becomes an inconclusive result with a
 * message: collection never throws for bad evidence, and never turns a fault into a pass.
 */
export async function collectEvidence(
  specs: readonly EvidenceSpec[],
  context: Omit<EvidenceContext, "signal">,
  options: { signal?: AbortSignal; onProgress?: (event: EvidenceProgress) => void } = {},
): Promise<Map<string, EvidenceResult>> {
  const distinct = new Map<string, EvidenceSpec>();
  for (const spec of specs) if (!distinct.has(evidenceKey(spec))) distinct.set(evidenceKey(spec), spec);
  const entries = await Promise.all(
    [...distinct].map(async ([key, spec]) => {
      options.onProgress?.({ type: "start", key, spec });
      // Whatever a collector or its fault says passes the redactor: every output shows it from here.
      const result = redactResult(await collectOne(spec, context, options.signal), context.redact);
      options.onProgress?.({ type: "done", key, spec, result });
      return [key, result] as const;
    }),
  );
  return new Map(entries);
}

async function collectOne(
  spec: EvidenceSpec,
  context: Omit<EvidenceContext, "signal">,
  outer: AbortSignal | undefined,
): Promise<EvidenceResult> {
  const controller = new AbortController();
  const stopOnOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", stopOnOuter, { once: true });
  // At the timeout the collector is told to stop (a command's process group is killed, a probe
  // aborted); a collector that does not stop within the grace is left behind.
  let timedOut = false;
  const stopper = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("timeout"));
  }, spec.timeoutMs);
  let backstop: NodeJS.Timeout | undefined;
  const abandoned = new Promise<"abandoned">((resolve) => {
    backstop = setTimeout(() => resolve("abandoned"), spec.timeoutMs + STOP_GRACE_MS);
  });
  const inconclusive = (message: string): EvidenceResult => ({
    outcome: "inconclusive",
    provenance: {
      kind: spec.kind,
      source: sourceOf(spec),
      observedAt: context.clock.now().toISOString(),
      message,
    },
  });
  try {
    const collect = await COLLECTORS[spec.kind]();
    const work = (collect as (s: EvidenceSpec, c: EvidenceContext) => Promise<EvidenceResult>)(spec, {
      ...context,
      signal: controller.signal,
    });
    // A collector that ignores the signal still cannot hold the run much past its timeout.
    work.catch(() => undefined);
    const first = await Promise.race([work, abandoned]);
    const late = `did not finish within its timeout (${describeDuration(spec.timeoutMs)}); make it faster or raise timeout:`;
    if (first === "abandoned") return inconclusive(late);
    // Stopped by the timeout: say so, keeping what it gathered (a command's last lines).
    if (timedOut && first.outcome === "inconclusive") {
      return { ...first, provenance: { ...first.provenance, message: late } };
    }
    return first;
  } catch (error) {
    if (timedOut) {
      return inconclusive(
        `did not finish within its timeout (${describeDuration(spec.timeoutMs)}); make it faster or raise timeout:`,
      );
    }
    if (outer?.aborted) return inconclusive("stopped before it finished");
    if (error instanceof ShipreadyError) {
      return inconclusive(error.fix ? `${error.message}; ${lowerFirst(error.fix)}` : error.message);
    }
    return inconclusive(`could not be collected: ${(error as Error).message ?? String(error)}`);
  } finally {
    clearTimeout(stopper);
    clearTimeout(backstop);
    outer?.removeEventListener("abort", stopOnOuter);
  }
}

function redactResult(result: EvidenceResult, redact: Redact): EvidenceResult {
  const { message } = result.provenance;
  return {
    ...result,
    provenance: {
      ...result.provenance,
      source: redact(result.provenance.source),
      ...(message !== undefined && { message: redact(message) }),
    },
    ...(result.details && { details: result.details.map((line) => redact(line)) }),
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");
}
