/** One conventional message as a changelog entry needs it. */
export interface ChangelogEntry {
  sha: string;
  type: string;
  scope: string | null;
  subject: string;
  breaking: boolean;
  /** What breaks, as the breaking-change note reads; null when not breaking. */
  breakingNote: string | null;
  /**
   * Issues and pull requests the entry names outside its subject: release-please lists those of
   * footers (`Fixes #12`) after the commit link; the subject's own are linked where they stand.
   */
  references: readonly { number: number; repo: string | null }[];
  /** A `Release-As:` footer's value: release-please lists such a commit whatever its type. */
  releaseAs?: string | null;
}

/** A commit whose message does not follow the convention. */
export interface OtherEntry {
  sha: string;
  header: string;
}

/**
 * One commit type's section, as release-please's `changelog-sections` and the conventionalcommits
 * preset's `types` give it: entries of `type` (and `scope`, when set) go under `section`; a hidden
 * type is listed only when breaking (or when showAll is set).
 */
export interface ChangelogType {
  type: string;
  section: string;
  hidden?: boolean;
  scope?: string;
}

/** The two layouts: release-please's, and the conventional-changelog `conventionalcommits` preset's. */
export type ChangelogFormat = "release-please" | "conventional-changelog";

/** The conventionalcommits preset's default types, which release-please uses unless configured. */
export const DEFAULT_CHANGELOG_TYPES: readonly ChangelogType[] = [
  { type: "feat", section: "Features" },
  { type: "feature", section: "Features" },
  { type: "fix", section: "Bug Fixes" },
  { type: "perf", section: "Performance Improvements" },
  { type: "revert", section: "Reverts" },
  { type: "docs", section: "Documentation", hidden: true },
  { type: "style", section: "Styles", hidden: true },
  { type: "chore", section: "Miscellaneous Chores", hidden: true },
  { type: "refactor", section: "Code Refactoring", hidden: true },
  { type: "test", section: "Tests", hidden: true },
  { type: "build", section: "Build System", hidden: true },
  { type: "ci", section: "Continuous Integration", hidden: true },
];

export interface ChangelogInput extends ChangelogLayout, ChangelogHeading {
  entries: readonly ChangelogEntry[];
  others: readonly OtherEntry[];
}

/** How a changelog section is laid out: what renderChangelog takes besides the entries and the heading. */
export interface ChangelogLayout {
  /** https://github.com/owner/repo (or a GHES URL); null when the remote is not known: no links. */
  repoUrl: string | null;
  /** release-please's layout (the default) or conventional-changelog's. */
  format?: ChangelogFormat;
  /** The types and their sections, in the order the sections come (default DEFAULT_CHANGELOG_TYPES). */
  types?: readonly ChangelogType[];
  /** List hidden types too (types with no section come after, titled by their type). */
  showAll: boolean;
  /** List commits that are not conventional under "Other Changes" (else they are only counted). */
  listOthers: boolean;
  /**
   * The word before the issues a commit's footers name: release-please writes `refs` since 17.10.4
   * (so that merging the release pull request closes nothing), `closes` before; conventional-changelog
   * writes `closes`. Default: the format's current word.
   */
  referenceWord?: "refs" | "closes";
}

export interface ChangelogHeading {
  /** The version being described (1.4.0), or null for unreleased changes. */
  version: string | null;
  /** The tag of this version (v1.4.0); used for the compare link. */
  tag: string | null;
  /** The previous release's tag, for the compare link; null for the first release. */
  previousTag: string | null;
  /** YYYY-MM-DD: the release's date. */
  date: string;
  eol?: "\n" | "\r\n";
}

/** renderChangelog fed one commit at a time. */
export interface ChangelogBuilder {
  add(entry: ChangelogEntry): void;
  addOther(other: OtherEntry): void;
  /** The section, the same text renderChangelog returns for the same entries in the same order. */
  finish(heading: ChangelogHeading): string;
}

/** One section's entries as they came: their lines, and the keys they are sorted by. */
interface Group {
  title: string;
  lines: LineStore;
  keys: LineStore;
}

