/**
 * The changelog part of `npm run bench` (issue 6, "Speed"): repositories of 10,000 and 100,000
 * conventional commits made by test/fixtures/bench/make-history.mjs, and whole processes timed on each,
 * for the full history and for the last-tag range (make-history keeps 150+ commits after the last
 * tag): the raw `git log` of the range with its output discarded (the floor), `shipready changelog`
 * and `shipready version`, and git-cliff and conventional-changelog from the dev dependencies, these
 * two with a time limit. Every shipready run is checked against the generator's manifest (commits in
 * the range, the next version), so speed never comes from skipping work: a mismatch throws.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { median } from "./median.js";
import { pathToFileURL } from "node:url";

const SIZES = [10_000, 100_000];
const RUNS = 7;
const WARMUPS = 1;
const MIN_RUNS = 3;
/** As in run-bench: when 1 + RUNS runs of a row would take longer than this, fewer are timed. */
const BUDGET_SECONDS = 12;
/** A row whose warm-up alone takes longer than this is timed on that one run. */
const SLOW_SECONDS = 20;
/** git-cliff and conventional-changelog are stopped after this long and reported over the limit. */
const LIMIT_SECONDS = 60;
const FULL_RATIO_TARGET = 1.5;
const FULL_RATIO_COMMITS = 100_000;
const RANGE_TARGET_SECONDS = 0.1;
const MEMORY_TARGET_MB = 100;
const LOG_FORMAT = "--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%B";
const TIME_BIN = "/usr/bin/time";
const RSS_MARK = "BENCH_MAXRSS_KIB=";

export interface ChangelogBenchRow {
  name: string;
  median: string;
  min: string;
  floorRatio: string;
  rss: string;
  target: string;
  verdict: string;
}

export interface ChangelogBenchTable {
  title: string;
  rows: ChangelogBenchRow[];
}

export interface ChangelogBenchResult {
  tables: ChangelogBenchTable[];
  notes: string[];
}

/** The part of make-history's manifest the bench checks against. */
interface Manifest {
  commits: number;
  reachableCommits: number;
  tags: { tag: string }[];
  tail: { fromTag: string | null; commits: number; expectedBump: string; expectedNextVersion: string };
}

interface RunResult {
  seconds: number;
  /** Peak RSS in MiB of the largest process in the tree (GNU time's %M), when measured. */
  rssMb: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

interface Command {
  file: string;
  args: string[];
  /** Keep stdout to check it; otherwise it goes to /dev/null. */
  keepStdout: boolean;
  limitSeconds?: number;
  verify?: (r: RunResult) => void;
}

interface Timing {
  times: number[];
  rss: number[];
  /** Fewer than RUNS were timed to stay in the budget. */
  cut: boolean;
  /** The time limit stopped the first run. */
  overLimit: boolean;
}

const hasTime = spawnSync(TIME_BIN, ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;

/**
 * One whole process, wall time by `process.hrtime.bigint()` around it, under GNU time for the peak
 * RSS when present. Output goes to files (or /dev/null), not pipes, so reading it costs the child
 * nothing. The child leads its own process group, so a time limit kills wrappers and what they run.
 */
async function runOnce(cwd: string, scratch: string, command: Command, what: string): Promise<RunResult> {
  const outFile = path.join(scratch, "stdout");
  const errFile = path.join(scratch, "stderr");
  const out = fs.openSync(command.keepStdout ? outFile : "/dev/null", "w");
  const err = fs.openSync(errFile, "w");
  const [file, args] = hasTime
    ? [TIME_BIN, ["-f", `${RSS_MARK}%M`, command.file, ...command.args]]
    : [command.file, command.args];
  let timedOut = false;
  const start = process.hrtime.bigint();
  let code: number | null;
  let signal: NodeJS.Signals | null;
  try {
    [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      const child = spawn(file, args, {
        cwd,
        stdio: ["ignore", out, err],
        detached: true,
        env: { ...process.env, NO_COLOR: "1" },
      });
      const timer =
        command.limitSeconds === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              try {
                process.kill(-child.pid!, "SIGKILL");
              } catch {
                // already gone
              }
            }, command.limitSeconds * 1000);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`${what}: ${error.message}`));
      });
      child.on("exit", (exitCode, exitSignal) => {
        clearTimeout(timer);
        resolve([exitCode, exitSignal]);
      });
    });
  } finally {
    fs.closeSync(out);
    fs.closeSync(err);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let stderr = fs.readFileSync(errFile, "utf8");
  let rssMb: number | null = null;
  const mark = stderr.lastIndexOf(RSS_MARK);
  if (hasTime && mark >= 0) {
    rssMb = Number.parseInt(stderr.slice(mark + RSS_MARK.length), 10) / 1024;
    stderr = stderr.slice(0, mark).replace(/Command exited with non-zero status \d+\n$/, "");
  }
  const stdout = command.keepStdout ? fs.readFileSync(outFile, "utf8") : "";
  const result = { seconds, rssMb, stdout, stderr, timedOut };
  if (timedOut) return result;
  if (code !== 0) {
    throw new Error(`${what}: exit ${code ?? signal}\n${stderr.slice(0, 2000)}`);
  }
  command.verify?.(result);
  return result;
}

