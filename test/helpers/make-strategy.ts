import { join } from "node:path";
import type { DeployStrategy, EnvironmentSpec } from "../../src/deploy/types.js";

/** An environment as shipready.yml's environments: normalises one. */
export function environment(name: string, extra: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  return { name, public: false, vars: {}, ...extra };
}

/** A strategy with nothing but what deploy effects read: environments, incident settings and the files. */
export function makeStrategy(root: string, extra: Partial<DeployStrategy> = {}): DeployStrategy {
  return {
    stages: [],
    gates: [],
    triggers: [],
    procedures: [],
    validationGates: [],
    metrics: [],
    alerts: [],
    analytics: [],
    tasks: [],
    workflows: [],
    steps: {},
    checks: {},
    environments: [environment("production")],
    defaultEnvironment: "production",
    canary: null,
    incident: { github: true, labels: ["incident", "shipready"], notify: true },
    recordsFile: join(root, ".shipready", "deploys.jsonl"),
    locksDir: join(root, ".shipready", "locks"),
    evidenceRoot: null,
    ...extra,
  };
}
