import { z } from "zod";
import { commitSchema } from "./commit-schema.js";
import { evidenceItemSchema } from "./evidence-schema.js";
import { describeValue, ENV_NAME, expecting, NOT_BLANK } from "./schema-wording.js";
import { badgeColorSchema, badgeSchema } from "./badge-schema.js";
import { ciSnapshotSchema, githubSchema } from "./github-schema.js";
import { notifySchema } from "./notify-schema.js";
import { releaseSchema } from "./release-schema.js";
import { metricsSchema } from "./metrics-schema.js";
import { strategyBlocks } from "./strategy-schema.js";
import { strategyBindings } from "./strategy-bindings-schema.js";

/**
 * shipready.yml as people write it. Input shape only (no transforms, no defaults), so that the JSON
 * Schema generated from it describes exactly what an editor should accept; defaults and path
 * resolution happen in parseConfig.
 */

const statusWordList = z
  .array(
    z
      .string(expecting("a word or phrase", 'Write the word as the checklist has it, such as "Shipped".'))
      .regex(NOT_BLANK),
    expecting("a list of words", 'Write a list such as ["Shipped", "Live"].'),
  )
  .min(1);

const statusWordsSchema = z
  .strictObject(
    {
      pass: statusWordList.optional().meta({ description: "Words that mean the gate passed." }),
      fail: statusWordList.optional().meta({ description: "Words that mean the gate failed." }),
      pending: statusWordList.optional().meta({ description: "Words that mean the gate is not done yet." }),
      warn: statusWordList
        .optional()
        .meta({ description: "Words that mean the gate passed with a warning." }),
      "n/a": statusWordList.optional().meta({ description: "Words that mean the gate does not apply." }),
    },
    expecting(
      "outcomes with their words",
      'Write statuses: { pass: ["Shipped"], fail: ["Broken"] }: the outcomes are pass, fail, pending, warn and n/a.',
    ),
  )
  .meta({
    description:
      "Words your checklists use for statuses, added to the built-in vocabulary (PASS, FAIL, PENDING, WARN, N/A, their emoji and GitHub shortcodes).",
  });

const positiveWhole = (what: string, example: string) =>
  z
    .number(expecting(`a whole number above 0 (${what})`, `Write a number such as ${example}.`))
    .int()
    .positive();

const limitsSchema = z
  .strictObject(
    {
      checklistMegabytes: positiveWhole("megabytes", "checklistMegabytes: 20")
        .optional()
        .meta({ description: "The largest checklist read, in megabytes (default 20)." }),
      lines: positiveWhole("lines", "lines: 1000000")
        .optional()
        .meta({ description: "The most lines a checklist may have (default 1,000,000)." }),
      gates: positiveWhole("gates", "gates: 250000")
        .optional()
        .meta({ description: "The most gates a checklist may have (default 250,000)." }),
    },
    expecting("limits", "Write limits: { checklistMegabytes: 20, lines: 1000000, gates: 250000 }."),
  )
  .meta({
    description:
      "How large a checklist shipready reads: a file beyond them is refused with its size, not read into memory.",
  });

/** YYYY-MM-DD; whether the day exists is checked apart, so the pattern can go into the JSON Schema. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** True when `text` (YYYY-MM-DD) names a day that exists: 2026-02-30 does not. */
function isCalendarDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const headingText = z.string(
  expecting(
    "a heading written as text",
    'Write the heading as the checklist has it, such as "Core Readiness Gates".',
  ),
);

export const categorySchema = z
  .strictObject(
    {
      name: z
        .string(expecting("the category's name", "Write its name, such as name: Core Gates."))
        .regex(NOT_BLANK)
        .meta({
          description: "The category's name, as reports show it and as gates and waivers refer to it.",
        }),
      heading: z
        .union(
          [
            headingText,
            z
              .array(
                headingText,
                expecting("a list of headings", 'Write heading: ["First heading", "Second"].'),
              )
              .min(1),
          ],
          expecting(
            "a heading or a list of headings",
            'Write heading: "Core Readiness Gates", or a list such as ["Core Gates", "Must Pass"].',
          ),
        )
        .optional()
        .meta({
          description:
            "The checklist heading (or headings) whose gates form this category, matched by whole words with emoji and case ignored; defaults to the name.",
        }),
      weight: z.number(expecting("a positive number", "Write a number such as 20.")).positive().meta({
        description:
          "The category's share of the total score, relative to the other weights (they need not sum to 100).",
      }),
      required: z
        .boolean(expecting("true or false", "Write required: true or required: false."))
        .optional()
        .meta({
          description:
            "When true, every gate in this category must pass (or be waived) for the release to be ready.",
        }),
    },
    expecting(
      "a category written as keys",
      "Write it as { name: Core Gates, heading: Core Readiness Gates, weight: 50 }.",
    ),
  )
  .meta({ description: "A category of gates: which headings form it, its weight and whether it vetoes." });