/**
 * WARMUPS untimed runs, then RUNS timed, fewer when one run is slow (run-bench's budget logic; a
 * row whose warm-up alone passes SLOW_SECONDS keeps that run as its only one), all of RUNS with
 * `full`. A run stopped by the time limit ends the row.
 */
async function timeProcess(
  cwd: string,
  scratch: string,
  command: Command,
  what: string,
  full: boolean,
): Promise<Timing> {
  const warm = await runOnce(cwd, scratch, command, what);
  if (warm.timedOut) return { times: [], rss: [], cut: true, overLimit: true };
  if (!full && warm.seconds > SLOW_SECONDS) {
    return {
      times: [warm.seconds],
      rss: warm.rssMb === null ? [] : [warm.rssMb],
      cut: true,
      overLimit: false,
    };
  }
  for (let i = 1; i < WARMUPS; i++) await runOnce(cwd, scratch, command, what);
  const runs = full
    ? RUNS
    : Math.max(MIN_RUNS, Math.min(RUNS, Math.floor(BUDGET_SECONDS / warm.seconds) - WARMUPS));
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(cwd, scratch, command, what);
    if (r.timedOut) return { times: [], rss: [], cut: true, overLimit: true };
    times.push(r.seconds);
    if (r.rssMb !== null) rss.push(r.rssMb);
  }
  return { times, rss, cut: runs < RUNS, overLimit: false };
}

/**
 * Peak RSS of a shipready process without GNU time: main() imported and awaited in a Node process
 * that prints its own maxRSS at exit, as run-bench does for `score`.
 */
async function shipreadyRssWithoutTime(
  bin: string,
  cwd: string,
  scratch: string,
  args: string[],
  what: string,
): Promise<number> {
  const distMain = path.join(path.dirname(bin), "..", "dist", "src", "cli", "main.js");
  const snippet = [
    `import { main } from ${JSON.stringify(pathToFileURL(path.resolve(distMain)).href)};`,
    `process.on("exit", () => process.stderr.write("\\n${RSS_MARK}" + process.resourceUsage().maxRSS + "\\n"));`,
    `process.exitCode = await main(process.argv.slice(1));`,
  ].join("\n");
  const r = await runOnce(
    cwd,
    scratch,
    { file: process.execPath, args: ["--input-type=module", "-e", snippet, ...args], keepStdout: false },
    `${what} (memory)`,
  );
  const mark = r.stderr.lastIndexOf(RSS_MARK);
  if (mark < 0) throw new Error(`${what}: no maxRSS in the output of the memory run`);
  return Number.parseInt(r.stderr.slice(mark + RSS_MARK.length), 10) / 1024;
}

// ---------------------------------------------------------------------------------------------
// Checks against the manifest

interface Expected {
  commits: number;
  /** null for the whole history: no release tag starts it, so there is no next version. */
  nextVersion: string | null;
}

interface PlanJson {
  counts: { commits: number };
  next: { version: string | null };
}

function verifyJson(what: string, expected: Expected): (r: RunResult) => void {
  return (r) => {
    const json = JSON.parse(r.stdout) as PlanJson;
    if (json.counts.commits !== expected.commits) {
      throw new Error(
        `${what}: counts.commits is ${json.counts.commits}, the manifest says ${expected.commits}`,
      );
    }
    if (json.next.version !== expected.nextVersion) {
      throw new Error(
        `${what}: next.version is ${json.next.version}, the manifest says ${expected.nextVersion}`,
      );
    }
  };
}

type Plain = "changelog" | "version";

