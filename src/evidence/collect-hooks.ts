import { relative } from "node:path";
import { ShipreadyError } from "../errors.js";
import { inspectHooks } from "../hooks/inspect-hooks.js";
import { hookIsInPlace, type HookReport } from "../hooks/types.js";
import { buildResult } from "./build-result.js";
import type { EvidenceContext } from "./evidence-context.js";
import type { EvidenceResult, HooksSpec } from "./types.js";

const KIND = "hooks";

/**
 * This clone's git hooks run shipready: each named hook is shipready's current script, or a hook
 * manager's (or a hand-written) hook that runs it. An older script of shipready's warns; a missing
 * one fails with what to do. In CI (CI set), where nobody commits or pushes from the clone, the gate
 * does not apply: CI runs the same preflight itself.
 */
export async function collectHooks(spec: HooksSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const now = context.clock.now();
  if (isCi(context.env)) {
    return buildResult(KIND, "n/a", "CI", now, {
      message: "hooks live in developers' clones; this CI clone runs `shipready preflight` itself instead",
    });
  }
  if (!context.hooks) {
    return buildResult(KIND, "inconclusive", "git hooks", now, {
      message: "this run cannot read git hooks",
    });
  }
  let reports: HookReport[];
  let dir: string;
  try {
    const found = await inspectHooks(context.root, context.hooks, spec.installed);
    reports = found.hooks;
    dir = relative(context.root, found.place.dir) || ".";
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    return buildResult(KIND, "inconclusive", "git hooks", now, { message: error.message });
  }
  const missing = reports.filter((r) => !hookIsInPlace(r.state) && r.state !== "outdated");
  const outdated = reports.filter((r) => r.state === "outdated");
  const details = reports.map((r) => `${r.hook}: ${r.state}${r.manager ? ` (${r.manager})` : ""}`);
  const fixes = [...missing, ...outdated].map((r) => `${r.hook}: ${r.fix ?? r.state}`);
  if (missing.length > 0) {
    return buildResult(KIND, "fail", dir, now, {
      message: `${missing.map((r) => r.hook).join(" and ")} ${missing.length === 1 ? "does" : "do"} not run shipready in this clone. ${fixes.join("; ")}`,
      details,
    });
  }
  if (outdated.length > 0) {
    return buildResult(KIND, "warn", dir, now, { message: fixes.join("; "), details });
  }
  return buildResult(KIND, "pass", dir, now, { details });
}

function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI;
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}
