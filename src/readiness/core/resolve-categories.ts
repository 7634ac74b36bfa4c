import type { CategoryRule } from "../../config/types.js";
import type { ChecklistGate } from "../types.js";
import { headingMatches } from "./normalize-text.js";

export type CategorySource = "configured" | "seed" | "headings";

/** Gates under headings that no category claims: shown, but not scored. */
export interface UnscoredHeading {
  heading: string;
  line: number;
  gates: number;
}

export interface ResolvedCategories {
  source: CategorySource;
  categories: CategoryRule[];
  /** The category of each gate, by index into the gates given; null when unscored. */
  categoryOf: (string | null)[];
  unscored: UnscoredHeading[];
}

/**
 * Decides which category each gate scores in. Configured categories claim gates by heading (the
 * nearest matching heading wins); without configuration the seed's scheme applies when the document
 * has its headings, and otherwise every heading that holds gates is a category of equal weight.
 */
export function resolveCategories(
  gates: readonly ChecklistGate[],
  configured: readonly CategoryRule[] | null,
  seed: readonly CategoryRule[],
): ResolvedCategories {
  if (configured) return claimByHeadings(gates, configured, "configured");
  const headings = new Set(gates.flatMap((g) => g.headingPath));
  const seedHeadingsFound = seed.filter((c) =>
    [...headings].some((h) => c.headings.some((p) => headingMatches(h, p))),
  ).length;
  if (seedHeadingsFound >= 2) return claimByHeadings(gates, seed, "seed");
  return categoriesFromHeadings(gates);
}

function claimByHeadings(
  gates: readonly ChecklistGate[],
  categories: readonly CategoryRule[],
  source: CategorySource,
): ResolvedCategories {
  // Thousands of gates share a few headings: decide once per heading.
  const claimedBy = new Map<string, string | null>();
  const claim = (heading: string): string | null => {
    if (!claimedBy.has(heading)) {
      const category = categories.find((c) => c.headings.some((p) => headingMatches(heading, p)));
      claimedBy.set(heading, category?.name ?? null);
    }
    return claimedBy.get(heading)!;
  };
  const categoryOf = gates.map((gate) => {
    for (let i = gate.headingPath.length - 1; i >= 0; i--) {
      const category = claim(gate.headingPath[i]!);
      if (category) return category;
    }
    return null;
  });
  const unscored = new Map<number, UnscoredHeading>();
  gates.forEach((gate, i) => {
    if (categoryOf[i] !== null) return;
    const entry = unscored.get(gate.headingLine) ?? {
      heading: gate.heading,
      line: gate.headingLine,
      gates: 0,
    };
    entry.gates++;
    unscored.set(gate.headingLine, entry);
  });
  return { source, categories: [...categories], categoryOf, unscored: [...unscored.values()] };
}

function categoriesFromHeadings(gates: readonly ChecklistGate[]): ResolvedCategories {
  // One category per heading occurrence; identical heading texts in different places stay apart.
  const occurrences = new Map<number, { heading: string; path: string[] }>();
  for (const gate of gates) {
    if (!occurrences.has(gate.headingLine)) {
      occurrences.set(gate.headingLine, { heading: gate.heading, path: gate.headingPath });
    }
  }
  const names = new Map<number, string>();
  const taken = new Set<string>();
  for (const [line, { heading, path }] of occurrences) {
    const plain = heading === "" ? "Checklist" : heading;
    const twins = [...occurrences.values()].filter((o) => o.heading === heading).length > 1;
    let name = twins && path.length > 1 ? `${path[path.length - 2]} › ${plain}` : plain;
    if (taken.has(name)) name = `${name} (line ${line})`;
    taken.add(name);
    names.set(line, name);
  }
  const categories: CategoryRule[] = [...names.values()].map((name) => ({
    name,
    headings: [name],
    weight: 1,
    required: false,
  }));
  return {
    source: "headings",
    categories,
    categoryOf: gates.map((g) => names.get(g.headingLine)!),
    unscored: [],
  };
}
