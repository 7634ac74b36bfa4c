/** One conventional commit as a changelog entry needs it. */
export interface ChangelogEntry {
  sha: string;
  type: string;
  scope: string | null;
  subject: string;
  breaking: boolean;
  /** What breaks, from the BREAKING CHANGE footer (or the subject when only `!` says so). */
  breakingNote: string | null;
  /** Issues and pull requests the commit names (#12, owner/repo#12). */
  references: readonly { number: number; repo: string | null }[];
}

/** A commit whose message does not follow the convention. */
export interface OtherEntry {
  sha: string;
  header: string;
}

export interface ChangelogSection {
  type: string;
  title: string;
}

/**
 * The sections, in release-please's order and words, so a CHANGELOG.md written by release-please or
 * conventional-changelog reads on without a seam. Types not listed here are left out unless
 * `showAll` is set (then they come last, titled by their type).
 */
export const DEFAULT_SECTIONS: readonly ChangelogSection[] = [
  { type: "feat", title: "Features" },
  { type: "fix", title: "Bug Fixes" },
  { type: "perf", title: "Performance Improvements" },
  { type: "revert", title: "Reverts" },
];

/** Shown with `showAll`: the types release-please hides by default. */
export const HIDDEN_SECTIONS: readonly ChangelogSection[] = [
  { type: "docs", title: "Documentation" },
  { type: "refactor", title: "Code Refactoring" },
  { type: "test", title: "Tests" },
  { type: "build", title: "Build System" },
  { type: "ci", title: "Continuous Integration" },
  { type: "style", title: "Styles" },
  { type: "chore", title: "Miscellaneous Chores" },
];

export interface ChangelogInput {
  /** The version being described (1.4.0), or null for unreleased changes. */
  version: string | null;
  /** The tag of this version (v1.4.0); used for the compare link. */
  tag: string | null;
  /** The previous release's tag, for the compare link; null for the first release. */
  previousTag: string | null;
  /** YYYY-MM-DD. */
  date: string;
  entries: readonly ChangelogEntry[];
  others: readonly OtherEntry[];
  /** https://github.com/owner/repo (or a GHES URL); null when the remote is not known: no links. */
  repoUrl: string | null;
  /** List every type, not only what users notice. */
  showAll: boolean;
  /** List commits that are not conventional under "Other Changes" (else they are only counted). */
  listOthers: boolean;
  eol?: "\n" | "\r\n";
}

/**
 * Whether the section renderChangelog writes lists `entry` (under its type, or as a breaking change).
 * A caller that keeps only these gets the same markdown while holding far fewer entries.
 */
export function isShownInChangelog(entry: ChangelogEntry, showAll: boolean): boolean {
  return entry.breaking || showAll || DEFAULT_TYPES.has(entry.type);
}

const DEFAULT_TYPES = new Set(DEFAULT_SECTIONS.map((s) => s.type));
// What localeCompare uses when given no locale, made once.
const COLLATOR = new Intl.Collator();

/**
 * A changelog section for one release, in the shape release-please writes: a `##` heading linked
 * to the comparison, breaking changes first, then one list per type, scope in bold, each entry
 * linked to its commit and the issues it names.
 */
export function renderChangelog(input: ChangelogInput): string {
  const eol = input.eol ?? "\n";
  const lines: string[] = [heading(input), ""];
  const breaking: ChangelogEntry[] = [];
  const byType = new Map<string, ChangelogEntry[]>();
  for (const entry of input.entries) {
    if (entry.breaking) breaking.push(entry);
    const list = byType.get(entry.type);
    if (list === undefined) byType.set(entry.type, [entry]);
    else list.push(entry);
  }
  if (breaking.length > 0) {
    lines.push("", "### ⚠ BREAKING CHANGES", "");
    for (const entry of breaking)
      lines.push(`* ${scopeOf(entry)}${clean(entry.breakingNote ?? entry.subject)}`);
  }
  const sections = [...DEFAULT_SECTIONS, ...(input.showAll ? HIDDEN_SECTIONS : [])];
  const known = new Set(sections.map((s) => s.type));
  if (input.showAll) {
    const extra = [...byType.keys()].filter((t) => !known.has(t)).sort();
    sections.push(...extra.map((type) => ({ type, title: type })));
  }
  for (const section of sections) {
    const entries = byType.get(section.type);
    if (entries === undefined) continue;
    lines.push("", `### ${section.title}`, "");
    // Scoped entries first, grouped by scope, as conventional-changelog sorts them.
    for (const entry of sortByScope(entries))
      lines.push(`* ${scopeOf(entry)}${clean(entry.subject)}${links(entry, input.repoUrl)}`);
  }
  if (input.listOthers && input.others.length > 0) {
    lines.push("", "### Other Changes", "");
    for (const other of input.others)
      lines.push(`* ${clean(other.header)}${commitLink(other.sha, input.repoUrl)}`);
  }
  return lines.join(eol) + eol;
}

/**
 * The stable sort of `entries` by scope under localeCompare (no scope last), with one comparison per
 * distinct scope rather than per entry. Scopes that differ but compare equal keep the entries' order
 * among them, as the sort of the entries themselves would.
 */
function sortByScope(entries: readonly ChangelogEntry[]): ChangelogEntry[] {
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i]!.scope ?? "\uffff";
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [i]);
    else bucket.push(i);
  }
  const keys = [...buckets.keys()].sort(COLLATOR.compare);
  const sorted: ChangelogEntry[] = [];
  for (let k = 0; k < keys.length;) {
    let end = k + 1;
    while (end < keys.length && COLLATOR.compare(keys[k]!, keys[end]!) === 0) end++;
    let indexes = buckets.get(keys[k]!)!;
    if (end > k + 1) {
      indexes = keys.slice(k, end).flatMap((key) => buckets.get(key)!);
      indexes.sort((a, b) => a - b);
    }
    for (const i of indexes) sorted.push(entries[i]!);
    k = end;
  }
  return sorted;
}

function heading(input: ChangelogInput): string {
  const title = input.version ?? "Unreleased";
  const compare =
    input.repoUrl && input.previousTag
      ? `${input.repoUrl}/compare/${encodeURIComponent(input.previousTag)}...${encodeURIComponent(input.tag ?? "HEAD")}`
      : null;
  return `## ${compare ? `[${title}](${compare})` : title} (${input.date})`;
}

function scopeOf(entry: ChangelogEntry): string {
  return entry.scope ? `**${clean(entry.scope)}:** ` : "";
}

function links(entry: ChangelogEntry, repoUrl: string | null): string {
  const refs = repoUrl
    ? entry.references.map((r) => {
        const base = r.repo ? repoUrl.replace(/[^/]+\/[^/]+$/, r.repo) : repoUrl;
        const label = r.repo ? `${r.repo}#${r.number}` : `#${r.number}`;
        return ` ([${label}](${base}/issues/${r.number}))`;
      })
    : [];
  return `${refs.join("")}${commitLink(entry.sha, repoUrl)}`;
}

function commitLink(sha: string, repoUrl: string | null): string {
  return repoUrl ? ` ([${sha.slice(0, 7)}](${repoUrl}/commit/${sha}))` : ` (${sha.slice(0, 7)})`;
}

const NEEDS_CLEANING = /[\r\n&<>]/;

/**
 * Commit text lands in markdown that people and renderers read: one line, and no HTML (a commit
 * message must not be able to inject a tag or a comment marker into CHANGELOG.md).
 */
function clean(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .trim();
}
