import { gitCli } from "../adapters/git/git-cli.js";
import { nodeFiles } from "../adapters/node-files.js";
import { ExitCode, UsageError } from "../errors.js";
import type { GitHistory } from "../release/ports.js";
import { planRelease, type ReleasePlan } from "../release/plan-release.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";

export interface ReleasePlanOptions extends GlobalOptions {
  from?: string;
  all?: boolean;
  to?: string;
  pre?: string;
  json?: boolean;
  now?: string;
  package?: string;
  regenerate?: boolean;
  dryRun?: boolean;
}

/** `changelog` prints the section the range adds; `version` prints the version it makes. */
export async function runReleasePlanCommand(
  command: "changelog" | "version",
  opts: ReleasePlanOptions,
): Promise<number> {
  // Loaded here: only these commands read history.
  const { findLastReleaseTag, readCommits, listVersionTags } = await import("../adapters/git/git-history.js");
  if (command === "changelog" && opts.regenerate) {
    return regenerate(opts, { findLastReleaseTag, readCommits, listVersionTags });
  }
  // A release-please repository: each package's next release, as `release` would make it.
  if (opts.from === undefined && !opts.all && opts.pre === undefined) {
    const packaged = await printPackages(command, opts, { readCommits, findLastReleaseTag });
    if (packaged !== null) return packaged;
  }
  // --json prints every entry: each is turned into its JSON as it is read and kept as UTF-8 bytes,
  // outside the JS heap, so the entries of a long history are never all held as objects at once.
  const entries = opts.json ? new JsonItems() : null;
  const others = opts.json ? new JsonItems() : null;
  const plan = await planRelease(
    {
      cwd: process.cwd(),
      ...(opts.config !== undefined && { config: opts.config }),
      ...(opts.from !== undefined && { from: opts.from }),
      ...(opts.all && { from: null }),
      ...(opts.to !== undefined && { to: opts.to }),
      ...(opts.pre !== undefined && { pre: opts.pre }),
      keepEntries: false,
      // A range that ends at a tag describes a release that exists: dated by it, not by today.
      dateFromCommit: opts.to !== undefined && opts.now === undefined,
      ...(entries && others && { onEntry: (e) => entries.add(e), onOther: (o) => others.add(o) }),
    },
    {
      files: nodeFiles,
      git: gitCli,
      clock: chooseClock(opts.now, process.env),
      history: { readCommits, findLastReleaseTag },
    },
  );
  for (const warning of plan.warnings)
    process.stderr.write(`shipready: ${escapeTerminal(warning.message)}\n`);
  if (entries && others) {
    writeJson(plan, entries, others);
    return ExitCode.Ok;
  }
  if (command === "changelog") {
    process.stdout.write(plan.markdown);
  } else if (plan.next.version !== null) {
    process.stdout.write(`${plan.next.version}\n`);
  }
  process.stderr.write(`${summary(plan)}\n`);
  return ExitCode.Ok;
}

