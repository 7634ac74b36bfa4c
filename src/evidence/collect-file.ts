import { resolve } from "node:path";
import type { EvidenceResult, FileSpec, VersionSource } from "./types.js";
import { buildResult } from "./build-result.js";
import { capLines } from "./cap-lines.js";
import type { EvidenceContext } from "./evidence-context.js";
import { listSources } from "./list-sources.js";
import { readCappedText, type SizeLimit } from "./read-capped-text.js";
import { readVersion, type VersionReading } from "./read-version.js";

const KIND = "file";
// The file is searched whole with a pattern from the config; a bound keeps a wrongly named file
// (a build artefact, a log) from being loaded and scanned.
const FILE_LIMIT: SizeLimit = {
  maxBytes: 10 * 1024 * 1024,
  tooLarge: (max) =>
    `more than the ${max} shipready searches. Point path: at the file that should hold the text.`,
};
const MAX_SHOWN_LINE = 120;

/** What the checks found so far: certain failures, and problems that leave the answer open. */
interface Findings {
  failures: string[];
  unsure: string[];
  details: string[];
  /** Where a person can look: the file (with the matching line when there is one), the version files. */
  sources: string[];
}

/**
 * Checks facts about files: that a file exists, contains a text or matches a pattern ({version}
 * standing for a version read from another file), and that several files carry one version.
 */
export async function collectFile(spec: FileSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const now = context.clock.now();
  const found: Findings = { failures: [], unsure: [], details: [], sources: [] };
  if (!spec.path && !spec.sameVersion?.length) {
    return buildResult(KIND, "inconclusive", "shipready.yml", now, {
      message:
        "this file evidence names nothing to check. Give path: (with contains: or matches:) or sameVersion: in shipready.yml.",
    });
  }
  const stopped = () =>
    buildResult(KIND, "inconclusive", showSources(found.sources, spec), now, {
      message:
        "stopped before every file was checked (the evidence timed out or the run was interrupted). " +
        "Run again, or raise timeoutMs for this evidence in shipready.yml.",
    });

  if (spec.path) {
    if (context.signal.aborted) return stopped();
    await checkPath(spec, spec.path, context, found);
  }
  if (spec.sameVersion?.length) {
    const readings: VersionReading[] = [];
    for (const source of spec.sameVersion) {
      if (context.signal.aborted) return stopped();
      readings.push(await readVersion(source, context));
    }
    judgeSameVersion(readings, found);
  }

  const source = showSources(found.sources, spec);
  const details = capLines(found.details);
  if (found.failures.length > 0) {
    const also = found.unsure.length > 0 ? ` Also: ${found.unsure.join(" ")}` : "";
    return buildResult(KIND, "fail", source, now, {
      message: `${found.failures.join(" ")}${also}`,
      details,
    });
  }
  if (found.unsure.length > 0) {
    return buildResult(KIND, "inconclusive", source, now, { message: found.unsure.join(" "), details });
  }
  return buildResult(KIND, "pass", source, now, { details });
}

