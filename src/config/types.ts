/** shipready.yml as normalised: every capability's settings in one object. */
import type { StatusWords } from "../readiness/core/classify-status.js";
import type {
  Band,
  CategorySpec,
  CiSnapshotSettings,
  HistorySettings,
  InconclusivePolicy,
  Waiver,
} from "../readiness/types.js";
import type { BadgeSettings, CommitSettings, NotifySettings } from "../delivery/types.js";
import type { EvidenceSpec } from "../evidence/types.js";
import type { GitHubSettings } from "../types.js";
import type { ReleaseSettings } from "../release/types.js";
import type { DeployStrategy } from "../deploy/types.js";
import type { MetricsSettings } from "../metrics/types.js";

/** A category as configured: which headings form it, its weight, whether it vetoes. */
export interface CategoryRule extends CategorySpec {
  /** Headings whose gates belong to this category (matched by whole words, emoji and case ignored). */
  headings: string[];
}

/** Settings for one gate, found by its name (and category when the name is ambiguous). */
export interface GateRule {
  gate: string;
  category?: string;
  required?: boolean;
  /** Evidence the gate's status comes from; the written status stands when empty. */
  evidence?: EvidenceSpec[];
  /** Line in shipready.yml, for messages. */
  line?: number;
}

export interface ConfiguredWaiver extends Waiver {
  /** Line in shipready.yml, for messages. */
  line?: number;
}

/** How large a checklist shipready reads. */
export interface ChecklistLimits {
  checklistBytes: number;
  lines: number;
  gates: number;
}

/** shipready.yml after validation and normalisation, with the embedded defaults filled in. */
export interface ShipreadyConfig {
  /** The config file this came from; null when only the embedded defaults apply. */
  file: string | null;
  /** The folder relative paths are resolved against (the config file's folder, or the checklist's). */
  root: string;
  /** The checklist to read when none is named on the command line. Absolute path. */
  checklist: string | null;
  threshold: number;
  /** null: find categories from the document (the seed's scheme when its headings are there, else one per heading). */
  categories: CategoryRule[] | null;
  gates: GateRule[];
  waivers: ConfiguredWaiver[];
  /** Highest first. */
  bands: Band[];
  inconclusive: InconclusivePolicy;
  /** Words added to the status vocabulary, by outcome (`statuses:`). */
  statuses: StatusWords;
  /** How large a checklist is read (`limits:`). */
  limits: ChecklistLimits;
  /** How a table with several status columns is read (`matrix:`). */
  matrix: "per-cell" | "per-row";
  history: HistorySettings;
  github: GitHubSettings;
  ciSnapshot: CiSnapshotSettings;
  release: ReleaseSettings;
  commit: CommitSettings;
  notify: NotifySettings;
  badge: BadgeSettings;
  /** Environment variables whose values are secrets although their names do not say so (`secrets:`). */
  secrets: string[];
  /** The release strategy: deploy, verify, roll back (strategy:, rollback:, validation:, monitoring:, ...); null when none is written. */
  strategy: DeployStrategy | null;
  /** Delivery performance: where events are kept and how they are read (`metrics:`). */
  metrics: MetricsSettings;
}