/** One gate's settings. Its own object so later keys (evidence:) are one line each. */
export const gateSettingSchema = z
  .strictObject(
    {
      gate: z
        .string(
          expecting(
            "the gate's name",
            "Write the gate's name as the checklist writes it, such as gate: Security Audit.",
          ),
        )
        .regex(NOT_BLANK)
        .meta({ description: "The gate's name as the checklist writes it (emoji and case ignored)." }),
      category: z
        .string(
          expecting(
            "a category's name",
            "Write the name of the category the gate is in, such as category: Core Gates.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The category the gate is in; needed only when two categories hold a gate of that name.",
        }),
      required: z
        .boolean(expecting("true or false", "Write required: true or required: false."))
        .optional()
        .meta({ description: "When true, the release is not ready unless this gate passes or is waived." }),
      evidence: z
        .array(
          evidenceItemSchema,
          expecting(
            "a list of evidence",
            "Write one - kind: { ... } line per piece of evidence, such as - junit: { files: reports/*.xml }.",
          ),
        )
        .min(1)
        .optional()
        .meta({
          description:
            "Evidence the gate's status comes from; the worst outcome of all of them wins. The written status stands when absent.",
        }),
    },
    expecting("a gate's settings written as keys", "Write them as { gate: Security Audit, required: true }."),
  )
  .meta({
    description: "Settings for one gate, found by its name (and category when the name is ambiguous).",
  });

export const waiverSchema = z
  .strictObject(
    {
      gate: z
        .string(
          expecting(
            "the gate's name",
            "Write the waived gate's name as the checklist writes it, such as gate: Load Testing.",
          ),
        )
        .regex(NOT_BLANK)
        .meta({ description: "The waived gate's name as the checklist writes it (emoji and case ignored)." }),
      category: z
        .string(
          expecting(
            "a category's name",
            "Write the name of the category the gate is in, such as category: Optional Gates.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The category the gate is in; needed only when two categories hold a gate of that name.",
        }),
      reason: z
        .string(
          expecting(
            "the reason as text",
            'Write why the gate may be skipped, such as reason: "covered by the soak run".',
          ),
        )
        .regex(NOT_BLANK)
        .meta({ description: "Why the release may ship without this gate passing." }),
      approver: z
        .string(
          expecting(
            "who approved it, as text",
            'Write who approved the waiver, such as approver: "@qa-lead".',
          ),
        )
        .regex(NOT_BLANK)
        .meta({ description: "Who approved the waiver, such as a GitHub handle." }),
      expires: z
        .string(
          expecting(
            "a date written YYYY-MM-DD",
            "Write the last day the waiver counts, such as expires: 2026-12-31.",
          ),
        )
        .regex(ISO_DAY)
        // Only judges text of the right shape, so a malformed date gets one problem, not two.
        .refine((text) => !ISO_DAY.test(text) || isCalendarDay(text), {
          error: (issue) =>
            `${describeValue(issue.input)} is not a day of the calendar. Write a date that exists, such as expires: 2026-12-31.`,
        })
        .meta({
          description: "The last day (YYYY-MM-DD, UTC) the waiver counts; after it the gate counts as it is.",
        }),
    },
    expecting(
      "a waiver written as keys",
      'Write it as { gate: Load Testing, reason: "...", approver: "@lead", expires: 2026-12-31 }.',
    ),
  )
  .meta({
    description: "Permission to ship without one gate passing: who approved it, why, and until when.",
  });

export const bandSchema = z
  .strictObject(
    {
      name: z
        .string(expecting("the band's name", "Write its name, such as name: Release Ready."))
        .regex(NOT_BLANK)
        .meta({ description: "The band's name, shown beside the score." }),
      min: z
        .number(
          expecting("a score from 0 to 100", "Write the lowest score that earns this band, such as min: 95."),
        )
        .min(0)
        .max(100)
        .meta({ description: "The lowest score (inclusive, 0-100) that earns this band." }),
      emoji: z
        .string(expecting("an emoji written as text", 'Write it in quotes, such as emoji: "🟢".'))
        .optional()
        .meta({ description: "Shown before the band's name; none when omitted." }),
      color: badgeColorSchema.optional(),
    },
    expecting("a band written as keys", 'Write it as { name: Release Ready, min: 95, emoji: "🟢" }.'),
  )
  .meta({ description: "A named range of scores, from min up to the next band's min." });

export const historySchema = z
  .strictObject(
    {
      enabled: z
        .boolean(expecting("true or false", "Write enabled: true or enabled: false."))
        .optional()
        .meta({ description: "Record each run's score; defaults to true." }),
      file: z
        .string(
          expecting(
            "a file path",
            "Write a path relative to this file, such as file: .shipready/history.jsonl.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The history record, one JSON line per run, relative to this file; defaults to .shipready/history.jsonl.",
        }),
      index: z
        .string(
          expecting(
            "a file path",
            "Write a path relative to this file, such as index: .shipready/cache/history.db.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The local SQLite index rebuilt from the record, relative to this file; defaults to .shipready/cache/history.db.",
        }),
      window: z
        .int(
          expecting(
            "a whole number above 0",
            "Write how many recent runs the trend averages, such as window: 10.",
          ),
        )
        .positive()
        .optional()
        .meta({ description: "How many recent runs the trend averages over; defaults to 10." }),
    },
    expecting(
      "history settings written as keys",
      "Write them as keys under history:, such as enabled: true.",
    ),
  )
  .meta({ description: "Where the score history is kept and how the trend is computed." });

