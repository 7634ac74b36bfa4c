import path from "node:path";
import type { ShipreadyConfig } from "./types.js";
import {
  DEFAULT_LIMITS,
  DEFAULT_METRICS,
  DEFAULT_BADGE,
  DEFAULT_BANDS,
  DEFAULT_CI_SNAPSHOT,
  DEFAULT_COMMIT,
  DEFAULT_GITHUB_CACHE,
  DEFAULT_RELEASE,
  DEFAULT_HISTORY_FILE,
  DEFAULT_HISTORY_INDEX,
  DEFAULT_NOTIFY_STATE,
  DEFAULT_SLACK_WEBHOOK,
  DEFAULT_THRESHOLD,
  DEFAULT_TREND_WINDOW,
} from "./defaults.js";

/** The configuration when there is no shipready.yml: the embedded defaults, paths resolved against `root`. */
export function defaultConfig(root: string): ShipreadyConfig {
  const folder = path.resolve(root);
  return {
    file: null,
    root: folder,
    checklist: null,
    threshold: DEFAULT_THRESHOLD,
    categories: null,
    gates: [],
    waivers: [],
    bands: DEFAULT_BANDS.map((band) => ({ ...band })),
    inconclusive: "zero",
    statuses: {},
    limits: { ...DEFAULT_LIMITS },
    matrix: "per-cell",
    history: {
      enabled: true,
      file: path.resolve(folder, DEFAULT_HISTORY_FILE),
      index: path.resolve(folder, DEFAULT_HISTORY_INDEX),
      window: DEFAULT_TREND_WINDOW,
    },
    github: {
      repo: null,
      apiUrl: null,
      cache: path.resolve(folder, DEFAULT_GITHUB_CACHE),
      deadlineMs: 60_000,
    },
    ciSnapshot: { ...DEFAULT_CI_SNAPSHOT },
    release: {
      ...DEFAULT_RELEASE,
      commitTypes: [...DEFAULT_RELEASE.commitTypes],
      versionFiles: null,
      changelogFile: path.resolve(folder, DEFAULT_RELEASE.changelogFile),
      githubRelease: null,
    },
    commit: { ...DEFAULT_COMMIT },
    badge: { ...DEFAULT_BADGE, file: path.resolve(folder, DEFAULT_BADGE.file) },
    notify: {
      policy: "below-threshold",
      slack: { webhook: DEFAULT_SLACK_WEBHOOK, configured: false },
      webhook: null,
      checklistUrl: null,
      ciUrl: null,
      state: path.resolve(folder, DEFAULT_NOTIFY_STATE),
    },
    secrets: [],
    strategy: null,
    metrics: {
      store: path.resolve(folder, DEFAULT_METRICS.store),
      environments: { production: [...DEFAULT_METRICS.environments.production] },
      defaultEnvironment: "production",
      incidentLabels: [...DEFAULT_METRICS.incidentLabels],
      deployWorkflows: [],
      minSample: DEFAULT_METRICS.minSample,
      report: null,
      deployRecords: path.resolve(folder, DEFAULT_METRICS.deployRecords),
    },
  };
}
