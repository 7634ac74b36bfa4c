import { z } from "zod";

/**
 * The parts of SARIF 2.1.0 shipready reads, as the standard's schema constrains them: enough to say
 * where a file that is not SARIF goes wrong first. Loose objects: every other property is the
 * scanner's own business.
 */

const LEVEL = z.enum(["none", "note", "warning", "error"]);
const KIND = z.enum(["notApplicable", "pass", "fail", "review", "open", "informational"]);
const PROPERTIES = z.looseObject({});

export const sarifRuleShape = z.looseObject({
  id: z.string(),
  helpUri: z.string().optional(),
  defaultConfiguration: z.looseObject({ level: LEVEL.optional() }).optional(),
  properties: PROPERTIES.optional(),
});

export const sarifResultShape = z.looseObject({
  ruleId: z.string().optional(),
  ruleIndex: z.int().min(-1).optional(),
  rule: z.looseObject({ id: z.string().optional(), index: z.int().min(-1).optional() }).optional(),
  level: LEVEL.optional(),
  kind: KIND.optional(),
  message: z.looseObject({ text: z.string().optional(), id: z.string().optional() }),
  locations: z
    .array(
      z.looseObject({
        physicalLocation: z
          .looseObject({
            artifactLocation: z.looseObject({ uri: z.string().optional() }).optional(),
            region: z.looseObject({ startLine: z.int().min(1).optional() }).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  partialFingerprints: z.record(z.string(), z.string()).optional(),
  properties: PROPERTIES.optional(),
  suppressions: z.array(z.looseObject({ status: z.string().optional() })).optional(),
});

export type SarifRule = z.infer<typeof sarifRuleShape>;
export type SarifResult = z.infer<typeof sarifResultShape>;

/** The first problem zod found, as `where: what`. */
export function describeFirstIssue(error: z.ZodError, at: (string | number)[]): string {
  const issue = error.issues[0]!;
  const path = [...at, ...issue.path]
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
  return `${path}: ${issue.message}`;
}
