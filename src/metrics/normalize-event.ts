import type { z } from "zod";
import { findCauseInText, parseCause } from "./core/parse-cause.js";
import type { eventSchema, EventInput } from "./event-schema.js";
import type { DeployEvent, EventSource, IncidentEvent, RecoveryEvent } from "./types.js";

type Parsed = z.output<typeof eventSchema>;

/** One validated event, normalised: times in UTC, defaults filled, the id derived when none is given. */
export function toEvent(
  input: Parsed | EventInput,
  defaults: { repo: string; source: EventSource },
): DeployEvent | IncidentEvent | RecoveryEvent | { problem: string } {
  const iso = (t: string | undefined) => (t === undefined ? null : new Date(t).toISOString());
  const repo = input.repo ?? defaults.repo;
  if (input.type === "deploy") {
    const finished = iso(input.finishedAt) ?? (input.status === "running" ? iso(input.startedAt) : null);
    if (finished === null) {
      return {
        problem:
          input.status === "running"
            ? "deploy: a running deploy needs startedAt. Add it."
            : "deploy: finishedAt: missing. Write when it went live (or failed to).",
      };
    }
    const started = iso(input.startedAt);
    return {
      repo,
      source: defaults.source,
      sourceId:
        input.id ??
        `${input.environment}:${input.version ?? input.commit?.slice(0, 12) ?? "unknown"}:${started ?? finished}`,
      environment: input.environment,
      version: input.version ?? null,
      commit: input.commit?.toLowerCase() ?? null,
      startedAt: started,
      finishedAt: finished,
      status: input.status,
      statusReason: input.reason ?? null,
      rework: input.rework ?? null,
      fixes: input.fixes ?? null,
      changes:
        input.changes?.map((c) => ({
          sha: c.sha.toLowerCase(),
          at: iso(c.at)!,
          subject: c.subject ?? null,
        })) ?? null,
      url: input.url ?? null,
    };
  }
  if (input.type === "incident") {
    const named =
      input.cause === undefined ? null : (findCauseInText(input.cause) ?? parseCause(input.cause));
    return {
      repo,
      source: defaults.source,
      sourceId: input.id,
      environment: input.environment ?? null,
      // Checked by the caller: an incident recorded before may be resolved without its opening time.
      openedAt: iso(input.openedAt) ?? "",
      resolvedAt: iso(input.resolvedAt),
      causeVersion: named?.version ?? null,
      causeCommit: named?.commit ?? null,
      causeDeployId: named?.deployId ?? null,
      title: input.title ?? null,
      url: input.url ?? null,
    };
  }
  const named = input.cause === undefined ? null : (findCauseInText(input.cause) ?? parseCause(input.cause));
  const kind = input.kind ?? "fix";
  return {
    repo,
    source: defaults.source,
    sourceId:
      input.id ?? `${input.environment}:${input.cause ?? input.incident ?? "recovery"}:${iso(input.at)}`,
    environment: input.environment,
    at: iso(input.at)!,
    kind,
    succeeded: (input.status ?? "success") === "success",
    causeDeployId: named?.deployId ?? null,
    causeVersion: named?.version ?? null,
    causeCommit: named?.commit ?? null,
    incidentId: input.incident ?? null,
    fixVersion: kind === "fix" ? (input.version ?? null) : null,
    fixCommit: kind === "fix" ? (input.commit?.toLowerCase() ?? null) : null,
    reason: input.reason ?? null,
  };
}
