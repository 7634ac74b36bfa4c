import { InputError } from "../errors.js";
import { eventSchema, type EventInput } from "./event-schema.js";
import type { MetricsStore, PutResult } from "./ports.js";
import { toEvent } from "./normalize-event.js";
import type { DeployEvent, IncidentEvent, RecoveryEvent } from "./types.js";

/**
 * Records one event a CD system or an on-call tool reports (`shipready record`). An incident given
 * again by its id with only `resolvedAt` resolves the one recorded before.
 */
export async function recordEvent(
  store: MetricsStore,
  input: EventInput,
  repo: string,
): Promise<{ event: DeployEvent | IncidentEvent | RecoveryEvent; result: PutResult }> {
  const parsed = eventSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  --${flagOf(String(issue.path[0] ?? "type"))}: ${issue.message}`,
    );
    throw new InputError(
      `the ${input.type} cannot be recorded:\n${problems.join("\n")}`,
      "Fix those flags and run again.",
    );
  }
  const event = toEvent(parsed.data, { repo, source: "record" });
  if ("problem" in event)
    throw new InputError(`the ${input.type} cannot be recorded: ${event.problem}`, flagFix(event.problem));
  if ("openedAt" in event && event.openedAt === "") {
    const known = await store.incident(event.repo, event.source, event.sourceId);
    if (!known) {
      throw new InputError(
        `incident ${event.sourceId} is not recorded yet, so it needs --opened-at`,
        "Give --opened-at when an incident is first recorded; later, --id with --resolved-at resolves it.",
      );
    }
    event.openedAt = known.openedAt;
  }
  if (
    "kind" in event &&
    event.causeDeployId === null &&
    event.causeVersion === null &&
    event.causeCommit === null &&
    event.incidentId === null
  ) {
    throw new InputError(
      "a recovery must say what it recovers from",
      "Give --cause with the failed deploy's version, commit or deploy:<id>, or --incident with the incident's id.",
    );
  }
  const result = await store.put(
    "finishedAt" in event
      ? { deploys: [event] }
      : "openedAt" in event
        ? { incidents: [event] }
        : { recoveries: [event] },
  );
  return { event, result };
}

const FLAGS: Record<string, string> = {
  environment: "env",
  startedAt: "started-at",
  finishedAt: "finished-at",
  openedAt: "opened-at",
  resolvedAt: "resolved-at",
  at: "finished-at",
};

function flagOf(field: string): string {
  return FLAGS[field] ?? field;
}

function flagFix(problem: string): string {
  return problem.includes("startedAt") ? "Give --started-at." : "Give --finished-at (default: now).";
}
