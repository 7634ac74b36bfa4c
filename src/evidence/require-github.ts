import { InternalError } from "../errors.js";
import type { EvidenceContext } from "./evidence-context.js";

/** The GitHub client of a run that has GitHub evidence; run.ts builds it before any collector runs. */
export function requireGitHub(context: EvidenceContext): NonNullable<EvidenceContext["github"]> {
  if (context.github === null) {
    throw new InternalError(
      "GitHub evidence was collected without a GitHub client",
      "Report this as a bug in shipready.",
    );
  }
  return context.github;
}
