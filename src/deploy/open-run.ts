import type { StepValues } from "./core/render-step-command.js";
import { Deadlines, type RunContext } from "./deploy-run-context.js";
import { DeployRecorder } from "./keep-deploy-record.js";
import type { LockHolder } from "./ports.js";
import { deploySecrets, type DeploySite } from "./resolve-environment.js";
import type { DeployRunPorts, RunRequest } from "./run-types.js";
import { takeDeployLock } from "./take-deploy-lock.js";
import type { DeployRecord } from "./types.js";

export interface OpenRun {
  ctx: RunContext;
  warnings: string[];
  tookOverFrom: LockHolder | null;
  release(): Promise<void>;
}

/**
 * Everything a deploy or rollback needs before its first step: the environment's lock (or the
 * message naming who holds it), the redactor, the record keeper, and the context the steps share.
 */
export async function openRun(
  site: DeploySite,
  record: DeployRecord,
  values: StepValues & { previousCommit: string | null },
  request: RunRequest,
  ports: DeployRunPorts,
): Promise<OpenRun> {
  const warnings: string[] = [];
  const progress = request.progress ?? {};
  const secrets = deploySecrets(site, ports.env, ports.secrets);
  const warn = (message: string) => {
    const safe = secrets.redact(message);
    warnings.push(safe);
    progress.onWarning?.(safe);
  };
  const lock = await takeDeployLock(
    site.environment,
    { ...ports.self, recordId: record.id, startedAt: ports.clock.now().toISOString(), command: record.kind },
    ports,
  );
  if (lock.tookOverFrom) {
    const gone = lock.tookOverFrom;
    warn(
      `took over the lock of ${site.environment} left by ${gone.command} ${gone.recordId || "(no record)"}: its process ${gone.pid} on ${gone.host} is gone`,
    );
  }
  const recorder = new DeployRecorder(record, ports, site.strategy.evidenceRoot, warn);
  const ctx: RunContext = {
    config: site.config,
    strategy: site.strategy,
    environment: site.environment,
    envSpec: site.envSpec,
    values,
    ports: { ...ports, secrets },
    signal: request.signal ?? new AbortController().signal,
    redact: secrets.redact,
    recorder,
    progress,
    deadlines: new Deadlines(() => ports.clock.now().getTime()),
    warn,
  };
  return { ctx, warnings, tookOverFrom: lock.tookOverFrom, release: lock.release };
}