async function printPackages(
  command: "changelog" | "version",
  opts: ReleasePlanOptions,
  history: GitHistory,
): Promise<number | null> {
  const [{ planRepositoryPackages }, { gitPackageHistory }] = await Promise.all([
    import("../release/plan-repository-packages.js"),
    import("../adapters/git/git-package-history.js"),
  ]);
  const plans = await planRepositoryPackages(
    {
      cwd: process.cwd(),
      ...(opts.to !== undefined && { to: opts.to }),
      ...(opts.package !== undefined && { only: opts.package }),
    },
    {
      files: nodeFiles,
      git: gitCli,
      clock: chooseClock(opts.now, process.env),
      history,
      packageHistory: gitPackageHistory,
    },
  );
  if (plans === null) {
    if (opts.package === undefined) return null;
    throw new UsageError(
      "--package needs a release-please-config.json at the top of the repository.",
      "Leave out --package, or add release-please's config.",
    );
  }
  if (opts.json) {
    const out = plans.map((p) => ({
      package: p.pkg.path,
      component: p.pkg.component,
      from: p.fromVersion,
      since: p.sinceReason,
      commits: p.commits,
      bump: p.bump,
      releaseAs: p.releaseAs,
      version: p.version,
      tag: p.tag,
      markdown: p.markdown,
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return ExitCode.Ok;
  }
  for (const p of plans) {
    if (command === "changelog") {
      if (plans.length > 1) process.stdout.write(`<!-- ${p.label} -->\n`);
      process.stdout.write(p.markdown);
    } else if (p.version !== null) {
      process.stdout.write(plans.length > 1 ? `${p.label} ${p.version}\n` : `${p.version}\n`);
    }
    process.stderr.write(
      `${escapeTerminal(p.label)}: ${p.commits} commits since ${escapeTerminal(p.sinceReason)}: ${p.version === null ? "nothing to release" : `${p.fromVersion ?? "first release"} -> ${p.version} (${p.tag})`}\n`,
    );
  }
  return ExitCode.Ok;
}

function summary(plan: ReleasePlan): string {
  const c = plan.counts;
  const since = plan.range.from ? `since ${plan.range.from}` : "in the whole history";
  const release =
    plan.next.version !== null
      ? `a ${plan.next.bump} release: ${plan.range.fromVersion ?? "first release"} -> ${plan.next.version}`
      : plan.next.bump === "none"
        ? "nothing that needs a release"
        : `a ${plan.next.bump} bump, but no next version: the range does not start at a release tag`;
  const merges = c.merges > 0 ? `, ${c.merges} merge commit${c.merges === 1 ? "" : "s"} left out` : "";
  return `${c.commits} commits ${since} (${c.conventional} conventional, ${c.others} not${merges}, ${c.breaking} breaking): ${release}`;
}

const BLOCK = 1 << 20;
// `{\n  "a": [\n` and `\n  ]\n}` around an item printed by JSON.stringify({ a: [item] }, null, 2).
const WRAPPER_START = 11;
const WRAPPER_END = 6;

/**
 * Items of a JSON array as JSON.stringify(document, null, 2) prints them two levels down, kept as
 * UTF-8 in blocks of 1 MB: neither a string per item nor a buffer that doubles as it grows.
 */
class JsonItems {
  private blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(0);
  private used = 0;
  private count = 0;

  add(item: unknown): void {
    // Printed inside an array inside an object, the item comes out indented as it is in the document:
    // a quarter faster than indenting it afterwards.
    const wrapped = JSON.stringify({ a: [item] }, null, 2);
    const text = `${this.count === 0 ? "" : ",\n"}${wrapped.slice(WRAPPER_START, wrapped.length - WRAPPER_END)}`;
    this.count++;
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.block.length) {
      this.seal();
      this.block = Buffer.allocUnsafe(Math.max(BLOCK, text.length * 3));
    }
    this.used += this.block.write(text, this.used);
  }

  /** The array: `[]`, or its items between brackets on lines of their own. */
  write(out: (text: string | Buffer) => void): void {
    if (this.count === 0) {
      out("[]");
      return;
    }
    this.seal();
    out("[\n");
    for (const block of this.blocks) out(block);
    out("\n  ]");
  }

  private seal(): void {
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(0);
    this.used = 0;
  }
}

/**
 * The plan as one JSON document, byte for byte JSON.stringify(document, null, 2), written in pieces
 * so that it is never one string: for 100,000 commits that string alone would be 60 MB.
 */
function writeJson(plan: ReleasePlan, entries: JsonItems, others: JsonItems): void {
  const out = (text: string | Buffer) => process.stdout.write(text);
  const head = JSON.stringify(
    { range: plan.range, next: plan.next, counts: plan.counts, changelog: plan.markdown },
    null,
    2,
  );
  // Without its closing "\n}", to go on with the lists.
  out(head.slice(0, -2));
  out(',\n  "entries": ');
  entries.write(out);
  out(',\n  "others": ');
  others.write(out);
  out(',\n  "warnings": ');
  const warnings = new JsonItems();
  for (const w of plan.warnings) warnings.add({ message: w.message, code: w.code });
  warnings.write(out);
  out("\n}\n");
}

/** `changelog --regenerate`: the whole CHANGELOG.md from the tags, written (or printed with --dry-run). */
async function regenerate(
  opts: ReleasePlanOptions,
  history: Pick<
    typeof import("../adapters/git/git-history.js"),
    "findLastReleaseTag" | "readCommits" | "listVersionTags"
  >,
): Promise<number> {
  if (opts.from !== undefined || opts.to !== undefined || opts.all || opts.json || opts.pre) {
    throw new UsageError(
      "--regenerate writes every release's section, so it takes no range, --pre or --json",
      "Run `shipready changelog --regenerate` (add --dry-run to print it), or name a range without --regenerate.",
    );
  }
  const { regenerateChangelog } = await import("../release/regenerate-changelog.js");
  const { loadConfig } = await import("../config/load-config.js");
  const cwd = process.cwd();
  const ports = {
    files: nodeFiles,
    git: gitCli,
    clock: chooseClock(opts.now, process.env),
    history: { readCommits: history.readCommits, findLastReleaseTag: history.findLastReleaseTag },
    versionTags: async (dir: string, pattern: string) => (await history.listVersionTags(dir, pattern)).tags,
  };
  const options = { cwd, ...(opts.config !== undefined && { config: opts.config }) };
  const sections = regenerateChangelog(options, ports);
  let count = -1;
  const counted = (async function* () {
    for await (const piece of sections) {
      count++;
      yield piece;
    }
  })();
  if (opts.dryRun) {
    for await (const piece of counted) process.stdout.write(piece);
    process.stderr.write(`${count} release sections (dry run: nothing written)\n`);
    return ExitCode.Ok;
  }
  const { config } = await loadConfig({ ...options, near: cwd }, { files: nodeFiles, git: gitCli });
  const { writeFileAtomically } = await import("../adapters/write-file-atomically.js");
  await writeFileAtomically(config.release.changelogFile, counted);
  process.stderr.write(`wrote ${escapeTerminal(config.release.changelogFile)}: ${count} release sections\n`);
  return ExitCode.Ok;
}
