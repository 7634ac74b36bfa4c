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
  /** Listed only as a breaking change, not under its own heading (release-please's `hidden`). */
  hidden?: boolean;
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

/** How a changelog section is laid out: what renderChangelog takes besides the entries and the heading. */
export interface ChangelogLayout {
  /** https://github.com/owner/repo (or a GHES URL); null when the remote is not known: no links. */
  repoUrl: string | null;
  /** List every type, not only what users notice. */
  showAll: boolean;
  /** List commits that are not conventional under "Other Changes" (else they are only counted). */
  listOthers: boolean;
  /**
   * The sections, in their order (release-please's `changelog-sections`); a type not listed, or
   * hidden, is shown only as a breaking change. When given, `showAll` is not used.
   */
  sections?: readonly ChangelogSection[];
}

/** The heading's part of renderChangelog's input, known once every commit has been read. */
export type ChangelogHeading = Pick<ChangelogInput, "version" | "tag" | "previousTag" | "date" | "eol">;

/** renderChangelog fed one commit at a time. */
export interface ChangelogBuilder {
  add(entry: ChangelogEntry): void;
  addOther(other: OtherEntry): void;
  /** The section, the same text renderChangelog returns for the same entries in the same order. */
  finish(heading: ChangelogHeading): string;
}

/** Lines of one type's list, grouped by scope; `order` numbers them as the entries came. */
interface ScopeGroup {
  lines: LineStore;
  order: number[];
}

const DEFAULT_TYPES = new Set(DEFAULT_SECTIONS.map((s) => s.type));
// What localeCompare uses when given no locale, made on first need: making it takes ICU 16 ms.
let collator: Intl.Collator | null = null;
// Scopes of these characters sort under that collator as their code units do once the punctuation
// is moved below the digits in the collator's own order (_ - , . /): no collator needed for them.
const PLAIN_SCOPE = /^[a-z0-9_\-,./]*$/;
const PUNCTUATION = /[_\-,./]/g;
const PUNCTUATION_RANK: Record<string, string> = {
  _: "\u0001",
  "-": "\u0002",
  ",": "\u0003",
  ".": "\u0004",
  "/": "\u0005",
};
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
const KEPT_AS_STRING = /[\n\ud800-\udfff]/;

/**
 * Lines kept as UTF-8 bytes, one after another. Strings that live through a garbage collection make
 * V8 grow its young generation, and 50,000 kept lines grew it to 32 MB; bytes in one array do not.
 * A line with a surrogate stays a string (encoding would replace a lone one, which the text keeps),
 * and so does one with a newline, which ends each line here.
 */
class LineStore {
  private bytes = new Uint8Array(1024);
  private used = 0;
  private count = 0;
  private kept: Map<number, string> | null = null;

  get size(): number {
    return this.count;
  }

