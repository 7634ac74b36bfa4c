import { z } from "zod";
import { FREQUENCY_CATEGORIES, PERFORMANCE_LEVELS } from "../types.js";

/** The shape of src/metrics/bands/dora-<year>.json: one DORA report's clusters, each cell with its provenance. */
const cell = {
  text: z.string().min(1),
  checked: z.boolean(),
  note: z.string().min(1).optional(),
};
const hours = z.strictObject({
  ...cell,
  minHours: z.number().min(0).optional(),
  maxHours: z.number().positive().optional(),
});
const rate = z.strictObject({
  ...cell,
  min: z.number().min(0).max(1).optional(),
  max: z.number().min(0).max(1).optional(),
  point: z.number().min(0).max(1).optional(),
});
const frequency = z.strictObject({
  ...cell,
  best: z.enum(FREQUENCY_CATEGORIES),
  worst: z.enum(FREQUENCY_CATEGORIES),
});
const level = z.enum(PERFORMANCE_LEVELS);
const byLevel = <T extends z.ZodType>(band: T) => z.partialRecord(level, band);

export const bandReportSchema = z.strictObject({
  id: z.string().regex(/^dora-\d{4}$/),
  year: z.int().min(2014),
  title: z.string().min(1),
  source: z.strictObject({ publisher: z.string().min(1), url: z.url(), where: z.string().min(1) }),
  provenance: z.string().min(1),
  levels: z.array(level).min(2),
  shares: z.partialRecord(level, z.number().min(0).max(1)).optional(),
  recoveryName: z.string().min(1).optional(),
  metrics: z.strictObject({
    deploymentFrequency: byLevel(frequency),
    changeLeadTime: byLevel(hours),
    changeFailRate: byLevel(rate),
    recoveryTime: byLevel(hours),
    reworkRate: byLevel(rate).nullable(),
  }),
  notes: z.array(z.string().min(1)),
});