async function checkPath(
  spec: FileSpec,
  file: string,
  context: EvidenceContext,
  found: Findings,
): Promise<void> {
  const templates = [spec.contains, spec.matches].filter((text): text is string => text !== undefined);
  let version: string | null = null;
  if (templates.some((text) => text.includes("{version}"))) {
    const reading = await readTemplateVersion(spec.version, context);
    if (reading.version === null) {
      (reading.outcome === "fail" ? found.failures : found.unsure).push(reading.problem);
      found.sources.push(file);
      return;
    }
    version = trimVersion(reading.version);
    found.details.push(`version ${reading.version} read from ${reading.file}`);
    found.sources.push(reading.file);
  }

  const path = resolve(context.root, file);
  if (!(await context.files.exists(path))) {
    found.sources.unshift(file);
    found.failures.push(`${file} does not exist. Create it, or correct path: in shipready.yml.`);
    return;
  }
  if (templates.length === 0) {
    found.sources.unshift(file);
    return;
  }

  let pattern: RegExp | null = null;
  if (spec.matches !== undefined) {
    const source =
      version === null ? spec.matches : spec.matches.replaceAll("{version}", escapeRegExp(version));
    try {
      // Multiline, so ^ and $ anchor each line: "a section heading for this version" is the usual check.
      pattern = new RegExp(source, "m");
    } catch (error) {
      found.sources.unshift(file);
      found.unsure.push(
        `matches: ${spec.matches} is not a valid regular expression (${(error as Error).message}). Correct it in shipready.yml.`,
      );
      return;
    }
  }

  const read = await readCappedText(path, file, FILE_LIMIT, context);
  if ("problem" in read) {
    found.sources.unshift(file);
    found.unsure.push(read.problem);
    return;
  }
  // LF only, so that $ in a multiline pattern also ends a line of a CRLF file.
  const text = read.text.replace(/\r\n/g, "\n");
  const forVersion = version === null ? "" : ` (version ${version})`;
  let firstHit: number | null = null;

  if (spec.contains !== undefined) {
    const expected = version === null ? spec.contains : spec.contains.replaceAll("{version}", version);
    const at = text.indexOf(expected);
    if (at < 0) {
      found.failures.push(
        `${file} does not contain "${showLine(expected)}"${forVersion}. Add it, or correct contains: in shipready.yml.`,
      );
    } else {
      firstHit = at;
      found.details.push(`${file}:${lineAt(text, at)} contains "${showLine(expected)}"`);
    }
  }
  if (pattern !== null) {
    const match = pattern.exec(text);
    if (!match) {
      found.failures.push(
        `${file} has no text matching ${spec.matches}${forVersion}. ` +
          `Add ${version === null ? "it" : `a section for ${version}`}, or correct matches: in shipready.yml.`,
      );
    } else {
      firstHit ??= match.index;
      found.details.push(`${file}:${lineAt(text, match.index)}: ${showLine(lineText(text, match.index))}`);
    }
  }
  found.sources.unshift(firstHit === null ? file : `${file}:${lineAt(text, firstHit)}`);
}

async function readTemplateVersion(
  source: VersionSource | undefined,
  context: EvidenceContext,
): Promise<VersionReading> {
  if (!source) {
    return {
      version: null,
      file: "shipready.yml",
      outcome: "inconclusive",
      problem:
        "contains: or matches: uses {version}, but no version: says where to read it. " +
        "Add version: { path: package.json } (or another version file) to this evidence in shipready.yml.",
    };
  }
  return readVersion(source, context);
}

function judgeSameVersion(readings: VersionReading[], found: Findings): void {
  for (const reading of readings) {
    found.sources.push(reading.file);
    found.details.push(`${reading.file}: ${reading.version ?? `no version (${reading.problem})`}`);
  }
  const read = readings.filter((reading) => reading.version !== null);
  const distinct = new Set(read.map((reading) => trimVersion(reading.version!)));
  const missing = readings.filter((reading) => reading.version === null);
  const failed = missing.filter((reading) => reading.outcome === "fail");
  const listing = readings.map((reading) => `${reading.file} ${reading.version ?? "none"}`).join(", ");
  if (distinct.size > 1 || failed.length > 0) {
    const reasons = failed.map((reading) => reading.problem).join(" ");
    found.failures.push(
      `the versions do not agree: ${listing}.${reasons ? ` ${reasons}` : ""} Give every listed file the same version.`,
    );
  }
  // Without a reading from every file, agreement among the rest proves nothing.
  for (const reading of missing) if (reading.outcome === "inconclusive") found.unsure.push(reading.problem);
}

function trimVersion(version: string): string {
  return version.trim().replace(/^v(?=\d)/i, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line += 1;
  return line;
}

function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end === -1 ? undefined : end);
}

function showLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_SHOWN_LINE ? `${flat.slice(0, MAX_SHOWN_LINE - 1)}…` : flat;
}

function showSources(sources: string[], spec: FileSpec): string {
  const distinct = [...new Set(sources)];
  if (distinct.length === 0) {
    distinct.push(
      ...[spec.path, ...(spec.sameVersion ?? []).map((source) => source.path)].filter(
        (path): path is string => path !== undefined,
      ),
    );
  }
  return listSources(distinct);
}
