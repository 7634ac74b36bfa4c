import { dirname, relative } from "node:path";
import { historyNameOf } from "../readiness/checklist-history.js";
import { buildNotification } from "./core/build-notification.js";
import { decideNotification, type NotifiedState } from "./core/decide-notification.js";
import { parseRemote } from "../shared/parse-remote.js";
import { ShipreadyError } from "../errors.js";
import { renderSlackBlocks } from "./core/render-slack-blocks.js";
import { renderWebhookPayload } from "./core/render-webhook-payload.js";
import type { ResolvedNotifyTarget } from "./resolve-notify-targets.js";
import type { Files, Git } from "../ports.js";
import type { HistoryStore } from "../readiness/ports.js";
import type { Notifier, NotifyFailure } from "./ports.js";
import type { CiSnapshot, HistoryRecord, HistorySettings, Readiness } from "../readiness/types.js";
import type { NotifyPolicy } from "./types.js";
import type { ShipreadyConfig } from "../config/types.js";

/** What `--notify` did, per target ("slack", "webhook"). */
export interface NotifyReport {
  policy: NotifyPolicy;
  sent: string[];
  skipped: { target: string; reason: string }[];
  failed: { target: string; status: number | null; message: string; fix: string }[];
  /** With --dry-run: what would be sent, to which target, and why. */
  wouldSend?: { target: string; reason: string; payload: unknown }[];
  /** The state file, when this run rewrote it (update --commit commits it with the history). */
  stateWritten?: string;
}

/** notified.json: per checklist, what each target was last told. */
interface NotifyStateFile {
  v: 1;
  checklists: Record<string, Record<string, NotifiedState>>;
}

/**
 * Sends the run's readiness to each target its policy allows, and remembers what was sent, so that
 * on-change knows in a fresh clone too. Never throws for a failed send: the update has already been
 * written and recorded, and a notification must not undo that.
 */
export async function notifyReadiness(input: {
  targets: ResolvedNotifyTarget[];
  config: ShipreadyConfig;
  readiness: Readiness;
  checklistPath: string;
  snapshot: CiSnapshot | null;
  /** The repository's web address as GitHub gave it; found from config and the remote when null. */
  repositoryUrl: string | null;
  at: string;
  dryRun: boolean;
  files: Files;
  git: Git;
  env: Readonly<Record<string, string | undefined>>;
  openHistory(settings: HistorySettings): Promise<HistoryStore>;
  notifier: Notifier;
  signal?: AbortSignal;
}): Promise<NotifyReport> {
  const { config, readiness } = input;
  const settings = config.notify;
  const report: NotifyReport = { policy: settings.policy, sent: [], skipped: [], failed: [] };
  const dir = dirname(input.checklistPath);
  const checklist = await historyNameOf(input.checklistPath, config.root, input.git);
  const commit = await input.git.headCommit(dir);
  const state = await readState(input.files, settings.state);
  const remembered = state.file.checklists[checklist] ?? {};
  let previous: HistoryRecord | null = null;
  let previousRead = false;
  let changed = false;

  for (const target of input.targets) {
    const decision = decideNotification({
      policy: settings.policy,
      readiness,
      last: remembered[target.kind] ?? null,
    });
    if (!decision.send) {
      report.skipped.push({ target: target.kind, reason: decision.reason });
      continue;
    }
    if (!previousRead) {
      previous = await previousRun(input, checklist);
      previousRead = true;
    }
    const notification = buildNotification({
      readiness,
      checklist,
      previous,
      snapshot: input.snapshot,
      links: await linksOf(input, checklist),
      at: input.at,
      commit,
      reason: decision.reason,
    });
    const payload =
      target.kind === "slack" ? renderSlackBlocks(notification) : renderWebhookPayload(notification);
    if (input.dryRun) {
      (report.wouldSend ??= []).push({ target: target.kind, reason: decision.reason, payload });
      continue;
    }
    const delivery = await input.notifier.post(target, payload, input.signal ? { signal: input.signal } : {});
    if (delivery.ok) {
      report.sent.push(target.kind);
      remembered[target.kind] = {
        at: input.at,
        score: readiness.score,
        band: readiness.band.name,
        ready: readiness.ready,
      };
      changed = true;
    } else {
      report.failed.push({
        target: target.kind,
        status: delivery.status,
        message: `the notification was not sent: ${delivery.message}`,
        fix: fixFor(delivery.failure, target),
      });
    }
  }
  if (state.warning) report.skipped.push({ target: "state", reason: state.warning });
  if (changed) {
    state.file.checklists[checklist] = remembered;
    try {
      await input.files.writeAtomic(settings.state, serializeState(state.file));
      report.stateWritten = settings.state;
    } catch (error) {
      if (!(error instanceof ShipreadyError)) throw error;
      report.failed.push({
        target: "state",
        status: null,
        message: `what was sent could not be remembered in ${relative(config.root, settings.state)}: ${error.message}`,
        fix: "Make the file writable, or set notify.state in shipready.yml; until then on-change may send again.",
      });
    }
  }
  return report;
}

