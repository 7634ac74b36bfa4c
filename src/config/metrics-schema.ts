import { z } from "zod";
import { expecting, NOT_BLANK } from "./schema-wording.js";

const nameList = (what: string, example: string) =>
  z
    .array(
      z.string(expecting(what, `Write it as text, such as ${example}.`)).regex(NOT_BLANK),
      expecting(`a list of ${what}s`, `Write a list such as [${example}].`),
    )
    .min(1);

/** `metrics:`: where delivery events are kept and how the DORA metrics read them. */
export const metricsSchema = z
  .strictObject(
    {
      store: z
        .string(
          expecting(
            "a file path",
            "Write a path relative to this file, such as store: .shipready/metrics.db.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The SQLite file events are kept in, relative to this file; defaults to .shipready/metrics.db. It holds what `shipready record` and `metrics import` were given: keep it.",
        }),
      environments: z
        .record(
          z.string().regex(NOT_BLANK),
          nameList("environment name", "prod"),
          expecting(
            "environments with the names sources give them",
            "Write environments: { production: [prod, production] }.",
          ),
        )
        .optional()
        .meta({
          description:
            "Each environment measured, with the names deploy sources give it (compared without case). The first is measured without --env. Defaults to { production: [production, prod] }.",
        }),
      incidentLabels: nameList("label", "incident")
        .optional()
        .meta({ description: "Labels that make a GitHub issue an incident; defaults to [incident]." }),
      deployWorkflows: nameList("workflow", "deploy.yml")
        .optional()
        .meta({ description: "Workflows (file name or name) whose runs are deploys, for GitHub sources." }),
      minSample: z.int(expecting("a whole number from 1", "Write minSample: 5.")).min(1).optional().meta({
        description:
          'The fewest deploys, changes or recovered failures a metric needs; below it the metric says "not enough data". Defaults to 5.',
      }),
      report: z
        .union(
          [
            z.int().min(2000).max(2999),
            z.string().regex(/^(dora-)?\d{4}$/, {
              error: (issue) =>
                `expected a DORA report year, got ${JSON.stringify(issue.input)}. Write report: 2024 (or dora-2024).`,
            }),
          ],
          expecting("a DORA report year", "Write report: 2024 (or dora-2024)."),
        )
        .optional()
        .meta({
          description:
            "The DORA report whose performance bands rate the metrics (2021, 2022, 2023, 2024); defaults to the latest.",
        }),
    },
    expecting("metrics settings written as keys", "Write them as keys under metrics:, such as minSample: 5."),
  )
  .meta({ description: "Delivery performance (DORA): where events are kept and how they are read." });