// What localeCompare uses when given no locale, made on first need: making it takes ICU 16 ms.
let collator: Intl.Collator | null = null;
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
const KEPT_AS_STRING = /[\n\ud800-\udfff]/;
const RELEASE_AS = /release-as:\s*\w*@?([0-9]+\.[0-9]+\.[0-9a-z]+(-[0-9a-z.]+)?)\s*/i;
// release-please's preset (6.x) links `#12`; the current preset (8.x) any `#` and letters or digits.
const ISSUE_RELEASE_PLEASE = /#([0-9]+)/g;
const ISSUE_CONVENTIONAL = /#([a-z0-9]+)/g;
const USER = /\B@([a-z0-9](?:-?[a-z0-9/]){0,38})/g;
const OTHER_CHANGES = "Other Changes";

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
 * Starts a changelog section that is rendered as entries arrive: each entry becomes its line (and
 * its sort key) at once and only those are kept, so a long history costs the size of its markdown,
 * not of its commits.
 */
export function startChangelog(layout: ChangelogLayout): ChangelogBuilder {
  const format = layout.format ?? "release-please";
  const types = layout.types ?? DEFAULT_CHANGELOG_TYPES;
  const word = layout.referenceWord ?? (format === "release-please" ? "refs" : "closes");
  const repoUrl = layout.repoUrl;
  const issuePattern = format === "release-please" ? ISSUE_RELEASE_PLEASE : ISSUE_CONVENTIONAL;
  const host = repoUrl === null ? null : repoUrl.replace(/\/[^/]+\/[^/]+$/, "");
  const notes = new LineStore();
  const groups = new Map<string, Group>();
  const others = new LineStore();
  return {
    add(entry) {
      const found = typeOf(types, entry);
      const releaseAs = entry.releaseAs != null && RELEASE_AS.test(`Release-As: ${entry.releaseAs}`);
      const listed = found === undefined ? layout.showAll : !found.hidden || layout.showAll;
      if (entry.breakingNote === null && !releaseAs && !listed) return;
      const title = found ? found.section : entry.type;
      const scope = entry.scope === "*" ? "" : htmlEscape(entry.scope ?? "");
      // The subject as release-please hands it to the writer (`<` and `>` escaped outside code),
      // then as the preset's transform leaves it: `#12` and `@user` linked.
      const issues: string[] = [];
      let subject = htmlEscape(entry.subject);
      if (repoUrl !== null && host !== null) {
        if (subject.includes("#")) {
          subject = subject.replace(issuePattern, (_, issue: string) => {
            issues.push(issue);
            return `[#${issue}](${repoUrl}/issues/${issue})`;
          });
        }
        if (subject.includes("@")) {
          subject = subject.replace(USER, (_, user: string) =>
            user.includes("/") ? `@${user}` : `[@${user}](${host}/${user})`,
          );
        }
      }
      if (entry.breakingNote !== null) {
        notes.push(
          `* ${scope ? `**${scope}:** ` : ""}${format === "release-please" ? linkNoteIssue(htmlEscape(entry.breakingNote), repoUrl) : htmlEscape(entry.breakingNote)}`,
        );
      }
      let group = groups.get(title);
      if (group === undefined) {
        group = { title, lines: new LineStore(), keys: new LineStore() };
        groups.set(title, group);
      }
      const text = subject || `${entry.type}${entry.scope ? `(${entry.scope})` : ""}: `;
      const references = entry.references.filter((r) => !issues.includes(String(r.number)));
      group.lines.push(
        `*${scope ? ` **${scope}:**` : ""} ${text}${commitLink(entry.sha, repoUrl)}${referenceList(references, word, repoUrl)}`,
      );
      group.keys.push(scope + subject);
    },
    addOther(other) {
      if (layout.listOthers) others.push(`* ${other.header.trim()}${commitLink(other.sha, repoUrl)}`);
    },
    finish(heading) {
      const eol = heading.eol ?? "\n";
      const order = types.map((t) => t.section).filter(Boolean);
      const ranked = [...groups.values()];
      // The preset's commitGroupsSort, on the groups in the order they first came, as the writer has it.
      ranked.sort((a, b) => order.indexOf(a.title) - order.indexOf(b.title));
      const compare = (collator ??= new Intl.Collator()).compare;
      const blank = format === "release-please" ? "\n" : "";
      let text = `${headingLine(heading, repoUrl)}\n${blank}`;
      if (notes.size > 0) text += `\n### ⚠ BREAKING CHANGES\n\n${notes.text("\n")}\n`;
      for (const group of ranked) {
        const lines = group.lines.lines();
        const keys = group.keys.lines();
        const at = lines.map((_, i) => i);
        // The writer's commitsSort ['scope', 'subject']: scope and subject run together, compared by
        // localeCompare, a stable sort on the entries as they came.
        at.sort((a, b) => compare(keys[a]!, keys[b]!));
        text += `\n### ${group.title}\n\n`;
        for (const i of at) text += `${lines[i]}\n`;
        text += blank;
      }
      if (others.size > 0) text += `\n### ${OTHER_CHANGES}\n\n${others.text("\n")}\n${blank}`;
      // release-please trims what the writer returns; the file keeps one line ending after it.
      text = `${text.trim()}\n`;
      return eol === "\n" ? text : text.replaceAll("\n", eol);
    },
  };
}

