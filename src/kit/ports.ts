import type { AuthoredChange } from "./core/suggest-codeowners.js";

/** The recent history the CODEOWNERS suggestion reads. */
export interface AuthorHistory {
  /** The last `limit` commits (merges left out) reachable from HEAD, newest first; empty outside a repository or before the first commit. */
  recentChanges(dir: string, limit: number): Promise<AuthoredChange[]>;
}
