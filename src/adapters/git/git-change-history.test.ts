import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { rangeKey } from "../../metrics/core/assign-commits-to-ranges.js";
import { gitChangeHistory } from "./git-change-history.js";

/**
 * A history with topic branches merged back (some started long before they were merged), a revert
 * and a multi-line message, every commit at its own time, built with git fast-import.
 */
function makeRepository(): { dir: string; shas: string[] } {
  const dir = makeTempDir();
  const run = (args: string[], input?: string) =>
    execFileSync("git", args, { cwd: dir, input, encoding: "utf8" }).trim();
  run(["init", "-q", "-b", "main"]);
  let stream = "";
  let mark = 0;
  let main: number;
  const topics: number[] = [];
  const commit = (branch: string, from: number[], subject: string) => {
    mark++;
    const when = `${1_767_225_600 + mark * 3600} +0000`;
    stream += `commit refs/heads/${branch}\nmark :${mark}\nauthor Dev <dev@example.com> ${when}\ncommitter Dev <dev@example.com> ${when}\n`;
    stream += `data ${Buffer.byteLength(subject)}\n${subject}\n`;
    if (from[0]) stream += `from :${from[0]}\n`;
    for (const other of from.slice(1)) stream += `merge :${other}\n`;
    stream += `M 644 inline file-${mark}.txt\ndata 2\n${mark}\n`;
    return mark;
  };
  main = commit("main", [], "chore: initial");
  for (let i = 1; i <= 40; i++) {
    if (i % 7 === 0) topics.push(commit(`topic${i}`, [main], `feat: topic ${i}`));
    if (i % 5 === 0 && topics.length > 0) {
      const topic = topics.shift()!;
      const tip = commit(`topic-tip${i}`, [topic], `fix: topic tip ${i}\n\nwith a body`);
      main = commit("main", [main, tip], `Merge topic ${i}`);
    } else main = commit("main", [main], i % 9 === 0 ? `Revert "feat: ${i}"` : `feat: change ${i}`);
  }
  run(["fast-import", "--quiet"], stream);
  const shas = run(["rev-list", "--reverse", "--topo-order", "main"]).split("\n");
  return { dir, shas };
}

test("commitsOfRanges answers every range exactly as commitsBetween does, from one reading", async () => {
  const { dir, shas } = makeRepository();
  const history = gitChangeHistory(dir);
  const missing = "f".repeat(40);
  const ranges = [
    { from: shas[3]!, to: shas[10]! },
    { from: shas[10]!, to: shas[17]! },
    { from: shas[10]!, to: shas[30]! },
    { from: shas[17]!, to: shas[30]! },
    { from: shas[30]!, to: shas[12]! }, // back to an older commit: a rollback
    { from: shas[30]!, to: shas[shas.length - 1]! },
    { from: shas[1]!, to: shas[40]! },
    { from: shas[20]!, to: missing }, // a commit the clone does not have
    { from: missing, to: shas[25]! },
    { from: shas[0]!, to: shas[5]! }, // below the first range's start
  ];
  const all = await history.commitsOfRanges!(ranges);
  assert.equal(all.size, ranges.length);
  for (const range of ranges) {
    const alone = await history.commitsBetween(range.from, range.to);
    assert.deepEqual(all.get(rangeKey(range)), alone, rangeKey(range));
  }
  const counts = ranges.slice(0, 7).map((r) => {
    const answer = all.get(rangeKey(r));
    return Array.isArray(answer) ? answer.length : -1;
  });
  assert.ok(counts.every((n) => n >= 0) && counts.some((n) => n > 7), `counts ${counts.join(", ")}`);
  assert.ok("problem" in (all.get(rangeKey(ranges[7]!)) as object));
  assert.deepEqual(await history.commitsOfRanges!([]), new Map());
});