  push(line: string): void {
    if (KEPT_AS_STRING.test(line)) {
      (this.kept ??= new Map()).set(this.count, line);
      line = "";
    }
    const room = this.used + line.length * 3 + 1;
    if (room > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(room, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.used += ENCODER.encodeInto(line, this.bytes.subarray(this.used)).written;
    this.bytes[this.used++] = 10;
    this.count++;
  }

  /** The lines joined with `eol`, decoded at once. */
  text(eol: string): string {
    if (this.kept !== null) return this.lines().join(eol);
    const text = DECODER.decode(this.bytes.subarray(0, this.used - 1));
    return eol === "\n" ? text : text.replaceAll("\n", eol);
  }

  /** The lines, in the order they came. */
  lines(): string[] {
    if (this.count === 0) return [];
    const lines = DECODER.decode(this.bytes.subarray(0, this.used - 1)).split("\n");
    if (this.kept !== null) for (const [i, line] of this.kept) lines[i] = line;
    return lines;
  }
}

/**
 * Starts a changelog section that is rendered as entries arrive: each entry becomes its lines at
 * once and only those are kept, so a long history costs the size of its markdown, not of its commits.
 */
export function startChangelog(layout: ChangelogLayout): ChangelogBuilder {
  const breaking = new LineStore();
  const byType = new Map<string, { groups: Map<string, ScopeGroup>; count: number }>();
  const others = new LineStore();
  const shown = layout.sections
    ? new Set(layout.sections.filter((s) => !s.hidden).map((s) => s.type))
    : layout.showAll
      ? null
      : DEFAULT_TYPES;
  return {
    add(entry) {
      if (entry.breaking) breaking.push(`* ${scopeOf(entry)}${clean(entry.breakingNote ?? entry.subject)}`);
      if (shown !== null && !shown.has(entry.type)) return;
      let list = byType.get(entry.type);
      if (list === undefined) {
        list = { groups: new Map(), count: 0 };
        byType.set(entry.type, list);
      }
      const key = entry.scope ?? "\uffff";
      let group = list.groups.get(key);
      if (group === undefined) {
        group = { lines: new LineStore(), order: [] };
        list.groups.set(key, group);
      }
      group.lines.push(`* ${scopeOf(entry)}${clean(entry.subject)}${links(entry, layout.repoUrl)}`);
      group.order.push(list.count++);
    },
    addOther(other) {
      if (layout.listOthers) others.push(`* ${clean(other.header)}${commitLink(other.sha, layout.repoUrl)}`);
    },
    finish(heading) {
      const eol = heading.eol ?? "\n";
      // Whole lists go in as one piece each: one string per line would be 50,000 strings at the end.
      const lines: string[] = [headingLine({ ...heading, repoUrl: layout.repoUrl }), ""];
      if (breaking.size > 0) {
        lines.push("", "### ⚠ BREAKING CHANGES", "", breaking.text(eol));
      }
      const sections = layout.sections
        ? layout.sections.filter((s) => !s.hidden)
        : [...DEFAULT_SECTIONS, ...(layout.showAll ? HIDDEN_SECTIONS : [])];
      const known = new Set(sections.map((s) => s.type));
      if (layout.showAll && !layout.sections) {
        const extra = [...byType.keys()].filter((t) => !known.has(t)).sort();
        sections.push(...extra.map((type) => ({ type, title: type })));
      }
      for (const section of sections) {
        const list = byType.get(section.type);
        if (list === undefined) continue;
        lines.push("", `### ${section.title}`, "");
        // Scoped entries first, grouped by scope, as conventional-changelog sorts them.
        appendByScope(lines, list.groups, eol);
      }
      if (others.size > 0) {
        lines.push("", "### Other Changes", "", others.text(eol));
      }
      return lines.join(eol) + eol;
    },
  };
}

/**
 * Whether the section renderChangelog writes lists `entry` (under its type, or as a breaking change).
 * A caller that keeps only these gets the same markdown while holding far fewer entries.
 */
export function isShownInChangelog(entry: ChangelogEntry, showAll: boolean): boolean {
  return entry.breaking || showAll || DEFAULT_TYPES.has(entry.type);
}

/**
 * A changelog section for one release, in the shape release-please writes: a `##` heading linked
 * to the comparison, breaking changes first, then one list per type, scope in bold, each entry
 * linked to its commit and the issues it names.
 */
export function renderChangelog(input: ChangelogInput): string {
  const builder = startChangelog(input);
  for (const entry of input.entries) builder.add(entry);
  for (const other of input.others) builder.addOther(other);
  return builder.finish(input);
}

/**
 * The lines of one list in the order a stable sort of its entries by scope under localeCompare
 * gives (no scope last), with one comparison per distinct scope rather than per entry. Scopes that
 * differ but compare equal keep the entries' order among them, as that sort would.
 */
function appendByScope(lines: string[], groups: Map<string, ScopeGroup>, eol: string): void {
  const keys = [...groups.keys()];
  if (keys.every((key) => key === "\uffff" || PLAIN_SCOPE.test(key))) {
    // Distinct plain scopes never compare equal, so there are no ties to keep in order.
    const ranked = keys.map((key) => ({ key, rank: key.replace(PUNCTUATION, (c) => PUNCTUATION_RANK[c]!) }));
    ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    for (const { key } of ranked) lines.push(groups.get(key)!.lines.text(eol));
    return;
  }
  const compare = (collator ??= new Intl.Collator()).compare;
  keys.sort(compare);
  for (let k = 0; k < keys.length;) {
    let end = k + 1;
    while (end < keys.length && compare(keys[k]!, keys[end]!) === 0) end++;
    if (end === k + 1) {
      lines.push(groups.get(keys[k]!)!.lines.text(eol));
    } else {
      const tied = keys.slice(k, end).flatMap((key) => {
        const group = groups.get(key)!;
        return group.lines.lines().map((line, i) => ({ line, order: group.order[i]! }));
      });
      tied.sort((a, b) => a.order - b.order);
      for (const { line } of tied) lines.push(line);
    }
    k = end;
  }
}

function headingLine(input: ChangelogHeading & { repoUrl: string | null }): string {
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
