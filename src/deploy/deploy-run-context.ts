import type { ShipreadyConfig } from "../config/types.js";
import type { Redact } from "../shared/create-redactor.js";
import type { StepValues } from "./core/render-step-command.js";
import type { DeployRecorder } from "./keep-deploy-record.js";
import type { DeployProgress, DeployRunPorts } from "./run-types.js";
import type { DeployStrategy, EnvironmentSpec } from "./types.js";

/** Everything the steps of one deploy or rollback work from. */
export interface RunContext {
  config: ShipreadyConfig;
  strategy: DeployStrategy;
  environment: string;
  /** The environment as configured; null when environments: does not name it. */
  envSpec: EnvironmentSpec | null;
  /** What templates and SHIPREADY_* variables say. */
  values: StepValues & { previousCommit: string | null };
  ports: DeployRunPorts;
  /** Aborted on Ctrl+C or SIGTERM. */
  signal: AbortSignal;
  redact: Redact;
  recorder: DeployRecorder;
  progress: DeployProgress;
  deadlines: Deadlines;
  warn(message: string): void;
}

/**
 * The time left to the workflows and procedures a step is inside: each one's clock starts with its
 * first step, and a step may run until the earliest of their ends (or its own timeout, when sooner).
 */
export class Deadlines {
  private readonly ends = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** The longest the next step may take, and what sets that limit. */
  limitFor(
    scopes: readonly { name: string; timeoutMs: number }[],
    ownMs: number | undefined,
  ): { ms: number; by: string } {
    const at = this.now();
    let limit = { ms: ownMs ?? Number.POSITIVE_INFINITY, by: "its own timeout" };
    for (const scope of scopes) {
      if (!this.ends.has(scope.name)) this.ends.set(scope.name, at + scope.timeoutMs);
      const left = this.ends.get(scope.name)! - at;
      if (left < limit.ms) limit = { ms: Math.max(0, left), by: `the timeout of ${scope.name}` };
    }
    return limit;
  }

  /** Time spent waiting (a canary's pause) is not work: every clock started is moved on by it. */
  extend(ms: number): void {
    for (const [name, end] of this.ends) this.ends.set(name, end + ms);
  }
}

/** The environment a step's command runs with: shipready's own, the environment's vars, and SHIPREADY_*. */
export function stepEnvironment(ctx: RunContext, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.ports.env)) if (value !== undefined) env[key] = value;
  return { ...env, ...(ctx.envSpec?.vars ?? {}), ...extra };
}
