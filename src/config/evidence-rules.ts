import { EVIDENCE_KINDS } from "./evidence-schema.js";
import { error, isRecord, listItems, type ConfigRule, type RuleFinding } from "./config-rule.js";

/** Cross-field rules of evidence items, which the schema cannot say; run beside the schema. */
export const EVIDENCE_RULES: readonly ConfigRule[] = [
  evidenceNamesAKind,
  securityNamesAFeature,
  fileSaysWhatToCheck,
  versionPlaceholderHasASource,
  regularExpressionsCompile,
  coverageWarnIsBelowMinimum,
  ciSnapshotLevelsAreUnused,
];

/** Every evidence item written: each gate's evidence list, and each check of checks: (one item or a list). */
function evidenceLists(raw: Record<string, unknown>) {
  const found: { at: (string | number)[]; evidence: unknown }[] = [];
  for (const { index, item } of listItems(raw, "gates")) {
    if (!Array.isArray(item.evidence)) continue;
    item.evidence.forEach((evidence: unknown, i) =>
      found.push({ at: ["gates", index, "evidence", i], evidence }),
    );
  }
  if (isRecord(raw.checks)) {
    for (const [name, check] of Object.entries(raw.checks)) {
      if (Array.isArray(check))
        check.forEach((evidence: unknown, i) => found.push({ at: ["checks", name, i], evidence }));
      else found.push({ at: ["checks", name], evidence: check });
    }
  }
  return found;
}

/** Each evidence item, with its kind and settings when it has exactly one kind. */
function evidenceItems(raw: Record<string, unknown>) {
  const items: { at: (string | number)[]; kind: string; settings: Record<string, unknown> }[] = [];
  for (const { at, evidence } of evidenceLists(raw)) {
    if (!isRecord(evidence)) continue;
    const keys = Object.keys(evidence);
    const settings = evidence[keys[0] ?? ""];
    if (keys.length === 1 && isRecord(settings))
      items.push({ at: [...at, keys[0]!], kind: keys[0]!, settings });
  }
  return items;
}

function evidenceNamesAKind({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  return evidenceLists(raw)
    .filter(({ evidence }) => isRecord(evidence) && Object.keys(evidence).length === 0)
    .map(({ at }) =>
      error(
        at,
        `no evidence kind given. Write one of ${EVIDENCE_KINDS.join(", ")} as the key, such as - junit: { files: reports/*.xml }.`,
      ),
    );
}

function securityNamesAFeature({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  return evidenceItems(raw)
    .filter(
      ({ kind, settings }) => kind === "github-security" && !settings.dependabot && !settings.codeScanning,
    )
    .map(({ at }) =>
      error(
        at,
        "names neither dependabot: nor codeScanning:, so it would check nothing. Add the lowest severity that fails, such as { dependabot: high, codeScanning: medium }.",
      ),
    );
}

function fileSaysWhatToCheck({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { at, kind, settings } of evidenceItems(raw)) {
    if (kind !== "file") continue;
    if (settings.path === undefined && settings.sameVersion === undefined) {
      findings.push(
        error(
          at,
          "names no path: and no sameVersion:, so it would check nothing. Add path: (the file that must exist) or sameVersion: [VERSION, package.json].",
        ),
      );
    } else if (
      settings.path === undefined &&
      (settings.contains !== undefined || settings.matches !== undefined)
    ) {
      findings.push(
        error(at, "has contains: or matches: but no path: to look in. Add path: with the file to search."),
      );
    }
  }
  return findings;
}

function versionPlaceholderHasASource({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { at, kind, settings } of evidenceItems(raw)) {
    if (kind !== "file" || settings.version !== undefined) continue;
    for (const key of ["contains", "matches"]) {
      const value = settings[key];
      if (typeof value === "string" && value.includes("{version}")) {
        findings.push(
          error(
            [...at, key],
            "uses {version} but no version: says where the version comes from. Add version: package.json (or VERSION, pyproject.toml, Cargo.toml).",
          ),
        );
      }
    }
  }
  return findings;
}

function regularExpressionsCompile({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const check = (at: (string | number)[], pattern: unknown) => {
    if (typeof pattern !== "string") return;
    try {
      new RegExp(pattern.replaceAll("{version}", "1.0.0"), "m");
    } catch (problem) {
      findings.push(
        error(
          at,
          `is not a valid regular expression (${(problem as Error).message}). Fix it, or use contains: for plain text.`,
        ),
      );
    }
  };
  for (const { at, kind, settings } of evidenceItems(raw)) {
    if (kind !== "file") continue;
    check([...at, "matches"], settings.matches);
    if (isRecord(settings.version)) check([...at, "version", "pattern"], settings.version.pattern);
    if (Array.isArray(settings.sameVersion)) {
      settings.sameVersion.forEach((source: unknown, i) => {
        if (isRecord(source)) check([...at, "sameVersion", i, "pattern"], source.pattern);
      });
    }
  }
  return findings;
}

function coverageWarnIsBelowMinimum({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  return evidenceItems(raw)
    .filter(
      ({ kind, settings }) =>
        kind === "coverage" &&
        typeof settings.warnBelow === "number" &&
        typeof settings.minLines === "number" &&
        settings.warnBelow > settings.minLines,
    )
    .map(({ at, settings }) =>
      error(
        [...at, "warnBelow"],
        `${String(settings.warnBelow)} is above minLines (${String(settings.minLines)}), so coverage could never warn. Set warnBelow: below minLines, such as ${Math.max(0, Number(settings.minLines) - 10)}.`,
      ),
    );
}

/** The health once followed a pooled success rate; the levels it was cut at now change nothing. */
function ciSnapshotLevelsAreUnused({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  const snapshot = raw.ciSnapshot;
  if (!isRecord(snapshot)) return [];
  return (["healthy", "degraded"] as const)
    .filter((key) => snapshot[key] !== undefined)
    .map((key) => ({
      severity: "warning" as const,
      path: ["ciSnapshot", key],
      message: `no longer changes anything: the CI health follows each workflow's latest run (all succeeded HEALTHY, fewer than half failed DEGRADED, else FAILING), and the pass rate is shown as information. Remove ${key}:.`,
    }));
}