/** The preset's findTypeEntry: the type in lower case, and the scope when the entry names one. */
function typeOf(types: readonly ChangelogType[], entry: ChangelogEntry): ChangelogType | undefined {
  const key = entry.type.toLowerCase();
  return types.find((t) => t.type === key && (!t.scope || t.scope === entry.scope));
}

/**
 * Whether the section renderChangelog writes lists `entry` (under its type, or as a breaking change).
 * A caller that keeps only these gets the same markdown while holding far fewer entries.
 */
export function isShownInChangelog(
  entry: ChangelogEntry,
  layout: Pick<ChangelogLayout, "types" | "showAll">,
): boolean {
  if (entry.breakingNote !== null || entry.releaseAs != null) return true;
  const found = typeOf(layout.types ?? DEFAULT_CHANGELOG_TYPES, entry);
  return found === undefined ? layout.showAll : !found.hidden || layout.showAll;
}

/**
 * A changelog section for one release, in the shape release-please writes: a `##` heading linked
 * to the comparison, breaking changes first, then one list per section, scope in bold, each entry
 * linked to its commit and the issues its footers name.
 */
export function renderChangelog(input: ChangelogInput): string {
  const builder = startChangelog(input);
  for (const entry of input.entries) builder.add(entry);
  for (const other of input.others) builder.addOther(other);
  return builder.finish(input);
}

function headingLine(heading: ChangelogHeading, repoUrl: string | null): string {
  const title = heading.version ?? "Unreleased";
  const compare =
    repoUrl && heading.previousTag
      ? `${repoUrl}/compare/${heading.previousTag}...${heading.tag ?? "HEAD"}`
      : null;
  return `## ${compare ? `[${title}](${compare})` : title}${heading.date ? ` (${heading.date})` : ""}`;
}

function commitLink(sha: string, repoUrl: string | null): string {
  return repoUrl ? ` ([${sha.slice(0, 7)}](${repoUrl}/commit/${sha}))` : ` ${sha.slice(0, 7)}`;
}

function referenceList(
  references: readonly { number: number; repo: string | null }[],
  word: string,
  repoUrl: string | null,
): string {
  if (references.length === 0) return "";
  let text = `, ${word}`;
  for (const r of references) {
    const label = `${r.repo ?? ""}#${r.number}`;
    if (repoUrl === null) text += ` ${label}`;
    else {
      const base = r.repo ? repoUrl.replace(/[^/]+\/[^/]+$/, r.repo) : repoUrl;
      text += ` [${label}](${base}/issues/${r.number})`;
    }
  }
  return text;
}

/** release-please's replaceIssueLink: the note's first `(#12)` linked. */
function linkNoteIssue(note: string, repoUrl: string | null): string {
  if (repoUrl === null || !note.includes("(#")) return note;
  return note.replace(/\(#(\d+)\)/, `([#$1](${repoUrl}/issues/$1))`);
}

/**
 * release-please's htmlEscape: `<` and `>` escaped, code spans left alone, so no commit message can
 * put a tag or a comment marker into CHANGELOG.md. Applied to breaking-change notes too (release-please
 * leaves those as written) and in both formats.
 */
function htmlEscape(message: string): string {
  if (!message.includes("<") && !message.includes(">")) return message;
  return message.replace(/``[^`].*[^`]``|`[^`]*`|<|>/g, (match) =>
    match.length > 1 ? match : match === "<" ? "&lt;" : "&gt;",
  );
}
