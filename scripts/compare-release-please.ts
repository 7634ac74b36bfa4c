/**
 * `npm run compare:release-please -- <clone>`: for a clone of a repository whose CHANGELOG.md
 * release-please wrote, regenerates every section between two consecutive release tags with
 * shipready's changelog and compares it with the section in the file: identical sections, and
 * entries identical (the same line), matching (the same commit, other text), missing (a commit the
 * file lists that shipready does not) and extra (the other way). Read-only: nothing in the clone changes.
 *
 * Options: `--changelog <file>` (default CHANGELOG.md in the clone), `--repo-url <url>` (default:
 * the file's compare links), `--diff <n>` (print the first n differing sections), `--since <version>`
 * (only sections of that version and later), `--date tag` (date sections by the tagged commit rather
 * than by the newest change before it), `--json`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { gitCli } from "../src/adapters/git/git-cli.js";
import { findLastReleaseTag, readCommits } from "../src/adapters/git/git-history.js";
import { nodeFiles } from "../src/adapters/node-files.js";
import { fixedClock } from "../src/adapters/clocks.js";
import semver from "semver";
import { planRelease } from "../src/release/plan-release.js";

interface Section {
  version: string;
  heading: string;
  text: string;
}

const HEADING = /^#{2,3} \[?v?(\d+\.\d+\.\d+[^\]\s)]*)\]?/;

/** The file's release sections, newest first, each without the blank lines after it. */
function sectionsOf(changelog: string): Section[] {
  const lines = changelog.replace(/\r\n/g, "\n").split("\n");
  const sections: Section[] = [];
  let current: { version: string; lines: string[] } | null = null;
  const close = () => {
    if (current) {
      const text = current.lines.join("\n").trimEnd() + "\n";
      sections.push({ version: current.version, heading: current.lines[0]!, text });
    }
  };
  for (const line of lines) {
    const m = HEADING.exec(line);
    if (m && (line.startsWith("## ") || /\]\(.*\/compare\//.test(line) || /^### \d/.test(line))) {
      close();
      current = { version: m[1]!, lines: [line] };
    } else current?.lines.push(line);
  }
  close();
  return sections;
}

/** Entry lines (`* ...`) of a section under its `###` lists, breaking-change notes apart. */
function entriesOf(text: string): { entries: string[]; notes: string[] } {
  const entries: string[] = [];
  const notes: string[] = [];
  let inNotes = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("### ")) inNotes = line.includes("BREAKING");
    else if (line.startsWith("* ")) (inNotes ? notes : entries).push(line);
  }
  return { entries, notes };
}

const SHA = /\[([0-9a-f]{7})\]\([^)]*\/commit\/[0-9a-f]+\)/;

function shaOf(line: string): string | null {
  return SHA.exec(line)?.[1] ?? null;
}

function take<T>(bag: Map<T, number>, key: T): boolean {
  const count = bag.get(key) ?? 0;
  if (count === 0) return false;
  bag.set(key, count - 1);
  return true;
}

function bagOf<T>(items: T[]): Map<T, number> {
  const bag = new Map<T, number>();
  for (const item of items) bag.set(item, (bag.get(item) ?? 0) + 1);
  return bag;
}

