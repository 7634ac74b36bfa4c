import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { assignCommitsToRanges, rangeKey, type GraphCommit } from "./assign-commits-to-ranges.js";

/** Commit i's parents are earlier commits: a history with branches and merges, 0 its root. */
const historyArb = fc
  .integer({ min: 2, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: n, maxLength: n }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }),
      fc.nat(),
    ),
  )
  .map(([n, picks, pairs, boundaryPick]) => {
    const parents: number[][] = [[]];
    for (let i = 1; i < n; i++) {
      const [a, b, merge] = picks[i]!;
      const first = i - 1 - (a % Math.min(i, 3)); // mostly the commit just before
      const second = b % i;
      parents.push(merge && second !== first ? [first, second] : [first]);
    }
    return { n, parents, pairs: pairs.map(([a, b]) => [a % n, b % n] as const), boundary: boundaryPick % n };
  });

function reach(parents: number[][], start: number): Set<number> {
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...parents[at]!);
  }
  return seen;
}

const sha = (i: number) => i.toString(16).padStart(40, "0");

test("each range answered holds exactly the commits reachable from its end and not from its start, oldest first", () => {
  fc.assert(
    fc.property(historyArb, ({ parents, pairs, boundary }) => {
      const ranges = [
        { from: sha(boundary), to: sha(pairs[0]![1]) },
        ...pairs.map(([a, b]) => ({ from: sha(a), to: sha(b) })),
      ];
      // As `git log to... ^boundary` reads it: newest first (here: by index, highest first).
      const below = reach(parents, boundary);
      const read = new Set<number>();
      for (const range of ranges) for (const i of reach(parents, parseInt(range.to, 16))) read.add(i);
      for (const i of below) read.delete(i);
      const commits: GraphCommit[] = [...read]
        .sort((a, b) => b - a)
        .map((i) => ({
          sha: sha(i),
          parents: parents[i]!.map(sha),
          change: { sha: sha(i), at: new Date(i * 1000).toISOString(), subject: `c${i}` },
        }));
      const answers = assignCommitsToRanges(commits, sha(boundary), ranges);
      for (const range of ranges) {
        const from = parseInt(range.from, 16);
        const to = parseInt(range.to, 16);
        const inFrom = reach(parents, from);
        const expected = [...reach(parents, to)].filter((i) => !inFrom.has(i)).sort((a, b) => a - b);
        const answer = answers.get(rangeKey(range));
        const answerable =
          // The boundary is known to exist when a commit read names it as a parent.
          ((from === boundary && [...read].some((i) => parents[i]!.includes(boundary))) ||
            (read.has(from) && inFrom.has(boundary))) &&
          read.has(to) &&
          !expected.includes(0);
        if (answerable) assert.ok(answer, `${from}..${to} is answered`);
        if (answer)
          assert.deepEqual(
            answer.map((c) => c.subject),
            expected.map((i) => `c${i}`),
            `${from}..${to}`,
          );
      }
    }),
    { numRuns: 400 },
  );
});

test("a range whose start does not reach the boundary, or whose end was not read, is left to be asked alone", () => {
  // 0 <- 1 <- 2 <- 4 (merge of 2 and 3), 0 <- 3
  const parents = [[], [0], [1], [0], [2, 3]];
  const commits: GraphCommit[] = [4, 3, 2].map((i) => ({
    sha: sha(i),
    parents: parents[i]!.map(sha),
    change: { sha: sha(i), at: new Date(i * 1000).toISOString(), subject: `c${i}` },
  }));
  const answers = assignCommitsToRanges(commits, sha(1), [
    { from: sha(1), to: sha(4) }, // 2, 3, 4 — but 3's parent is the root below: still right
    { from: sha(3), to: sha(4) }, // 3 does not reach 1
    { from: sha(2), to: sha(0) }, // 0 was not read
  ]);
  assert.deepEqual(
    answers.get(`${sha(1)}..${sha(4)}`)?.map((c) => c.subject),
    ["c2", "c3", "c4"],
  );
  assert.equal(answers.has(`${sha(3)}..${sha(4)}`), false);
  assert.equal(answers.has(`${sha(2)}..${sha(0)}`), false);
});
