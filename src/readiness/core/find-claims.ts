import type { CategoryRule } from "../../config/types.js";
import type { Finding } from "../../types.js";
import type { ProseLine, Readiness } from "../types.js";
import { formatPercent } from "../../shared/format-percent.js";
import { nameKey } from "./normalize-text.js";

const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*%/g;
const FRACTION = /\b(\d{1,5})\s*\/\s*(\d{1,5})\b/;
const CLAIM_SHAPE = /\d\s*%|\d\s*\/\s*\d/;

/**
 * Finds what the document claims by hand about its own score ("Readiness Score: 85%",
 * "Core Gates (7/8)") and reports each claim its gates contradict, with its line.
 */
export function findClaims(
  prose: readonly ProseLine[],
  readiness: Readiness,
  categories: readonly CategoryRule[],
): Finding[] {
  const findings: Finding[] = [];
  // Keys once per category, not once per line: checklists run to thousands of prose lines.
  const patterns = categories.map((c) => ({
    name: c.name,
    keys: [c.name, ...c.headings].map((p) => ` ${nameKey(p)} `).filter((k) => k.trim() !== ""),
  }));
  for (const { text, line } of prose) {
    // Only a percentage or a fraction is a claim; most lines have neither, and are passed over first.
    if (!CLAIM_SHAPE.test(text)) continue;
    const key = ` ${nameKey(text)} `;
    const category = patterns.find((c) => c.keys.some((k) => key.includes(k)));
    if (category) {
      const mismatch = categoryClaim(text, category.name, readiness);
      if (mismatch) findings.push({ code: "claim-mismatch", message: mismatch, line });
      continue;
    }
    if (!/\b(score|total)\b/i.test(text)) continue;
    const percents = [...text.matchAll(PERCENT)];
    const claimed = percents[percents.length - 1];
    if (!claimed) continue;
    if (!agrees(claimed[1]!, readiness.score)) {
      findings.push({
        code: "claim-mismatch",
        message: `the document claims a score of ${claimed[1]}%, but its gates give ${formatPercent(readiness.score)}`,
        line,
      });
    }
  }
  return findings;
}

function categoryClaim(text: string, name: string, readiness: Readiness): string | null {
  const score = readiness.categories.find((c) => c.name === name);
  if (!score || score.score === null) return null;
  const fraction = FRACTION.exec(text);
  const counted = `${score.passed}/${score.total} (${formatPercent(score.score)})`;
  if (fraction) {
    const [passed, total] = [Number(fraction[1]), Number(fraction[2])];
    if (passed <= total && (passed !== score.passed || total !== score.total)) {
      return `the document claims ${name} ${passed}/${total}, but its gates give ${counted}`;
    }
  }
  // "weight 50%" is a weight, not a score; only a line without weights is read for a percentage.
  if (/weight/i.test(text)) return null;
  const percent = PERCENT.exec(text);
  PERCENT.lastIndex = 0;
  if (percent && !agrees(percent[1]!, score.score)) {
    return `the document claims ${name} at ${percent[1]}%, but its gates give ${counted}`;
  }
  return null;
}

/** A claim agrees when the computed value, rounded as precisely as the claim is written, equals it. */
function agrees(claim: string, value: number): boolean {
  const decimals = claim.includes(".") ? claim.split(".")[1]!.length : 0;
  return Number(claim) === Number(value.toFixed(decimals));
}
