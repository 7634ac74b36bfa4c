import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { createDefaultPorts } from "../../src/adapters/default-ports.js";
import { createDeployLockFiles } from "../../src/adapters/deploy-lock-files.js";
import { deployGitCli } from "../../src/adapters/git/deploy-git-cli.js";
import { createShellExec } from "../../src/adapters/shell-exec.js";
import { defaultConfig } from "../../src/config/default-config.js";
import type { ShipreadyConfig } from "../../src/config/types.js";
import type {
  DeployEventType,
  DeployRecords,
  Timer,
  VerifyRequest,
  VerifyResult,
} from "../../src/deploy/ports.js";
import type { DeployRunPorts } from "../../src/deploy/run-types.js";
import type { DeployRecord, DeployStrategy } from "../../src/deploy/types.js";
import { makeStrategy as makeEmptyStrategy } from "./make-strategy.js";

/** A strategy with nothing but what a test adds: no environment, and nothing told (no GitHub, no Slack). */
export function makeStrategy(root: string, parts: Partial<DeployStrategy> = {}): DeployStrategy {
  return makeEmptyStrategy(root, {
    environments: [],
    incident: { github: false, labels: [], notify: false },
    ...parts,
  });
}

export function makeConfig(root: string, strategy: DeployStrategy): ShipreadyConfig {
  return { ...defaultConfig(root), strategy };
}

/** The records port kept in memory: every put, and the last version of each record. */
export function memoryRecords(): DeployRecords & { puts: DeployRecord[] } {
  const puts: DeployRecord[] = [];
  return {
    puts,
    async put(record) {
      puts.push(structuredClone(record));
    },
    async list(filter) {
      const last = new Map<string, DeployRecord>();
      for (const r of puts) last.set(r.id, r);
      return [...last.values()]
        .filter((r) => filter?.environment === undefined || r.environment === filter.environment)
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    },
  };
}

/** A Timer on the real clock. */
export const realTimer: Timer = {
  now: () => new Date(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

/** A verification that answers what the test says, after the test's wait, told what it was asked. */
export function fixedVerify(
  answers: VerifyResult | ((request: VerifyRequest) => VerifyResult | Promise<VerifyResult>),
): DeployRunPorts["verify"] & { asked: VerifyRequest[] } {
  const asked: VerifyRequest[] = [];
  const verify = async (request: VerifyRequest) => {
    asked.push(request);
    return typeof answers === "function" ? answers(request) : answers;
  };
  return Object.assign(verify, { asked });
}

export const PASS: VerifyResult = { verdict: "pass", metrics: [], reason: "all metrics passed" };
export const FAIL: VerifyResult = {
  verdict: "fail",
  metrics: [
    {
      name: "error_ratio",
      verdict: "fail",
      reason: "error ratio 0.5 > max 0.01 in 3 of 3 samples",
      judgement: { max: 0.01, share: 1 },
      samples: [{ at: "2026-01-01T00:00:00.000Z", value: 0.5 }],
      failedFast: true,
    },
  ],
  reason: "error_ratio failed: error ratio 0.5 > max 0.01 in 3 of 3 samples",
};
export const INCONCLUSIVE: VerifyResult = { verdict: "inconclusive", metrics: [], reason: "no data" };

/** The ports of a deploy in `root`: real shell, files, git and locks; records, events and verification as the test gives them. */
export function makeDeployPorts(
  root: string,
  strategy: DeployStrategy,
  overrides: Partial<DeployRunPorts> = {},
  env: Record<string, string> = {},
): DeployRunPorts & {
  events: { emit: DeployRunPorts["events"]["emit"]; told: { type: DeployEventType; record: DeployRecord }[] };
  records: ReturnType<typeof memoryRecords>;
} {
  const told: { type: DeployEventType; record: DeployRecord }[] = [];
  const base = createDefaultPorts({ env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, ...env } });
  return {
    ...base,
    shell: createShellExec({ graceMs: 500 }),
    timer: realTimer,
    records: memoryRecords(),
    events: {
      told,
      async emit(type: DeployEventType, record: DeployRecord) {
        told.push({ type, record });
        return {};
      },
    },
    locks: createDeployLockFiles(strategy.locksDir),
    deployGit: deployGitCli,
    verify: fixedVerify(PASS),
    checkSource: async () => null,
    self: { pid: process.pid, host: hostname() },
    ...overrides,
  } as never;
}