/** The settings of the readiness run, release, delivery and the rest: every key but the release strategy's. */
const baseShape = {
  checklist: z
    .string(
      expecting(
        "a file path",
        "Write the checklist's path relative to this file, such as checklist: RELEASE.md.",
      ),
    )
    .regex(NOT_BLANK)
    .optional()
    .meta({
      description: "The checklist to read when none is named on the command line, relative to this file.",
    }),
  threshold: z
    .number(
      expecting(
        "a score from 0 to 100",
        "Write the lowest total score that is ready, such as threshold: 90.",
      ),
    )
    .min(0)
    .max(100)
    .optional()
    .meta({ description: "The lowest total score (0-100) that counts as ready; defaults to 90." }),
  inconclusive: z
    .enum(
      ["zero", "exclude"],
      expecting(
        '"zero" or "exclude"',
        "Write inconclusive: zero (count as 0) or inconclusive: exclude (leave out).",
      ),
    )
    .optional()
    .meta({
      description:
        "How gates whose evidence could not be obtained count: zero (as a 0, the default) or exclude (left out of the score).",
    }),
  statuses: statusWordsSchema.optional(),
  limits: limitsSchema.optional(),
  matrix: z
    .enum(
      ["per-cell", "per-row"],
      expecting(
        '"per-cell" or "per-row"',
        "Write matrix: per-cell (a gate per status cell) or matrix: per-row (a gate per row, decided by its worst cell).",
      ),
    )
    .optional()
    .meta({
      description:
        "How a table with several status columns is read: a gate per status cell, named row / column (per-cell, the default), or a gate per row decided by its worst cell (per-row).",
    }),
  categories: z
    .array(
      categorySchema,
      expecting(
        "a list of categories",
        "Write one - { name: ..., heading: ..., weight: ... } line per category, or remove categories: to find them from the checklist's headings.",
      ),
    )
    .min(1)
    .optional()
    .meta({
      description:
        "How gates are grouped and weighted; when omitted, categories are found from the checklist's headings.",
    }),
  gates: z
    .array(
      gateSettingSchema,
      expecting("a list of gate settings", "Write one - { gate: ..., required: true } line per gate."),
    )
    .optional()
    .meta({ description: "Settings for single gates, found by name." }),
  waivers: z
    .array(
      waiverSchema,
      expecting(
        "a list of waivers",
        "Write one - { gate: ..., reason: ..., approver: ..., expires: YYYY-MM-DD } line per waiver.",
      ),
    )
    .optional()
    .meta({
      description: "Gates the release may ship without, each with a reason, an approver and an expiry date.",
    }),
  bands: z
    .array(
      bandSchema,
      expecting(
        "a list of bands",
        "Write one - { name: ..., min: ... } line per band, or remove bands: to use the default bands.",
      ),
    )
    .min(1)
    .optional()
    .meta({
      description:
        "Named score ranges, replacing the default ones (95 Release Ready, 90 Nearly Ready, 85 Minor Blockers, 70 In Progress, 0 Not Ready).",
    }),
  history: historySchema.optional(),
  github: githubSchema.optional(),
  ciSnapshot: ciSnapshotSchema.optional(),
  release: releaseSchema.optional(),
  commit: commitSchema.optional(),
  notify: notifySchema.optional(),
  badge: badgeSchema.optional(),
  metrics: metricsSchema.optional(),
  secrets: z
    .array(
      z.string(expecting("a variable's name", "Write the name alone, such as SIGNING_SEED.")).regex(ENV_NAME),
      expecting("a list of variable names", "Write secrets: [SIGNING_SEED, DATABASE_DSN]."),
    )
    .optional()
    .meta({
      description:
        "Environment variables whose values are secrets although their names do not say so; no output shows them. Names ending in _TOKEN, _SECRET, _PASSWORD, _PASS, _KEY, _PAT, _CREDENTIALS, _AUTH (and the like), and credentials in URLs, are hidden without being listed.",
    }),
};

const configWording = expecting(
  "settings written as key: value lines",
  "Write settings such as threshold: 90, one per line.",
);
const configMeta = { description: "Configuration of shipready, the release-readiness checker." };

/**
 * shipready.yml without the release strategy's keys: what a file that writes none of them is read with,
 * so the readiness run never builds the strategy's schemas.
 */
export const baseConfigSchema = z.strictObject(baseShape, configWording).meta(configMeta);

let full: ReturnType<typeof buildConfigSchema> | undefined;

/** shipready.yml with every key, the release strategy's too (built when first asked for); the JSON Schema is generated from it. */
export function configSchema() {
  return (full ??= buildConfigSchema());
}

function buildConfigSchema() {
  return z
    .strictObject({ ...baseShape, ...strategyBlocks(), ...strategyBindings() }, configWording)
    .meta(configMeta);
}

/** shipready.yml as people write it (the type `defineConfig` accepts). */
export type ConfigInput = z.input<ReturnType<typeof configSchema>>;
