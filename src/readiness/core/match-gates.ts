import type { Finding } from "../../types.js";
import { nameKey } from "./normalize-text.js";

/**
 * The gates a config entry (gate setting, waiver, evidence binding) refers to: by name, and by category
 * when given. No match, or matches in several categories, is a finding and matches nothing.
 */
export function matchGates<T extends { name: string; category: string }>(
  gates: readonly (T | null)[],
  rule: { gate: string; category?: string },
  findings: Finding[],
  where: Pick<Finding, "file" | "line">,
  what: string,
): T[] {
  const key = nameKey(rule.gate);
  const categoryKey = rule.category === undefined ? null : nameKey(rule.category);
  const matches = gates.filter(
    (g): g is T =>
      g !== null && nameKey(g.name) === key && (categoryKey === null || nameKey(g.category) === categoryKey),
  );
  const inCategory = rule.category === undefined ? "" : ` under ${rule.category}`;
  if (matches.length === 0) {
    findings.push({
      code: "unknown-gate",
      message: `the ${what} for "${rule.gate}"${inCategory} matches no scored gate in the checklist; check the name as the checklist writes it`,
      ...where,
    });
    return [];
  }
  const categories = [...new Set(matches.map((g) => g.category))];
  if (categories.length > 1) {
    findings.push({
      code: "ambiguous-gate",
      message: `the ${what} for "${rule.gate}" matches gates in ${categories.join(" and ")}; add category: to say which`,
      ...where,
    });
    return [];
  }
  return matches;
}
