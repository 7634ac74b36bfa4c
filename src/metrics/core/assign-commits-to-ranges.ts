import type { ChangeCommit } from "../types.js";
import type { CommitRange } from "./plan-change-ranges.js";

/** One commit of a history read once for many ranges, with its parents. */
export interface GraphCommit {
  sha: string;
  parents: readonly string[];
  change: ChangeCommit;
}

/** The key a range's answer is kept under. */
export const rangeKey = (range: CommitRange): string => `${range.from}..${range.to}`;

/**
 * The commits of many ranges from one reading of the history: `commits` are those reachable from
 * the ranges' ends and not from `boundary`, newest first as `git log` gives them. A range's commits
 * are those reachable from its `to` and not from its `from` (merges included), oldest first, in the
 * reverse of the order they were read in, as `git log from..to` reversed gives them.
 *
 * The answer is right only where the reading holds everything the range needs: its `from` must be
 * the boundary or reach it (then whatever the reading left out is reachable from `from` too). A range
 * that cannot be answered so (its `from` or `to` not read: on another line of history, unknown, or
 * below the boundary; or its commits reaching a commit without parents, a root or a shallow clone's
 * edge) is left out of the answer, to be asked alone.
 */
export function assignCommitsToRanges(
  commits: readonly GraphCommit[],
  boundary: string,
  ranges: readonly CommitRange[],
): Map<string, ChangeCommit[]> {
  const index = new Map<string, number>();
  commits.forEach((commit, i) => index.set(commit.sha, i));
  const parentsOf = commits.map((commit) =>
    commit.parents.map((sha) => index.get(sha) ?? (sha === boundary ? BOUNDARY : OUTSIDE)),
  );
  const { generation, reachesBoundary } = walkGraph(parentsOf);
  const boundaryRead = parentsOf.some((parents) => parents.includes(BOUNDARY));

  const answers = new Map<string, ChangeCommit[]>();
  for (const range of ranges) {
    const from = index.get(range.from);
    const to = index.get(range.to);
    const fromHolds = range.from === boundary ? boundaryRead : from !== undefined && reachesBoundary[from]!;
    if (!fromHolds || to === undefined) continue;
    const found = paintDown(to, from ?? null, parentsOf, generation);
    if (found === null) continue;
    answers.set(
      rangeKey(range),
      found.sort((a, b) => b - a).map((i) => commits[i]!.change),
    );
  }
  return answers;
}

const BOUNDARY = -1;
const OUTSIDE = -2;

/**
 * Each commit's generation (one more than its highest parent read; 1 with none) and whether it
 * reaches the boundary, in one depth-first walk that needs no order of the input.
 */
function walkGraph(parentsOf: readonly (readonly number[])[]): {
  generation: Int32Array;
  reachesBoundary: boolean[];
} {
  const n = parentsOf.length;
  const generation = new Int32Array(n);
  const reachesBoundary = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  for (let root = 0; root < n; root++) {
    if (generation[root] !== 0) continue;
    stack.push(root);
    while (stack.length > 0) {
      const at = stack[stack.length - 1]!;
      if (generation[at] === 0) generation[at] = -1; // on the stack
      let pending = false;
      for (const p of parentsOf[at]!) {
        if (p >= 0 && generation[p] === 0) {
          stack.push(p);
          pending = true;
        }
      }
      if (pending) continue;
      stack.pop();
      if (generation[at]! > 0) continue;
      let gen = 1;
      let reaches = false;
      for (const p of parentsOf[at]!) {
        if (p === BOUNDARY) reaches = true;
        else if (p >= 0) {
          gen = Math.max(gen, generation[p]! + 1);
          if (reachesBoundary[p]) reaches = true;
        }
      }
      generation[at] = gen;
      reachesBoundary[at] = reaches;
    }
  }
  return { generation, reachesBoundary };
}

/**
 * The commits reachable from `to` and not from `from` (null: the boundary, below everything read),
 * walking down both by generation so that a commit's marks are final when it is taken, and stopping
 * as soon as nothing left to take is reachable from `to` alone. A parent not read is below the
 * boundary, so reachable from `from` too. Null when a commit of the answer has no parents (a root, or
 * a shallow clone's edge, which git alone can tell apart).
 */
function paintDown(
  to: number,
  from: number | null,
  parentsOf: readonly (readonly number[])[],
  generation: Int32Array,
): number[] | null {
  const FROM_TO = 1;
  const FROM_FROM = 2;
  const marks = new Map<number, number>();
  const heap = new GenerationHeap(generation);
  let toOnly = 0;
  const mark = (at: number, flag: number) => {
    const old = marks.get(at);
    if (old === undefined) {
      marks.set(at, flag);
      heap.push(at);
      if (flag === FROM_TO) toOnly++;
    } else if ((old | flag) !== old) {
      marks.set(at, old | flag);
      if (old === FROM_TO) toOnly--;
    }
  };
  mark(to, FROM_TO);
  if (from !== null) mark(from, FROM_FROM);
  const found: number[] = [];
  while (toOnly > 0) {
    const at = heap.pop();
    const flag = marks.get(at)!;
    if (flag === FROM_TO) {
      toOnly--;
      found.push(at);
      if (parentsOf[at]!.length === 0) return null;
    }
    for (const p of parentsOf[at]!) if (p >= 0) mark(p, flag);
  }
  return found;
}

/** A max-heap of commit indexes by generation. */
class GenerationHeap {
  private readonly items: number[] = [];
  constructor(private readonly generation: Int32Array) {}

  push(item: number): void {
    const { items, generation } = this;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (generation[items[up]!]! >= generation[item]!) break;
      items[i] = items[up]!;
      i = up;
    }
    items[i] = item;
  }

  pop(): number {
    const { items, generation } = this;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child =
          right < items.length && generation[items[right]!]! > generation[items[left]!]! ? right : left;
        if (generation[items[child]!]! <= generation[last]!) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
