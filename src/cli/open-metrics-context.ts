import { existsSync } from "node:fs";
import { basename } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { chooseMetricsStore, openMetricsStore } from "../adapters/open-metrics-store.js";
import { loadConfig } from "../config/load-config.js";
import type { ShipreadyConfig } from "../config/types.js";
import { UsageError } from "../errors.js";
import type { MetricsStore } from "../metrics/ports.js";
import type { RunPorts } from "../delivery/ports.js";
import { parseRemote } from "../shared/parse-remote.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";

/** What every metrics and record command starts from: the config, the repository, the store. */
export interface MetricsContext {
  cwd: string;
  ports: RunPorts;
  config: ShipreadyConfig;
  repo: string;
  store: MetricsStore;
  storeLabel: string;
}

/** The same before the store is opened: pages open it per request, and only when it exists. */
export type MetricsSetup = Omit<MetricsContext, "store"> & {
  /** Whether the store's file is there (a page never creates it). */
  storeExists(): boolean;
  openStore(): Promise<MetricsStore>;
};

export async function resolveMetricsSetup(
  opts: GlobalOptions & { repo?: string; now?: string },
): Promise<MetricsSetup> {
  const cwd = process.cwd();
  const ports = createDefaultPorts({ clock: chooseClock(opts.now, process.env) });
  const { config } = await loadConfig(
    { cwd, near: cwd, ...(opts.config ? { config: opts.config } : {}) },
    ports,
  );
  const repo = opts.repo ?? (await repositoryName(config, ports));
  if (!/\S/.test(repo))
    throw new UsageError(`--repo "${repo}" is empty`, "Give owner/name, such as --repo acme/shop.");
  // SHIPREADY_DATABASE_URL makes it PostgreSQL, else the SQLite file of metrics.store. The store's
  // client (pg or the native SQLite addon) is loaded only when the store is opened.
  const choice = chooseMetricsStore(process.env, config.metrics, cwd);
  return {
    cwd,
    ports,
    config,
    repo,
    storeLabel: choice.label,
    storeExists: () => choice.kind === "postgres" || existsSync(choice.file),
    openStore: () => openMetricsStore(choice),
  };
}

export async function openMetricsContext(
  opts: GlobalOptions & { repo?: string; now?: string },
): Promise<MetricsContext> {
  const { storeExists: _exists, openStore, ...setup } = await resolveMetricsSetup(opts);
  return { ...setup, store: await openStore() };
}

/** owner/name from shipready.yml, else from the git remote, else the repository folder's name. */
async function repositoryName(config: ShipreadyConfig, ports: RunPorts): Promise<string> {
  if (config.github.repo) return config.github.repo;
  const remote = await ports.git.remoteUrl(config.root);
  return (remote ? parseRemote(remote)?.repo : undefined) ?? basename(config.root);
}