/**
 * The plain commands print their summary on stderr ("356 commits since v10.8.0 (...): a major
 * release: 10.8.0 -> 11.0.0"); `version` prints the next version on stdout, `changelog` the section.
 */
function verifyPlain(what: string, command: Plain, expected: Expected): (r: RunResult) => void {
  return (r) => {
    const summary = /^(\d+) commits (?:since \S+|in the whole history) .*$/m.exec(r.stderr);
    if (!summary) throw new Error(`${what}: no summary line on stderr:\n${r.stderr.slice(-500)}`);
    if (Number(summary[1]) !== expected.commits) {
      throw new Error(`${what}: ${summary[1]} commits, the manifest says ${expected.commits}`);
    }
    const next = / -> (\S+)$/.exec(summary[0])?.[1] ?? null;
    if (next !== expected.nextVersion) {
      throw new Error(`${what}: next version ${next}, the manifest says ${expected.nextVersion}`);
    }
    if (command === "version" && r.stdout.trim() !== (expected.nextVersion ?? "")) {
      throw new Error(`${what}: printed ${JSON.stringify(r.stdout.trim())}, not ${expected.nextVersion}`);
    }
    if (command === "changelog" && r.stdout.trim().length === 0) {
      throw new Error(`${what}: printed no changelog`);
    }
  };
}

/** `changelog --regenerate --dry-run` prints `# Changelog` and one `## ` section per version tag. */
function verifyRegenerated(what: string, tags: number): (r: RunResult) => void {
  return (r) => {
    if (!r.stdout.startsWith("# Changelog\n"))
      throw new Error(`${what}: the output does not start with # Changelog`);
    const sections = r.stdout.split("\n").filter((line) => line.startsWith("## ")).length;
    if (sections !== tags) throw new Error(`${what}: ${sections} sections, the manifest has ${tags} tags`);
  };
}

// ---------------------------------------------------------------------------------------------

function gitCliffBinary(): string | null {
  const require = createRequire(import.meta.url);
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const extension = os.platform() === "win32" ? ".exe" : "";
  try {
    return require.resolve(`git-cliff-${platform}-${os.arch()}/bin/git-cliff${extension}`);
  } catch {
    return null;
  }
}

function conventionalChangelogCli(): string | null {
  const require = createRequire(import.meta.url);
  try {
    const pkgPath = require.resolve("conventional-changelog-cli/package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8")) as { bin: string | Record<string, string> };
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin["conventional-changelog"];
    return bin === undefined ? null : path.join(path.dirname(pkgPath), bin);
  } catch {
    return null;
  }
}

