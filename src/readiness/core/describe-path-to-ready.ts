import { formatPercent } from "../../shared/format-percent.js";
import type { PathGate, PathToReady } from "../types.js";

/** Gates each place lists on the way to ready; the rest are counted ("and 3 more"). */
export const PATH_GATES_LISTED = 10;

/** The gates of one owner on the way to ready; `owner` null for gates the checklist gives nobody. */
export interface OwnerGroup {
  owner: string | null;
  gates: PathGate[];
}

/**
 * The way to ready as every renderer shows it: a headline that holds no outside text ("To reach 90%:
 * 12.1 points missing"), then "pass" and the first gates grouped by owner (owners in the order their first gate comes, gates without one last), and
 * how many more gates there are and what they add.
 */
export interface PathSummary {
  headline: string;
  groups: OwnerGroup[];
  /** Whether any listed gate has an owner: without one the gates read as one list. */
  owned: boolean;
  more: { gates: number; adds: number } | null;
}

export function summarizePathToReady(
  path: PathToReady,
  threshold: number,
  listed = PATH_GATES_LISTED,
): PathSummary {
  const shown = path.gates.slice(0, listed);
  const rest = path.gates.slice(listed);
  const groups: OwnerGroup[] = [];
  for (const gate of shown) {
    const owner = gate.owner ?? null;
    const group = groups.find((g) => g.owner === owner);
    if (group) group.gates.push(gate);
    else groups.push({ owner, gates: [gate] });
  }
  groups.sort((a, b) => Number(a.owner === null) - Number(b.owner === null));
  return {
    headline: headline(path, threshold),
    groups,
    owned: groups.some((g) => g.owner !== null),
    more: rest.length === 0 ? null : { gates: rest.length, adds: rest.reduce((sum, g) => sum + g.adds, 0) },
  };
}

function headline(path: PathToReady, threshold: number): string {
  const target = formatPercent(threshold);
  if (!path.reachable) {
    return `${target} cannot be reached: ${formatPoints(path.missing)} points missing, more than every gate left adds`;
  }
  if (path.missing === 0) {
    return `The score reaches ${target}, but ${path.gates.length === 1 ? "a required gate blocks" : "required gates block"}`;
  }
  return `To reach ${target}: ${formatPoints(path.missing)} points missing`;
}

/** "4 gates", "1 gate". */
export function countGates(count: number): string {
  return `${count} ${count === 1 ? "gate" : "gates"}`;
}

/** Points at one decimal, as scores are shown; a gain too small for that reads "<0.1", never "0". */
export function formatPoints(points: number): string {
  if (points > 0 && points < 0.05) return "<0.1";
  return String(Number(points.toFixed(1)));
}

/** What a gate adds, and that it is required: "+6.3, required". */
export function describeGain(gate: PathGate): string {
  const points = formatPoints(gate.adds);
  return `${points.startsWith("<") ? points : `+${points}`}${gate.required ? ", required" : ""}`;
}
