import semver from "semver";
import { loadConfig } from "../config/load-config.js";
import {
  isMergeCommitMessage,
  parseCommitForChangelog,
  parseRevertMessage,
} from "./core/parse-conventional-commit.js";
import { nextVersion } from "./core/next-version.js";
import { parseReleasePleaseCommit } from "./core/parse-release-please-commit.js";
import { parseRemote } from "../shared/parse-remote.js";
import {
  startChangelog,
  type ChangelogEntry,
  type ChangelogLayout,
  type OtherEntry,
} from "./core/render-changelog.js";
import { UsageError } from "../errors.js";
import type { Clock, Files, Git } from "../ports.js";
import type { GitHistory } from "./ports.js";
import type { Finding } from "../types.js";

export interface PlanOptions {
  /** The folder the command runs in; the repository holding it is read. */
  cwd: string;
  /** An explicit shipready.yml. */
  config?: string;
  /** Start of the range (exclusive); the last release tag reachable from `to` when absent; null for the whole history. */
  from?: string | null;
  /** End of the range (inclusive); HEAD when absent. */
  to?: string;
  /** Pre-release id (rc, beta): the next version is a pre-release of it. */
  pre?: string;
  /**
   * false: `entries` and `others` come back empty and only the markdown's lines are held while
   * reading, so memory stays small however long the history; counts and markdown are the same.
   */
  keepEntries?: boolean;
  /**
   * Called with each entry as it is read, in the order `entries` lists them: with keepEntries
   * false, the way to see every entry without holding them all. Its strings may be views of the
   * commit's whole message, so copy what is kept.
   */
  onEntry?: (entry: ChangelogEntry) => void;
  /** Called with each commit that is not conventional as it is read, in the order of `others`. */
  onOther?: (other: OtherEntry) => void;
  /**
   * Date the section by the newest commit of the range (its author date, in UTC) rather than by the
   * clock: a section for a release that exists carries the day it was made. "newest-change": by the
   * newest commit that is not itself a release commit (`chore(main): release 1.4.0`), which is the
   * day release-please last rewrote its pull request.
   */
  dateFromCommit?: boolean | "newest-change";
  /** Layout settings that take the place of the config's and the remote's (repoUrl, types, referenceWord...). */
  layout?: Partial<ChangelogLayout>;
}

export interface PlanPorts {
  files: Files;
  git: Git;
  clock: Clock;
  history: GitHistory;
}

/** What the commits since the last release add up to: the next version and its changelog section. */
export interface ReleasePlan {
  range: { from: string | null; to: string; fromVersion: string | null };
  next: { bump: "major" | "minor" | "patch" | "none"; version: string | null; tag: string | null };
  counts: {
    commits: number;
    conventional: number;
    others: number;
    merges: number;
    breaking: number;
    types: Record<string, number>;
  };
  entries: ChangelogEntry[];
  others: OtherEntry[];
  /** The changelog section, markdown. */
  markdown: string;
  warnings: Finding[];
}

// The release commits release-please (`chore(main): release 1.4.0`) and shipready (`chore(release): 1.4.0`) write.
const RELEASE_COMMIT = /^chore(?:\([^)]*\))?: (?:release )?v?\d+\.\d+\.\d+|^chore(?:\([^)]*\))?: release\b/;

const NOT_BREAKING = { scope: null, breaking: false, breakingNote: null, references: [] } as const;

/**
 * Reads the commits of a range in one pass and works out the next version and the changelog for
 * it. Read-only: nothing is tagged or written.
 */