function tagFor(tags: Set<string>, version: string): string | null {
  for (const tag of [`v${version}`, version]) if (tags.has(tag)) return tag;
  return null;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    args.splice(at, 2);
    return value;
  };
  const json = args.includes("--json");
  if (json) args.splice(args.indexOf("--json"), 1);
  const changelogOption = option("--changelog");
  const repoUrlOption = option("--repo-url");
  const diffs = Number(option("--diff") ?? 0);
  const since = option("--since");
  // release-please dates a section the day it last rewrote its pull request: the newest change before
  // the release commit. `--date tag` dates it by the tagged commit instead.
  const dateRule = option("--date") === "tag" ? true : ("newest-change" as const);
  const clone = args[0];
  if (!clone) {
    process.stderr.write(
      "usage: npm run compare:release-please -- <clone> [--changelog CHANGELOG.md] [--repo-url URL] [--diff N] [--json]\n",
    );
    process.exitCode = 2;
    return;
  }
  const dir = path.resolve(clone);
  const file = path.resolve(dir, changelogOption ?? "CHANGELOG.md");
  if (!existsSync(file)) {
    process.stderr.write(
      `${file} does not exist: give the clone of a repository with a release-please CHANGELOG.md\n`,
    );
    process.exitCode = 2;
    return;
  }
  const changelog = readFileSync(file, "utf8");
  const repoUrl = repoUrlOption ?? /\((https:\/\/[^)\s]+?)\/compare\//.exec(changelog)?.[1] ?? null;
  const tags = new Set(
    execFileSync("git", ["tag", "--list"], { cwd: dir, encoding: "utf8" }).split("\n").filter(Boolean),
  );
  const sections = sectionsOf(changelog);

  const totals = {
    sections: sections.length,
    compared: 0,
    identicalSections: 0,
    entries: 0,
    identical: 0,
    matching: 0,
    missing: 0,
    extra: 0,
    notes: 0,
    identicalNotes: 0,
    skipped: [] as string[],
  };
  let printed = 0;
  for (let i = 0; i < sections.length - 1; i++) {
    const section = sections[i]!;
    const previous = sections[i + 1]!;
    if (since !== undefined && semver.valid(section.version) && semver.lt(section.version, since)) continue;
    const to = tagFor(tags, section.version);
    const from = tagFor(tags, previous.version);
    if (to === null || from === null) {
      totals.skipped.push(section.version);
      continue;
    }
    // The word release-please wrote before footer issues in its day: `closes` until 17.10.4, `refs` since.
    const referenceWord = section.text.includes(", refs [") ? "refs" : "closes";
    const plan = await planRelease(
      {
        cwd: dir,
        from,
        to,
        keepEntries: false,
        dateFromCommit: dateRule,
        layout: { repoUrl, referenceWord, format: "release-please" },
      },
      {
        files: nodeFiles,
        git: gitCli,
        clock: fixedClock(new Date()),
        history: { readCommits, findLastReleaseTag },
      },
    );
    totals.compared++;
    const mine = plan.markdown;
    if (mine === section.text) totals.identicalSections++;
    else if (printed < diffs) {
      printed++;
      process.stdout.write(`--- CHANGELOG.md ${section.version}\n${section.text}+++ shipready\n${mine}\n`);
    }
    const theirs = entriesOf(section.text);
    const ours = entriesOf(mine);
    totals.entries += theirs.entries.length;
    totals.notes += theirs.notes.length;
    const noteBag = bagOf(ours.notes);
    for (const note of theirs.notes) if (take(noteBag, note)) totals.identicalNotes++;
    const lineBag = bagOf(ours.entries);
    const shaBag = bagOf(ours.entries.map(shaOf));
    for (const line of theirs.entries) {
      if (take(lineBag, line)) {
        totals.identical++;
        take(shaBag, shaOf(line));
      }
    }
    const leftTheirs = theirs.entries.filter((line) => !bagOf(ours.entries).has(line));
    for (const line of leftTheirs) {
      if (take(shaBag, shaOf(line))) totals.matching++;
      else totals.missing++;
    }
    totals.extra += [...shaBag.values()].reduce((a, b) => a + b, 0);
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(totals, null, 2)}\n`);
    return;
  }
  const pct = (a: number, b: number) => (b === 0 ? "0%" : `${((100 * a) / b).toFixed(1)}%`);
  process.stdout.write(
    [
      `${file}: ${totals.sections} sections, ${totals.compared} compared${since ? ` (${since} and later)` : ""} (between two tags)${totals.skipped.length ? `, ${totals.skipped.length} without a tag: ${totals.skipped.slice(0, 8).join(", ")}${totals.skipped.length > 8 ? ", ..." : ""}` : ""}`,
      `identical sections: ${totals.identicalSections} of ${totals.compared} (${pct(totals.identicalSections, totals.compared)})`,
      `entries in the file: ${totals.entries}`,
      `  identical:  ${totals.identical} (${pct(totals.identical, totals.entries)})`,
      `  matching:   ${totals.matching} (same commit, other text)`,
      `  missing:    ${totals.missing} (listed in the file, not by shipready)`,
      `  extra:      ${totals.extra} (listed by shipready, not in the file)`,
      `breaking-change notes: ${totals.identicalNotes} of ${totals.notes} identical`,
      "",
    ].join("\n"),
  );
}

await main();
