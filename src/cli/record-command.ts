import { ExitCode, UsageError } from "../errors.js";
import type { EventInput } from "../metrics/event-schema.js";
import { recordEvent } from "../metrics/record-event.js";
import type { GlobalOptions } from "./main.js";
import { openMetricsContext } from "./metrics-command.js";

export interface RecordCommandOptions extends GlobalOptions {
  env?: string;
  version?: string;
  commit?: string;
  startedAt?: string;
  finishedAt?: string;
  openedAt?: string;
  resolvedAt?: string;
  status?: string;
  cause?: string;
  incident?: string;
  id?: string;
  rework?: boolean;
  planned?: boolean;
  fixes?: string;
  rollback?: boolean;
  reason?: string;
  title?: string;
  url?: string;
  repo?: string;
  json?: boolean;
  now?: string;
}

const KINDS = ["deploy", "incident", "recovery"] as const;

/** `shipready record deploy|incident|recovery`: one event, as a CD system or an on-call tool reports it. */
export async function runRecordCommand(kind: string, opts: RecordCommandOptions): Promise<number> {
  if (!KINDS.includes(kind as (typeof KINDS)[number])) {
    throw new UsageError(
      `"${kind}" is not something shipready records`,
      "Record a deploy, an incident or a recovery.",
    );
  }
  if (opts.rework && opts.planned)
    throw new UsageError("--rework and --planned contradict each other", "Give one.");
  const context = await openMetricsContext(opts);
  try {
    const now = context.ports.clock.now().toISOString();
    const environment = opts.env ?? context.config.metrics.defaultEnvironment;
    const defined = <T extends object>(value: T): T =>
      Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
    let input: EventInput;
    if (kind === "deploy") {
      const status = (opts.status ?? "success") as Extract<EventInput, { type: "deploy" }>["status"];
      input = defined({
        type: "deploy",
        id: opts.id,
        environment,
        version: opts.version,
        commit: opts.commit,
        startedAt: opts.startedAt ?? (status === "running" ? now : undefined),
        finishedAt: opts.finishedAt ?? (status === "running" ? undefined : now),
        status,
        reason: opts.reason,
        rework: opts.rework ? true : opts.planned ? false : undefined,
        fixes: opts.fixes,
        url: opts.url,
      });
    } else if (kind === "incident") {
      if (opts.id === undefined)
        throw new UsageError(
          "an incident needs --id",
          "Give the incident's id in your on-call tool, such as --id INC-42.",
        );
      input = defined({
        type: "incident",
        id: opts.id,
        environment: opts.env,
        openedAt: opts.openedAt ?? (opts.resolvedAt === undefined ? now : undefined),
        resolvedAt: opts.resolvedAt,
        cause: opts.cause,
        title: opts.title,
        url: opts.url,
      });
    } else {
      input = defined({
        type: "recovery",
        id: opts.id,
        environment,
        at: opts.finishedAt ?? now,
        kind: opts.rollback ? "rollback" : "fix",
        status: opts.status as "success" | "failure" | undefined,
        cause: opts.cause,
        incident: opts.incident,
        version: opts.version,
        commit: opts.commit,
        reason: opts.reason,
      });
    }
    const { event, result } = await recordEvent(context.store, input, context.repo);
    const ref = `${event.source}:${event.sourceId}`;
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ kind, ref, event, result }, null, 2)}\n`);
    } else {
      const what = result.inserted > 0 ? "Recorded" : result.updated > 0 ? "Updated" : "Already recorded:";
      process.stdout.write(`${what} ${kind} ${ref} of ${context.repo} in ${context.storeLabel}.\n`);
    }
    return ExitCode.Ok;
  } finally {
    await context.store.close();
  }
}
