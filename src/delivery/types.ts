/** What delivery is told to do: badge, readiness commits, notifications and what they carry. */
import type { ReadinessOptions, ReadinessRun } from "../readiness/types.js";
import type { NotifyReport } from "./notify-readiness.js";
import type { Band, Blocker, PathToReady } from "../readiness/types.js";
import type { DeployEventType } from "../deploy/ports.js";
import type { DeployRecord } from "../deploy/types.js";

/** The SVG readiness badge for a README. */
export interface BadgeSettings {
  /** Where `shipready badge` writes it and `update` keeps it. Absolute path. */
  file: string;
  /** The badge's left-hand text. */
  label: string;
  /** Whether `update` rewrites the badge after the checklist. */
  update: boolean;
}

/** How `update --commit` commits the checklist and the history record, and pushes them. */
export interface CommitSettings {
  /** git: commit here and push with git; api: make the commit on GitHub through its API (signed by GitHub). */
  via: "git" | "api";
  /** The message; {score}, {band} and {checklist} are filled in. */
  message: string;
  /** Append [skip ci], so that the commit starts no workflow. */
  skipCi: boolean;
  /** The git remote pushed to. */
  remote: string;
  /** How many times a push refused because the branch moved is tried again. */
  retries: number;
}

/** When `update --notify` sends: when not ready, when the band or verdict changed since the last notification, or every run. */
export type NotifyPolicy = "below-threshold" | "on-change" | "always";

/** Where and when `update --notify` sends. URLs and header values may name environment variables as ${NAME}. */
export interface NotifySettings {
  policy: NotifyPolicy;
  /** The Slack incoming webhook; `configured` is false when only the default ${SLACK_WEBHOOK_URL} applies, which may be unset. */
  slack: { webhook: string; configured: boolean };
  /** A generic JSON webhook; null when none is configured. */
  webhook: { url: string; headers: Record<string, string> } | null;
  /** The link to the checklist; null: built from the repository's web URL, branch and the checklist's path. */
  checklistUrl: string | null;
  /** The link to the CI runs; null: the repository's Actions page. */
  ciUrl: string | null;
  /** What was last notified per checklist and target, for on-change; committed with history. Absolute path. */
  state: string;
}

/** What a notification says about a run: the renderers of Slack and webhook payloads read only this. */
export interface ReadinessNotification {
  /** The checklist's path in the repository, as history records it. */
  checklist: string;
  score: number;
  band: Band;
  ready: boolean;
  threshold: number;
  coverage: number;
  /** The previous run of this checklist in history; null when there is none. */
  previous: { at: string; score: number; band: string; ready: boolean } | null;
  /** Score minus the previous run's, one decimal; null without a previous run. */
  change: number | null;
  blockers: Blocker[];
  /** The fewest gates to pass to be ready; null when ready. */
  toReady: PathToReady | null;
  /** Workflows whose latest finished run failed, worst pass rate first; empty without a CI snapshot. */
  failingWorkflows: FailingWorkflow[];
  links: { checklist: string | null; ci: string | null };
  at: string;
  commit: string | null;
  /** Why it is being sent, as the policy decided. */
  reason: string;
}

export interface FailingWorkflow {
  name: string;
  url: string;
  /** The failed run; null when the snapshot has no link. */
  runUrl: string | null;
  conclusion: string;
  passRate: number | null;
}

/** A readiness run as the commands and the library ask for it: the run, then delivery. */
export interface RunOptions extends ReadinessOptions {
  /** With update: send the readiness to the configured webhooks as notify: in shipready.yml allows. */
  notify?: boolean;
}

/** The run's result with what was delivered from it. */
export interface RunResult extends ReadinessRun {
  /** What --notify sent, skipped and failed to send; a failure is among the warnings too. */
  notify?: NotifyReport;
  /** The badge as update kept it (badge.update in shipready.yml); `label` is its path relative to cwd. */
  badge?: { path: string; label: string; changed: boolean; written: boolean };
}

/** What a deploy notification says: the renderers of its Slack and webhook payloads read only this. */
export interface DeployNotification {
  /** What just happened. */
  event: DeployEventType;
  /** The deploy, verification or rollback, redacted, with the links made so far (incident, GitHub deployment). */
  record: DeployRecord;
  /** The environment's configured URL; null when none. */
  environmentUrl: string | null;
  /** When it is sent (ISO). */
  at: string;
}
