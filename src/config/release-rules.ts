import { error, isRecord, type ConfigRule, type RuleFinding } from "./config-rule.js";

/** Cross-field rules of release settings, which the schema cannot say; run beside the schema. */
export const RELEASE_RULES: readonly ConfigRule[] = [versionFilesSayHowToFindTheVersion];

/** A pattern must compile and hold a group for the version; a pattern and a marker on one file contradict. */
function versionFilesSayHowToFindTheVersion({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  const release = raw.release;
  if (!isRecord(release) || !Array.isArray(release.versionFiles)) return [];
  const findings: RuleFinding[] = [];
  release.versionFiles.forEach((file: unknown, i) => {
    if (!isRecord(file)) return;
    const at = ["release", "versionFiles", i];
    if (file.pattern !== undefined && file.marker !== undefined) {
      findings.push(
        error(
          at,
          "has both pattern: and marker:. Keep one: a pattern finds the version, a marker finds its lines.",
        ),
      );
    }
    if (typeof file.pattern !== "string") return;
    let compiled: RegExp;
    try {
      compiled = new RegExp(file.pattern, "m");
    } catch (problem) {
      findings.push(
        error(
          [...at, "pattern"],
          `is not a valid regular expression (${(problem as Error).message}). Fix it.`,
        ),
      );
      return;
    }
    // An alternative that matches the empty string makes exec succeed, showing how many groups there are.
    if (new RegExp(`${compiled.source}|`).exec("")!.length < 2) {
      findings.push(
        error(
          [...at, "pattern"],
          'has no group: put the version part in parentheses, as in app_version = "([^"]+)".',
        ),
      );
    }
  });
  return findings;
}
