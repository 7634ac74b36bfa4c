/** The domain vocabulary shared by every layer. Plain data only: no behaviour lives here. */

/** A gate's single outcome (DESIGN.md section 3). */
export type Outcome = "pass" | "warn" | "fail" | "pending" | "inconclusive" | "waived" | "n/a";

export const OUTCOMES: readonly Outcome[] = [
  "pass",
  "warn",
  "fail",
  "pending",
  "inconclusive",
  "waived",
  "n/a",
];

/** A byte range in the checklist text (UTF-16 offsets into the text without its BOM). */
export interface Span {
  start: number;
  end: number;
}

/** Where an outcome came from. Hand-written statuses have kind "checklist". */
export interface Provenance {
  kind: string;
  /** A URL, command, file or "path:line" that a person can follow. */
  source: string;
  /** ISO time the evidence was observed; null when the document does not say. */
  observedAt: string | null;
  /** What to do about it when the outcome is not a pass. */
  message?: string;
}

/** A problem or remark about the input, tied to a line of the checklist when there is one. */
export interface Finding {
  code: string;
  message: string;
  line?: number;
  /** The file `line` refers to, when it is not the checklist (shipready.yml, say). */
  file?: string;
}

export interface GitHubSettings {
  /** owner/name from shipready.yml; the command line, the environment and the git remote are asked too. */
  repo: string | null;
  /** The REST API's URL from shipready.yml (GitHub Enterprise Server). */
  apiUrl: string | null;
  /** The cache of GitHub answers and their ETags. Absolute path. */
  cache: string;
  /** How long one chain of requests (a reading, its pages and retries) may take, in milliseconds. */
  deadlineMs: number;
}
