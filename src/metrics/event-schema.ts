import { z } from "zod";
import { expecting, NOT_BLANK } from "../config/schema-wording.js";
import { DEPLOY_STATUSES } from "./types.js";

/**
 * Events as other tools write them, for `shipready metrics import` (JSON, JSON lines, CSV) and
 * `shipready record`. Input shape only: schema/events.schema.json is generated from it.
 */

const TIME_FIX = "Write an ISO 8601 time with its offset, such as 2026-03-02T14:05:00Z.";
const time = (what: string) =>
  z
    .string(expecting("an ISO 8601 time with an offset", TIME_FIX))
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, {
      error: (issue) =>
        `expected an ISO 8601 time with an offset, got ${JSON.stringify(issue.input)}. ${TIME_FIX}`,
      abort: true,
    })
    .refine((text) => !Number.isNaN(Date.parse(text)), { error: `is not a real time. ${TIME_FIX}` })
    .meta({ description: what });

const text = (what: string, example: string) =>
  z
    .string(expecting(what, `Write it as text, such as ${example}.`))
    .regex(NOT_BLANK)
    .meta({ description: what });

const id = text(
  "The event's id in the tool that made it: re-importing an id replaces the event instead of adding it.",
  '"deploy-4812"',
);
const repo = text("owner/name of the repository; defaults to the one being measured.", '"acme/shop"');
const environment = text(
  "The environment as the tool names it (prod, production): shipready.yml's metrics.environments maps names.",
  "production",
);
const version = text("The version deployed, as tagged (v1.4.2).", "v1.4.2");
const commit = z
  .string(expecting("a commit sha", "Write the commit's sha, 7 to 40 hexadecimal characters."))
  .regex(/^[0-9a-fA-F]{7,40}$/, { error: "expected a commit sha of 7 to 40 hexadecimal characters." })
  .meta({ description: "The commit deployed (full sha, or 7 characters or more)." });
const url = z
  .url({ error: "expected a URL such as https://ci.example.com/runs/4812." })
  .meta({ description: "Where to see the event (a CI run, an incident page)." });
const cause = text(
  "The deploy that caused it: a version (v1.4.2), a commit sha, deploy:<id>, or a link to a commit or release tag.",
  '"v1.4.2"',
);

export const changeSchema = z
  .strictObject(
    {
      sha: commit,
      at: time("When the change's first commit was made (for a squashed pull request, its first commit)."),
      subject: text("The first line of its message, to tell fix commits apart.", '"fix: totals"').optional(),
    },
    expecting("a change written as { sha, at }", 'Write { "sha": "3f2a9c1", "at": "2026-03-01T09:00:00Z" }.'),
  )
  .meta({ id: "Change", description: "A change the deploy took to production." });

export const deployEventSchema = z
  .strictObject({
    type: z.literal("deploy").meta({ description: "A deploy to an environment." }),
    id: id.optional(),
    repo: repo.optional(),
    environment,
    version: version.optional(),
    commit: commit.optional(),
    startedAt: time("When the deploy started.").optional(),
    finishedAt: time("When it went live (or failed to); required unless it is still running.").optional(),
    status: z
      .enum(DEPLOY_STATUSES, expecting(DEPLOY_STATUSES.join(", "), 'Write "status": "success".'))
      .meta({
        description:
          "success: it went out and stayed; failure: it went out and failed; rolled-back; aborted: it never went out; running.",
      }),
    reason: text("Why it failed or was rolled back.", '"error ratio 8% over 1%"').optional(),
    rework: z.boolean(expecting("true or false", 'Write "rework": true.')).optional().meta({
      description:
        "true: unplanned work to fix a failure (a hotfix); false: planned, whatever its commits say. Absent: derived.",
    }),
    fixes: text(
      "The failure it fixes: a version, a commit, deploy:<id> or an incident id.",
      '"v1.4.2"',
    ).optional(),
    changes: z
      .array(
        changeSchema,
        expecting("a list of changes", 'Write "changes": [{ "sha": "3f2a9c1", "at": "..." }].'),
      )
      .optional()
      .meta({
        description:
          "The changes deployed; absent: the commits git finds since the previous successful deploy.",
      }),
    url: url.optional(),
  })
  .meta({ id: "DeployEvent", description: "A deploy." });

export const incidentEventSchema = z
  .strictObject({
    type: z.literal("incident").meta({ description: "A production incident." }),
    id: text(
      "The incident's id in the tool that made it; record it again with resolvedAt to resolve it.",
      '"INC-42"',
    ),
    repo: repo.optional(),
    environment: environment.optional(),
    openedAt: time("When it was opened.").optional(),
    resolvedAt: time("When it was resolved; absent while it is open.").optional(),
    cause: cause.optional(),
    title: text("What happened.", '"Checkout fails"').optional(),
    url: url.optional(),
  })
  .meta({ id: "IncidentEvent", description: "An incident: a failure users met." });

export const recoveryEventSchema = z
  .strictObject({
    type: z.literal("recovery").meta({ description: "A recovery from a failed deploy." }),
    id: id.optional(),
    repo: repo.optional(),
    environment,
    at: time("When service was restored (or the attempt ended)."),
    kind: z
      .enum(["rollback", "fix"], expecting("rollback or fix", 'Write "kind": "rollback".'))
      .optional()
      .meta({ description: "rollback: back to what ran before; fix: a fix deployed (the default)." }),
    status: z
      .enum(["success", "failure"], expecting("success or failure", 'Write "status": "success".'))
      .optional()
      .meta({ description: "Whether it restored service (default success)." }),
    cause: cause.optional(),
    incident: text("The incident it resolves, by its id.", '"INC-42"').optional(),
    version: version
      .optional()
      .meta({ description: "What was deployed to recover (for a fix, that deploy is rework)." }),
    commit: commit.optional().meta({ description: "The commit deployed to recover." }),
    reason: text("Why it was needed.", '"error ratio 8%"').optional(),
  })
  .meta({ id: "RecoveryEvent", description: "A rollback or a fix of a failed deploy." });

export const eventSchema = z
  .discriminatedUnion("type", [deployEventSchema, incidentEventSchema, recoveryEventSchema], {
    error: (issue) =>
      issue.code === "invalid_union"
        ? 'has no known "type": write "type": "deploy", "incident" or "recovery".'
        : undefined,
  })
  .meta({ id: "Event", description: "One event: a deploy, an incident or a recovery." });

export type EventInput = z.input<typeof eventSchema>;

/** A JSON events file: a list of events, or { "events": [...] }. JSON lines hold one event a line. */
export const eventFileSchema = z
  .union([
    z.array(eventSchema).meta({ description: "The events, in any order." }),
    z
      .strictObject({
        $schema: z.string().optional().meta({ description: "This schema's URL, for editors." }),
        events: z.array(eventSchema).meta({ description: "The events, in any order." }),
      })
      .meta({ description: "The events under one key." }),
  ])
  .meta({ description: "Delivery events for `shipready metrics import`." });

export const EVENTS_SCHEMA_ID = "https://shipready.dev/schema/events.schema.json";

/** schema/events.schema.json as it should be committed: generated from the validation schema. */
export function renderEventsJsonSchema(): string {
  const { $schema, ...rest } = z.toJSONSchema(eventFileSchema);
  return `${JSON.stringify({ $schema, $id: EVENTS_SCHEMA_ID, title: "shipready delivery events", ...rest }, null, 2)}\n`;
}
