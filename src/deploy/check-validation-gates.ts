import { evidenceKey } from "../evidence/core/evidence-key.js";
import type { EvidenceSpec } from "../evidence/types.js";
import { combineEvidence } from "../readiness/core/combine-evidence.js";
import { checkResult } from "./core/judge-check.js";
import { resolveCheck } from "./core/resolve-check.js";
import type { RunContext } from "./deploy-run-context.js";
import type { MetricResult } from "./types.js";

/**
 * The validation gates' checks, each collected once as evidence is (the collectors of
 * evidence/collect-evidence.ts, each piece under the smaller of its own and its gate's timeout), as
 * one result per check named `<gate>.<check>`. A check nothing binds is inconclusive: never a pass.
 */
export async function checkValidationGates(ctx: RunContext, signal: AbortSignal): Promise<MetricResult[]> {
  const { strategy } = ctx;
  const checks = strategy.validationGates.flatMap((gate) =>
    gate.checks.map((check) => {
      const resolved = resolveCheck(strategy.checks, gate.name, check);
      const specs = (resolved?.evidence ?? []).map((spec): EvidenceSpec => ({
        ...spec,
        timeoutMs: Math.min(spec.timeoutMs, gate.timeoutMs),
      }));
      return { name: `${gate.name}.${check}`, specs };
    }),
  );
  if (checks.length === 0) return [];
  const { gatherEvidence } = await import("../readiness/gather-evidence.js");
  const gathered = await gatherEvidence({
    specs: checks.flatMap((c) => c.specs),
    wantsSnapshot: false,
    config: ctx.config,
    dir: ctx.config.root,
    // A ratchet in a validation check compares with the default checklist's history.
    checklistPath: ctx.config.checklist ?? `${ctx.config.root}/RELEASE_CHECKLIST.md`,
    ports: ctx.ports,
    ...(ctx.values.commit ? { commit: ctx.values.commit } : {}),
    signal,
  });
  const at = ctx.ports.clock.now().toISOString();
  return checks.map(({ name, specs }) => {
    const results = specs.flatMap((spec) => gathered.results.get(evidenceKey(spec)) ?? []);
    if (results.length === 0) {
      return checkResult(
        name,
        "inconclusive",
        {
          kind: "command",
          source: name,
          observedAt: at,
          message: "nothing binds this check: add it under checks:",
        },
        at,
      );
    }
    const { outcome, provenance } = combineEvidence(results);
    return checkResult(name, outcome, provenance, at);
  });
}
