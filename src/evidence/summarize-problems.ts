import { capLines } from "./cap-lines.js";

/** Unusable reports as a message (the first problem, and how many more) and the rest as details. */
export function summarizeProblems(problems: string[]): { message: string; details: string[] } {
  const rest = problems.length - 1;
  const more = rest > 0 ? ` (and ${rest} more unusable ${rest === 1 ? "report" : "reports"})` : "";
  return { message: `${problems[0]}${more}`, details: capLines(problems.slice(1)) };
}