export async function planRelease(options: PlanOptions, ports: PlanPorts): Promise<ReleasePlan> {
  // Asked at once, so git answers beside the other questions: the lines link to it as they are made.
  const remoteAnswer = settled(ports.git.remoteUrl(options.cwd));
  const top = await ports.git.topLevel(options.cwd);
  if (top === null) {
    throw new UsageError(
      `${options.cwd} is not inside a git repository`,
      "Run shipready in the repository whose history the changelog describes.",
    );
  }
  // Without a shipready.yml the config is rooted at the top folder, which git has just named.
  const git: Git = {
    headCommit: (dir) => ports.git.headCommit(dir),
    topLevel: (dir) => (dir === options.cwd ? Promise.resolve(top) : ports.git.topLevel(dir)),
    remoteUrl: (dir, name) => ports.git.remoteUrl(dir, name),
  };
  const { config, warnings } = await loadConfig(
    { cwd: options.cwd, near: options.cwd, ...(options.config ? { config: options.config } : {}) },
    { files: ports.files, git },
  );
  const settings = config.release;
  const to = options.to ?? "HEAD";
  const last =
    options.from === undefined ? await ports.history.findLastReleaseTag(top, to, settings.tagPattern) : null;
  const from = options.from === undefined ? (last?.tag?.name ?? null) : options.from;
  // A pre-release counts on from the newest one since the last release (rc.0, then rc.1); only --pre needs it.
  const preAnswer =
    options.from === undefined && options.pre
      ? settled(ports.history.findLastReleaseTag(top, to, settings.tagPattern, { includePrerelease: true }))
      : null;
  const notSemver = last?.notSemver ?? [];
  const planWarnings: Finding[] = [...warnings];
  if (notSemver.length > 0) {
    planWarnings.push({
      code: "tag-not-semver",
      message: `${notSemver.slice(0, 5).join(", ")}${notSemver.length > 5 ? ` and ${notSemver.length - 5} more` : ""} fit the tag pattern ${settings.tagPattern} but are not semantic versions, so they are ignored; rename them (v1.2.3) or set release.tagPattern in shipready.yml`,
    });
  }

  const keepAll = options.keepEntries !== false;
  const remote = await remoteAnswer();
  const parsedRemote = remote === null ? null : parseRemote(remote);
  const format = options.layout?.format ?? settings.changelogFormat;
  const changelog = startChangelog({
    repoUrl: parsedRemote ? `https://${parsedRemote.host}/${parsedRemote.repo}` : null,
    format,
    showAll: settings.showAll,
    listOthers: settings.others === "list",
    ...options.layout,
  });
  let newestDate: string | null = null;
  const entries: ChangelogEntry[] = [];
  const others: OtherEntry[] = [];
  const types: Record<string, number> = {};
  // One commit of each kind that moves the version: the bump depends on nothing else.
  const bumpers = new Map<string, { type: string; breaking: boolean }>();
  let conventional = 0;
  let otherCount = 0;
  let breaking = 0;
  let merges = 0;
  const addEntry = (entry: ChangelogEntry) => {
    conventional++;
    if (entry.breaking) breaking++;
    const kind = entry.breaking ? "!" : entry.type;
    if (!bumpers.has(kind)) bumpers.set(kind, { type: entry.type, breaking: entry.breaking });
    changelog.add(entry);
    if (keepAll) entries.push(detachEntry(entry));
    options.onEntry?.(entry);
  };
  const addOther = (commit: { sha: string; message: string }) => {
    otherCount++;
    const other = { sha: commit.sha, header: commit.message.split("\n", 1)[0]!.replace(/\r$/, "") };
    changelog.addOther(other);
    if (keepAll) others.push({ sha: detach(other.sha), header: detach(other.header) });
    options.onOther?.(other);
  };
  const { count } = await ports.history.readCommits(top, { from, to }, (commit) => {
    // A merge commit repeats what its branch's commits say; release-please leaves them out too.
    if (commit.parents.length > 1 || isMergeCommitMessage(commit.message)) {
      merges++;
      return;
    }
    if (
      newestDate === null &&
      (options.dateFromCommit !== "newest-change" || !RELEASE_COMMIT.test(commit.message))
    ) {
      newestDate = commit.date;
    }
    if (format === "release-please") {
      // Several conventional messages may share one commit, as release-please splits them.
      const found = parseReleasePleaseCommit(commit.message);
      if (found.length === 0) {
        addOther(commit);
        return;
      }
      for (const parsed of found) {
        types[parsed.type] = (types[parsed.type] ?? 0) + 1;
        addEntry({
          sha: commit.sha,
          type: parsed.type,
          scope: parsed.scope,
          subject: parsed.subject,
          breaking: parsed.breaking,
          breakingNote: parsed.breakingNote,
          references: parsed.references,
          releaseAs: parsed.releaseAs,
        });
      }
      return;
    }
    const parsed = parseCommitForChangelog(commit.message);
    if (parsed === null) {
      // git's own `Revert "feat: x"` is a revert all the same.
      const revert = parseRevertMessage(commit.message);
      if (revert !== null) {
        types.revert = (types.revert ?? 0) + 1;
        addEntry({ ...NOT_BREAKING, sha: commit.sha, type: "revert", subject: revert.header });
      } else addOther(commit);
      return;
    }
    types[parsed.type] = (types[parsed.type] ?? 0) + 1;
    addEntry({
      sha: commit.sha,
      type: parsed.type,
      scope: parsed.scope,
      subject: parsed.subject,
      breaking: parsed.breaking,
      breakingNote: parsed.breakingNote,
      references: parsed.references,
    });
  });

  // The version the range starts from: the last release, or the version a named tag carries. A range
  // that starts elsewhere (a commit, the whole history of a released project) has no next version.
  const fromVersion =
    options.from === undefined
      ? (last?.tag?.version ?? null)
      : versionOfTag(options.from, settings.tagPattern);
  const releasable = options.from === undefined || fromVersion !== null;
  const newest = preAnswer === null ? null : (await preAnswer()).tag;
  const current =
    newest !== null &&
    semver.prerelease(newest.version) !== null &&
    (fromVersion === null || semver.gt(newest.version, fromVersion))
      ? newest.version
      : fromVersion;
  let computed: ReturnType<typeof nextVersion>;
  if (
    current !== null &&
    current === newest?.version &&
    to === "HEAD" &&
    newest.commit === (await ports.git.headCommit(top))
  ) {
    // HEAD is that pre-release: nothing came after it, so it is what HEAD releases.
    computed = {
      bump: nextVersion(fromVersion, [...bumpers.values()], { preMajor: settings.preMajor }).bump,
      version: current,
    };
  } else {
    try {
      computed = nextVersion(current, [...bumpers.values()], {
        preMajor: settings.preMajor,
        ...(options.pre ? { pre: options.pre } : {}),
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new UsageError(`${error.message}.`, "Choose another --pre id, or release without --pre.");
    }
  }
  const next = releasable ? computed : { bump: computed.bump, version: null };
  const tag = next.version === null ? null : settings.tagPattern.replace("{version}", next.version);
  // A range that ends at a version tag describes that release: its heading names it.
  const toVersion = options.to === undefined ? null : versionOfTag(options.to, settings.tagPattern);
  const date = options.dateFromCommit && newestDate !== null ? new Date(newestDate) : ports.clock.now();
  const markdown = changelog.finish({
    version: toVersion ?? next.version,
    tag: toVersion === null ? tag : options.to!,
    previousTag: from,
    date: date.toISOString().slice(0, 10),
  });
  return {
    range: { from, to, fromVersion },
    next: { bump: next.bump, version: next.version, tag },
    counts: {
      commits: count,
      conventional,
      others: otherCount,
      merges,
      breaking,
      types,
    },
    entries,
    others,
    markdown,
    warnings: planWarnings,
  };
}

/** A promise's outcome, waited for later without an unhandled rejection in between. */
function settled<T>(promise: Promise<T>): () => Promise<T> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return async () => {
    const result = await outcome;
    if ("error" in result) throw result.error;
    return result.value;
  };
}

/**
 * A copy of `text` that holds only its own characters. V8 keeps a slice of a string (what a regex
 * match or `slice` returns) as a view of the whole: a kept subject would keep its commit's whole
 * message alive, and for 100,000 commits that is most of the memory.
 */
function detach(text: string): string {
  return (" " + text).slice(1);
}

/** An entry whose strings are copies, so holding it does not hold its commit's message. */
function detachEntry(entry: ChangelogEntry): ChangelogEntry {
  // Spread first: the keys keep their order, which --json prints.
  return {
    ...entry,
    sha: detach(entry.sha),
    type: internType(entry.type),
    scope: entry.scope === null ? null : detach(entry.scope),
    subject: detach(entry.subject),
    breakingNote: entry.breakingNote === null ? null : detach(entry.breakingNote),
    references: entry.references.length === 0 ? entry.references : entry.references.map(detachReference),
  };
}

function detachReference<T extends { repo: string | null }>(reference: T): T {
  return reference.repo === null ? reference : { ...reference, repo: detach(reference.repo) };
}

const TYPES = new Map<string, string>();

/** One string per commit type rather than one per commit. */
function internType(type: string): string {
  let interned = TYPES.get(type);
  if (interned === undefined) {
    interned = detach(type);
    TYPES.set(interned, interned);
  }
  return interned;
}

/** The version a tag carries under the pattern (v{version}), or null when it carries none. */
function versionOfTag(tag: string | null, pattern: string): string | null {
  if (tag === null) return null;
  const [prefix, suffix] = pattern.split("{version}") as [string, string];
  if (!tag.startsWith(prefix) || !tag.endsWith(suffix)) return null;
  return semver.valid(tag.slice(prefix.length, tag.length - suffix.length));
}
