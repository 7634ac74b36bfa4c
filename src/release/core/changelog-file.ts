/**
 * CHANGELOG.md as release tools write it: a title, maybe an introduction, then one section per
 * release, newest first, each under a `##` (or, for patch releases of older conventional-changelog,
 * `###`) heading that starts with the version, linked or not.
 */

const TITLE = "# Changelog";

/** The heading line of `version`'s section: `## [1.4.0](...) (date)`, `## 1.4.0`, `### [v1.4.0]`. */
function sectionHeading(version: string): RegExp {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^(#{2,3})[ \\t]+\\[?v?${escaped}\\]?(?=[ \\t(]|\\r?$)`, "m");
}

// Any release section's heading: where a new section goes, and where one ends.
const ANY_SECTION = /^#{2,3}[ \t]+\[?v?\d+\.\d+\.\d+/m;

/** Whether the changelog already has a section for `version`. */
export function hasChangelogSection(text: string, version: string): boolean {
  return sectionHeading(version).test(text);
}

/**
 * The changelog with `section` put above the newest release (below the title and any introduction),
 * in the file's own line endings, every other byte kept. A missing file (null) becomes a titled one.
 * A changelog that already has the version's section is returned as it is, so a re-run adds nothing.
 */
export function prependChangelogSection(text: string | null, section: string, version: string): string {
  if (text === null) return `${TITLE}\n\n${section}`;
  if (hasChangelogSection(text, version)) return text;
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom ? text.slice(1) : text;
  const eol = body.includes("\r\n") ? "\r\n" : "\n";
  const entry = section.replace(/\r?\n/g, eol);
  const next = ANY_SECTION.exec(body);
  if (next) return bom + body.slice(0, next.index) + entry + eol + body.slice(next.index);
  if (body.trim() === "") return `${bom}${TITLE}${eol}${eol}${entry}`;
  const ending = body.endsWith(eol) ? "" : eol;
  return `${bom}${body}${ending}${eol}${entry}`;
}

/**
 * The text of `version`'s section without its heading, trimmed: release notes as the changelog has
 * them. Null when the changelog has no such section.
 */
export function readChangelogSection(text: string, version: string): string | null {
  const heading = sectionHeading(version).exec(text);
  if (!heading) return null;
  const afterHeading = text.indexOf("\n", heading.index);
  if (afterHeading === -1) return "";
  const rest = text.slice(afterHeading + 1);
  const end = ANY_SECTION.exec(rest);
  return (end ? rest.slice(0, end.index) : rest).replace(/\r\n/g, "\n").trim();
}
