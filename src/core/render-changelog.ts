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
 * A changelog section for one release, in the shape release-please writes: a `##` heading linked
 * to the comparison, breaking changes first, then one list per type, scope in bold, each entry
 * linked to its commit and the issues it names.
 */
export function renderChangelog(input: ChangelogInput): string {
  const eol = input.eol ?? "\n";
  const lines: string[] = [heading(input), ""];
  const breaking = input.entries.filter((e) => e.breaking);
  if (breaking.length > 0) {
    lines.push("", "### ⚠ BREAKING CHANGES", "");
    for (const entry of breaking)
      lines.push(`* ${scopeOf(entry)}${clean(entry.breakingNote ?? entry.subject)}`);
  }
  const sections = [...DEFAULT_SECTIONS, ...(input.showAll ? HIDDEN_SECTIONS : [])];
  const known = new Set(sections.map((s) => s.type));
  if (input.showAll) {
    const extra = [...new Set(input.entries.map((e) => e.type))].filter((t) => !known.has(t)).sort();
    sections.push(...extra.map((type) => ({ type, title: type })));
  }
  for (const section of sections) {
    const entries = input.entries.filter((e) => e.type === section.type);
    if (entries.length === 0) continue;
    lines.push("", `### ${section.title}`, "");
    // Scoped entries first, grouped by scope, as conventional-changelog sorts them.
    const sorted = [...entries].sort((a, b) => (a.scope ?? "\uffff").localeCompare(b.scope ?? "\uffff"));
    for (const entry of sorted)
      lines.push(`* ${scopeOf(entry)}${clean(entry.subject)}${links(entry, input.repoUrl)}`);
  }
  if (input.listOthers && input.others.length > 0) {
    lines.push("", "### Other Changes", "");
    for (const other of input.others)
      lines.push(`* ${clean(other.header)}${commitLink(other.sha, input.repoUrl)}`);
  }
  return lines.join(eol) + eol;
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

/**
 * Commit text lands in markdown that people and renderers read: one line, and no HTML (a commit
 * message must not be able to inject a tag or a comment marker into CHANGELOG.md).
 */
function clean(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .trim();
}
