import { readChangelogSection } from "./changelog-file.js";

/**
 * The release notes: the version's section of the changelog as the release leaves it, or else the
 * planned section without its `##` heading.
 */
export function pickReleaseNotes(changelog: string | null, version: string, plannedSection: string): string {
  return (
    (changelog !== null ? readChangelogSection(changelog, version) : null) ??
    plannedSection.replace(/^#{1,6} [^\n]*\n/, "").trim()
  );
}