function fixFor(failure: NotifyFailure, target: ResolvedNotifyTarget): string {
  const slack = target.kind === "slack";
  switch (failure) {
    case "revoked":
      return slack
        ? "Create a new incoming webhook in Slack (Apps > Incoming Webhooks) and put its URL in SLACK_WEBHOOK_URL (or the variable notify.slack.webhook names)."
        : "Check notify.webhook.url in shipready.yml and the credentials in its headers.";
    case "rejected":
      return slack
        ? "Slack refused the message; run again with --dry-run --json to see the payload, and report it."
        : "Check what the receiver expects; the payload is documented in the README.";
    case "rate-limited":
    case "server":
      return `${slack ? "Slack may be having trouble (https://status.slack.com)" : "The receiver may be having trouble"}; the next run sends again.`;
    case "redirect":
      return "Use the webhook's current URL: redirects are not followed.";
    case "timeout":
    case "unreachable":
      return "Check the network between here and the webhook; the next run sends again.";
    case "aborted":
      return "Run again.";
    case "bad-url":
      return "Set the webhook's full http or https URL.";
    case "address-refused":
      return slack
        ? "Set SLACK_WEBHOOK_URL (or the variable notify.slack.webhook names) to the webhook's real URL; link-local and cloud metadata addresses are never sent to."
        : "Set notify.webhook.url in shipready.yml to the receiver's real address; link-local and cloud metadata addresses are never sent to (loopback is allowed).";
  }
}

/** The run before this one of the same checklist, for "the change since the last run". */
async function previousRun(
  input: {
    config: ShipreadyConfig;
    at: string;
    openHistory(settings: HistorySettings): Promise<HistoryStore>;
  },
  checklist: string,
): Promise<HistoryRecord | null> {
  if (!input.config.history.enabled) return null;
  let store: HistoryStore;
  try {
    store = await input.openHistory(input.config.history);
  } catch (error) {
    if (error instanceof ShipreadyError) return null;
    throw error;
  }
  try {
    const earlier = (await store.list()).filter((r) => r.checklist === checklist && r.at < input.at);
    return earlier.at(-1) ?? null;
  } catch (error) {
    // History that cannot be read only costs the message its "since the last run".
    if (error instanceof ShipreadyError) return null;
    throw error;
  } finally {
    store.close();
  }
}

/** Links to the checklist and the CI runs: configured ones first, else built from the repository on GitHub. */
async function linksOf(
  input: {
    config: ShipreadyConfig;
    snapshot: CiSnapshot | null;
    repositoryUrl: string | null;
    git: Git;
    env: Readonly<Record<string, string | undefined>>;
    checklistPath: string;
  },
  checklist: string,
): Promise<{ checklist: string | null; ci: string | null }> {
  const { config, snapshot } = input;
  const web = await repositoryWebUrl(input);
  // blob/HEAD is the default branch on GitHub, when the snapshot did not ask which it is.
  const branch = snapshot?.branch ?? "HEAD";
  const path = checklist.split(/[\\/]/).map(encodeURIComponent).join("/");
  return {
    checklist:
      config.notify.checklistUrl ?? (web ? `${web}/blob/${encodeURIComponent(branch)}/${path}` : null),
    ci: config.notify.ciUrl ?? snapshot?.actionsUrl ?? (web ? `${web}/actions` : null),
  };
}

async function repositoryWebUrl(input: {
  config: ShipreadyConfig;
  repositoryUrl: string | null;
  git: Git;
  env: Readonly<Record<string, string | undefined>>;
  checklistPath: string;
}): Promise<string | null> {
  if (input.repositoryUrl !== null) return input.repositoryUrl;
  const remoteUrl = await input.git.remoteUrl(dirname(input.checklistPath));
  const remote = remoteUrl === null ? null : parseRemote(remoteUrl);
  const repo = input.config.github.repo ?? input.env.GITHUB_REPOSITORY ?? remote?.repo ?? null;
  if (repo === null || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return null;
  const server =
    input.env.GITHUB_SERVER_URL ??
    (remote && remote.repo === repo ? `https://${remote.host}` : "https://github.com");
  return `${server.replace(/\/+$/, "")}/${repo}`;
}

async function readState(files: Files, path: string): Promise<{ file: NotifyStateFile; warning?: string }> {
  const empty: NotifyStateFile = { v: 1, checklists: {} };
  if (!(await files.exists(path))) return { file: empty };
  try {
    const parsed = JSON.parse(await files.readText(path)) as unknown;
    if (isStateFile(parsed)) return { file: parsed };
  } catch (error) {
    if (!(error instanceof SyntaxError) && !(error instanceof ShipreadyError)) throw error;
  }
  return {
    file: empty,
    warning: `${path} is not a notification state shipready wrote; it is started afresh, so on-change sends as if nothing had been sent`,
  };
}

function isStateFile(value: unknown): value is NotifyStateFile {
  if (typeof value !== "object" || value === null) return false;
  const file = value as { v?: unknown; checklists?: unknown };
  if (file.v !== 1 || typeof file.checklists !== "object" || file.checklists === null) return false;
  return Object.values(file.checklists).every(
    (targets) =>
      typeof targets === "object" &&
      targets !== null &&
      Object.values(targets as object).every(
        (s: unknown) =>
          typeof s === "object" &&
          s !== null &&
          typeof (s as NotifiedState).band === "string" &&
          typeof (s as NotifiedState).ready === "boolean" &&
          typeof (s as NotifiedState).at === "string",
      ),
  );
}

/** Sorted keys and one entry per line, so the committed file changes only where a notification did. */
function serializeState(file: NotifyStateFile): string {
  const checklists = Object.fromEntries(
    Object.keys(file.checklists)
      .sort()
      .map((name) => {
        const targets = file.checklists[name]!;
        return [
          name,
          Object.fromEntries(
            Object.keys(targets)
              .sort()
              .map((t) => {
                const s = targets[t]!;
                return [t, { at: s.at, score: s.score, band: s.band, ready: s.ready }];
              }),
          ),
        ];
      }),
  );
  return `${JSON.stringify({ v: 1, checklists }, null, 2)}\n`;
}
