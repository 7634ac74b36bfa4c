import { versionKey } from "../../shared/version-key.js";

/** What names a deploy: in an incident's `Caused-by:` line, a `--cause` flag, an import's `cause` field. */

export interface CauseRef {
  version: string | null;
  commit: string | null;
  deployId: string | null;
}

const SHA = /^[0-9a-f]{7,40}$/i;
const COMMIT_LINK = /\/commits?\/([0-9a-f]{7,40})(?:[/?#]|$)/i;
const TAG_LINK = /\/(?:releases\/tag|tree|tags)\/([^/?#]+)/;
const DEPLOY_PREFIX = /^deploy[:#]\s*(\S+)$/i;
const CAUSED_BY = /^[ \t]*caused[- ]by[ \t]*:[ \t]*(\S+)/im;

/**
 * Reads one reference to a deploy: `v1.4.2` (a version), `3f2a9c1` (a commit, or a version that
 * looks like one: both are tried), `deploy:<id>` (a deploy's id), or a link to a commit or a
 * release tag. null for an empty text.
 */
export function parseCause(text: string): CauseRef | null {
  const value = text.trim().replace(/[.,;)]+$/, "");
  if (value === "") return null;
  const deploy = DEPLOY_PREFIX.exec(value);
  if (deploy) return { version: null, commit: null, deployId: deploy[1]! };
  if (/^https?:\/\//i.test(value)) {
    const commit = COMMIT_LINK.exec(value);
    if (commit) return { version: null, commit: commit[1]!.toLowerCase(), deployId: null };
    const tag = TAG_LINK.exec(value);
    if (tag) return { version: decodeURIComponent(tag[1]!), commit: null, deployId: null };
    return null;
  }
  if (SHA.test(value)) return { version: value, commit: value.toLowerCase(), deployId: null };
  return { version: value, commit: null, deployId: null };
}

/** The deploy an incident's text names on a `Caused-by:` line (case ignored), or null. */
export function findCauseInText(text: string): CauseRef | null {
  const line = CAUSED_BY.exec(text);
  return line ? parseCause(line[1]!) : null;
}

/** Whether `version` names the same release as `wanted` (v1.4.2 and 1.4.2 are one). */
export function sameVersion(version: string | null, wanted: string): boolean {
  if (version === null) return false;
  return versionKey(version) === versionKey(wanted);
}

/** Whether `commit` is `wanted` or starts with it (7 characters or more). */
export function sameCommit(commit: string | null, wanted: string): boolean {
  if (commit === null || wanted.length < 7) return false;
  const a = commit.toLowerCase();
  const b = wanted.toLowerCase();
  return a.startsWith(b) || b.startsWith(a);
}
