import { relative, sep } from "node:path";
import type { EvidenceContext } from "./evidence-context.js";
import { listSources } from "./list-sources.js";
import { readCappedText, type SizeLimit } from "./read-capped-text.js";

// Reports are parsed whole (XML and JSON into trees several times the file's size), so a report
// larger than this is refused rather than risking the run.
const MAX_REPORT_BYTES = 50 * 1024 * 1024;

/** A kind of report, as the messages about it name it and say how to get a usable one. */
export interface ReportKind {
  /** "JUnit report" */
  name: string;
  /** How to have one written, as a sentence without its end: "Run the tests with a JUnit reporter (...)". */
  howToWrite: string;
  /** How to keep each report under the size limit, as a sentence. */
  howToSplit: string;
}

/** The reports a glob matched, each parsed or the problem that made it unusable; or why nothing can be judged. */
export type Reports<T> =
  | {
      /** The reports as provenance names them. */
      source: string;
      parsed: T[];
      /** Why each of the other reports cannot be used. */
      problems: string[];
      /** How many reports matched. */
      count: number;
    }
  | {
      source: string;
      /** None matched, the glob is wrong, or the evidence was told to stop. */
      message: string;
    };

/**
 * Finds the reports `pattern` matches under the root and parses each in turn, one at a time so
 * that only one report's text is held at once, and no more once the evidence is told to stop.
 */
export async function readReports<T extends object>(
  pattern: string,
  kind: ReportKind,
  context: Pick<EvidenceContext, "files" | "root" | "signal">,
  parse: (text: string, shown: string) => T | { problem: string },
): Promise<Reports<T>> {
  let paths: string[];
  try {
    paths = await context.files.glob(pattern, context.root);
  } catch (error) {
    return {
      source: pattern,
      message:
        `cannot search for ${kind.name}s with files: ${pattern} under ${context.root}: ` +
        `${(error as Error).message}. Correct the glob in shipready.yml.`,
    };
  }
  if (paths.length === 0) {
    return {
      source: pattern,
      message:
        `no ${kind.name} matches ${pattern} under ${context.root}. ${kind.howToWrite} before shipready, ` +
        "or correct files: in shipready.yml.",
    };
  }

  const limit: SizeLimit = {
    maxBytes: MAX_REPORT_BYTES,
    tooLarge: (max) => `more than the ${max} shipready reads from one report. ${kind.howToSplit}`,
  };
  const shown = paths.map((path) => showPath(path, context.root));
  const source = listSources(shown);
  const parsed: T[] = [];
  const problems: string[] = [];
  for (const [index, path] of paths.entries()) {
    if (context.signal.aborted) {
      return {
        source,
        message:
          `stopped before ${shown[index]} was read (the evidence timed out or the run was interrupted). ` +
          "Run again, or raise timeoutMs for this evidence in shipready.yml.",
      };
    }
    const read = await readCappedText(path, shown[index]!, limit, context);
    const report = "problem" in read ? read : parse(read.text, shown[index]!);
    if ("problem" in report) problems.push(report.problem);
    else parsed.push(report);
  }
  return { source, parsed, problems, count: paths.length };
}

/** A path as a person at the root would write it: relative when inside the root, with forward slashes. */
function showPath(path: string, root: string): string {
  const rel = relative(root, path);
  return (rel === "" || rel.startsWith("..") ? path : rel).split(sep).join("/");
}