function makeHistory(root: string, commits: number, out: string): { manifest: Manifest; seconds: number } {
  const script = path.join(root, "test", "fixtures", "bench", "make-history.mjs");
  if (!fs.existsSync(script))
    throw new Error(`${script} is missing: the history generator is one of the test fixtures`);
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [script, "--commits", String(commits), "--out", out], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (result.error) throw new Error(`make-history: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`make-history: exit ${result.status}\n${result.stderr.slice(0, 2000)}`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { manifest: JSON.parse(fs.readFileSync(`${out}.manifest.json`, "utf8")) as Manifest, seconds };
}

function seconds(value: number): string {
  return `${value.toFixed(3)} s`;
}

function megabytes(values: number[]): string {
  return values.length === 0 ? "n/a" : `${median(values).toFixed(1)} MB`;
}

async function benchRepository(
  bin: string,
  root: string,
  dir: string,
  commits: number,
  full: boolean,
): Promise<ChangelogBenchTable> {
  // SHIPREADY_BENCH_REPOS keeps the generated repositories there between runs (make-history is
  // deterministic, so a kept one is the one it would make again).
  const keep = process.env.SHIPREADY_BENCH_REPOS;
  const repo = path.join(keep ?? dir, `r${commits}`);
  const scratch = path.join(dir, "scratch");
  fs.mkdirSync(scratch, { recursive: true });
  const made =
    keep !== undefined && fs.existsSync(`${repo}.manifest.json`)
      ? {
          manifest: JSON.parse(fs.readFileSync(`${repo}.manifest.json`, "utf8")) as Manifest,
          seconds: 0,
        }
      : makeHistory(root, commits, repo);
  const { manifest } = made;
  const fromTag = manifest.tail.fromTag;
  if (fromTag === null) throw new Error(`the ${commits}-commit history has no release tag`);
  console.log(
    `history: ${manifest.commits.toLocaleString("en-US")} commits (${manifest.reachableCommits.toLocaleString("en-US")} reachable), ` +
      `${manifest.tags.length} tags, last-tag range ${fromTag}..HEAD of ${manifest.tail.commits} commits ` +
      `(${manifest.tail.expectedBump} -> ${manifest.tail.expectedNextVersion}); generated in ${made.seconds.toFixed(1)} s`,
  );

  const wholeHistory: Expected = { commits: manifest.reachableCommits, nextVersion: null };
  const lastTag: Expected = {
    commits: manifest.tail.commits,
    nextVersion: manifest.tail.expectedNextVersion,
  };
  const fullRatioApplies = commits >= FULL_RATIO_COMMITS;
  const memoryTarget = `peak RSS < ${MEMORY_TARGET_MB} MB`;
  const fullTarget = fullRatioApplies
    ? `<= ${FULL_RATIO_TARGET}x floor; ${memoryTarget}`
    : `(ratio target is for 100,000); ${memoryTarget}`;
  const rangeTarget = `< ${RANGE_TARGET_SECONDS} s; ${memoryTarget}`;

  const rows: ChangelogBenchRow[] = [];
  const floors: Record<"full" | "range", number> = { full: Number.NaN, range: Number.NaN };

  const measure = async (
    name: string,
    command: Command,
    options: {
      range: "full" | "range";
      shipready?: string[];
      target: string;
      judge?: (med: number) => boolean;
      isFloor?: boolean;
    },
  ): Promise<void> => {
    const timing = await timeProcess(repo, scratch, command, name, full);
    if (timing.overLimit) {
      rows.push({
        name,
        median: `> ${command.limitSeconds} s`,
        min: "-",
        floorRatio: "-",
        rss: "-",
        target: options.target,
        verdict: "over the limit",
      });
      return;
    }
    const med = median(timing.times);
    if (options.isFloor) floors[options.range] = med;
    let rss = timing.rss;
    if (!hasTime && options.shipready) {
      rss = [await shipreadyRssWithoutTime(bin, repo, scratch, options.shipready, name)];
    }
    const missed: string[] = [];
    if (options.judge && !options.judge(med)) missed.push("time");
    if (options.shipready && rss.length > 0 && median(rss) >= MEMORY_TARGET_MB) missed.push("memory");
    const ratio = med / floors[options.range];
    rows.push({
      name: timing.cut ? `${name} [${timing.times.length} run${timing.times.length === 1 ? "" : "s"}]` : name,
      median: seconds(med),
      min: seconds(Math.min(...timing.times)),
      floorRatio: options.isFloor ? "1.00x" : Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : "-",
      rss: megabytes(rss),
      target: options.target,
      verdict: options.shipready ? (missed.length === 0 ? "ok" : `MISSED (${missed.join(", ")})`) : "-",
    });
  };

  const shipready = (args: string[], verify: (r: RunResult) => void): Command => ({
    file: process.execPath,
    args: [bin, ...args],
    keepStdout: true,
    verify,
  });

  // The whole history.
  await measure(
    "git log HEAD (floor)",
    { file: "git", args: ["log", LOG_FORMAT, "-z", "HEAD"], keepStdout: false },
    { range: "full", target: "(the floor)", isFloor: true },
  );
  const fullJudge = fullRatioApplies ? (med: number) => med / floors.full <= FULL_RATIO_TARGET : undefined;
  for (const [command, args] of [
    ["changelog", ["changelog", "--all"]],
    ["version", ["version", "--all"]],
    ["version", ["version", "--all", "--json"]],
  ] as [Plain, string[]][]) {
    const name = `shipready ${args.join(" ")}`;
    const verify = args.includes("--json")
      ? verifyJson(name, wholeHistory)
      : verifyPlain(name, command, wholeHistory);
    await measure(name, shipready(args, verify), {
      range: "full",
      shipready: args,
      target: fullTarget,
      ...(fullJudge && { judge: fullJudge }),
    });
  }
  // The whole CHANGELOG.md from history, one section per tag: memory must hold one section, not the file.
  const regenerate = ["changelog", "--regenerate", "--dry-run"];
  await measure(
    `shipready ${regenerate.join(" ")}`,
    shipready(regenerate, verifyRegenerated(`shipready ${regenerate.join(" ")}`, manifest.tags.length)),
    { range: "full", shipready: regenerate, target: `(${manifest.tags.length} sections); ${memoryTarget}` },
  );
  const cliff = gitCliffBinary();
  const cc = conventionalChangelogCli();
  const competitor = async (
    name: string,
    script: string | null,
    args: string[],
    range: "full" | "range",
  ): Promise<void> => {
    if (script === null) {
      rows.push({
        name,
        median: "not installed",
        min: "-",
        floorRatio: "-",
        rss: "-",
        target: "(context)",
        verdict: "-",
      });
      return;
    }
    // A native binary runs as it is, a Node script under this Node.
    const [file, fileArgs] = script.endsWith(".js") ? [process.execPath, [script, ...args]] : [script, args];
    await measure(
      name,
      { file, args: fileArgs, keepStdout: false, limitSeconds: LIMIT_SECONDS },
      { range, target: "(context)" },
    );
  };
  await competitor("git-cliff", cliff, ["--offline"], "full");
  await competitor(
    "conventional-changelog -p angular -r 0 -u",
    cc,
    ["-p", "angular", "-r", "0", "-u"],
    "full",
  );

  // The last-tag range.
  await measure(
    `git log ${fromTag}..HEAD (floor)`,
    { file: "git", args: ["log", LOG_FORMAT, "-z", `${fromTag}..HEAD`], keepStdout: false },
    { range: "range", target: "(the floor)", isFloor: true },
  );
  for (const [command, args] of [
    ["changelog", ["changelog"]],
    ["version", ["version"]],
    ["version", ["version", "--json"]],
  ] as [Plain, string[]][]) {
    const name = `shipready ${args.join(" ")}`;
    const verify = args.includes("--json") ? verifyJson(name, lastTag) : verifyPlain(name, command, lastTag);
    await measure(name, shipready(args, verify), {
      range: "range",
      shipready: args,
      target: rangeTarget,
      judge: (med) => med < RANGE_TARGET_SECONDS,
    });
  }
  await competitor("git-cliff --unreleased", cliff, ["--offline", "--unreleased"], "range");
  await competitor(
    "git-cliff --unreleased --bumped-version",
    cliff,
    ["--offline", "--unreleased", "--bumped-version"],
    "range",
  );
  // -u: the generated repository's package.json carries the last tag's version, so without it
  // conventional-changelog prints nothing for the unreleased commits.
  await competitor("conventional-changelog -p angular -u", cc, ["-p", "angular", "-u"], "range");

  if (keep === undefined) {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(`${repo}.manifest.json`, { force: true });
  }
  return {
    title:
      `Changelog · ${manifest.commits.toLocaleString("en-US")} commits, ${manifest.tags.length} tags · ` +
      `full history, then the last-tag range ${fromTag}..HEAD (${manifest.tail.commits} commits -> ${manifest.tail.expectedNextVersion})`,
    rows,
  };
}

/**
 * Generates each repository in `dir` (removed at the end), measures it, and returns one table per
 * repository with the notes that explain them. Throws when a shipready run disagrees with the manifest.
 */
export async function benchChangelog(
  bin: string,
  dir: string,
  options: { full?: boolean } = {},
): Promise<ChangelogBenchResult> {
  const root = path.resolve(path.dirname(bin), "..");
  fs.mkdirSync(dir, { recursive: true });
  try {
    const tables: ChangelogBenchTable[] = [];
    console.log("");
    for (const commits of SIZES)
      tables.push(await benchRepository(bin, root, dir, commits, options.full ?? false));
    const notes = [
      `Changelog: wall time of whole processes, median of ${RUNS} after ${WARMUPS} warm-up unless [n runs] ` +
        `(fewer past a ${BUDGET_SECONDS} s budget per row; one when the warm-up alone passes ${SLOW_SECONDS} s). ` +
        `x floor: median over the raw \`git log ${LOG_FORMAT} -z\` of the same range, output discarded. ` +
        (hasTime
          ? "Peak RSS: GNU time's %M, the largest single process of the tree (node and the git it runs are not summed). "
          : "Peak RSS: no /usr/bin/time here, so only shipready's, from process.resourceUsage().maxRSS of one run (git not counted). ") +
        `git-cliff (native binary, default config) and conventional-changelog are stopped after ${LIMIT_SECONDS} s. ` +
        "Every shipready run is checked against make-history's manifest: commits in the range and the next version.",
    ];
    return { tables, notes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
