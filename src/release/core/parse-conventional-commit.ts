/** One `Token: value` or `Token #value` trailer at the end of a commit message. */
export interface CommitFooter {
  /** `Closes`, `Signed-off-by`, `BREAKING CHANGE`, ... as written. */
  token: string;
  separator: ": " | " #";
  /** The value, continuation lines joined with `\n`, surrounding whitespace trimmed. */
  value: string;
}

/** An issue or pull request the message names: `#12`, `owner/repo#12`, `Closes #12`. */
export interface CommitReference {
  number: number;
  /** `owner/repo` when the reference names another repository, else null. */
  repo: string | null;
  /** The closing keyword (`Closes`, `Fixes`, `Resolves`, ...) of the footer that named it, else null. */
  action: string | null;
}

/** What a revert commit undoes. */
export interface CommitRevert {
  /** The header of the reverted commit. */
  header: string;
  /** The reverted commit's hash from `This reverts commit <sha>.`, when the message gives it. */
  hash: string | null;
}

export interface ConventionalCommit {
  /** The first line, without its line ending. */
  header: string;
  type: string;
  scope: string | null;
  breaking: boolean;
  /** What breaks: the BREAKING CHANGE footer, or the subject when only `!` says so; null when not breaking. */
  breakingNote: string | null;
  /** The description after `type(scope)!: `, trailing whitespace trimmed. */
  subject: string;
  /** The text between the header and the footers; null when there is none. */
  body: string | null;
  footers: readonly CommitFooter[];
  references: readonly CommitReference[];
  /** Set for `revert: <header>` commits. */
  revert: CommitRevert | null;
}

// The grammar is make-history.mjs's `strictParse`, character for character: lower-case letters,
// a non-empty scope without parentheses, one space after the colon. Every quantifier is followed by
// a character it cannot match, so matching is linear in the header's length.
const HEADER = /^([a-z]+)(?:\(([^()\s][^()]*)\))?(!)?: (\S.*)$/;
const BREAKING_LINE = /^BREAKING[ -]CHANGE: /;
const BREAKING_ANYWHERE = /^BREAKING[ -]CHANGE: (.*)/m;
const FOOTER_LINE = /^(BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z][\w-]*)(: | #)/;
const REVERTS_COMMIT = /^This reverts commit ([0-9a-fA-F]{7,64})\b/m;
const GIT_REVERT = /^Revert "(.*)"$/;
const MERGE = /^Merge (?:pull request #\d+ from \S|branch(?:es)? \S)/;
const CLOSING = new Set([
  "close",
  "closes",
  "closed",
  "fix",
  "fixes",
  "fixed",
  "resolve",
  "resolves",
  "resolved",
]);
const NONE: readonly never[] = Object.freeze([]);

/** The first line of a message without its line ending (`\n` or `\r\n`; a lone `\r` is text). */
function headerOf(message: string): string {
  const end = message.indexOf("\n");
  if (end < 0) return message;
  return message.charCodeAt(end - 1) === 13 ? message.slice(0, end - 1) : message.slice(0, end);
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 12 && code !== 11) {
      return code < 128 ? false : line.trim() === "";
    }
  }
  return true;
}

/**
 * Parses a commit message under the strict Conventional Commits grammar, or returns null when the
 * header does not follow it (near misses such as `Feat: x`, `fix:x`, `feat(): x` included).
 */
export function parseConventionalCommit(message: string): ConventionalCommit | null {
  const header = headerOf(message);
  const m = HEADER.exec(header);
  if (m === null) return null;
  const type = m[1]!;
  const scope = m[2] ?? null;
  const bang = m[3] !== undefined;
  const subject = m[4]!.trimEnd();

  const newline = message.indexOf("\n");
  const rest = newline < 0 ? "" : message.slice(newline + 1);
  let body: string | null = null;
  let footers: readonly CommitFooter[] = NONE;
  let breakingFooter: string | null = null;

  if (rest.trim() !== "") {
    const lines = rest.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.endsWith("\r")) lines[i] = line.slice(0, -1);
    }
    let end = lines.length;
    while (end > 0 && isBlank(lines[end - 1]!)) end--;
    const start = footerStart(lines, end, rest.includes("BREAKING"));
    let bodyEnd = start;
    while (bodyEnd > 0 && isBlank(lines[bodyEnd - 1]!)) bodyEnd--;
    let bodyStart = 0;
    while (bodyStart < bodyEnd && isBlank(lines[bodyStart]!)) bodyStart++;
    if (bodyStart < bodyEnd) body = lines.slice(bodyStart, bodyEnd).join("\n").trimEnd();
    if (start < end) {
      footers = readFooters(lines, start, end);
      for (const footer of footers) {
        if (
          footer.separator === ": " &&
          (footer.token === "BREAKING CHANGE" || footer.token === "BREAKING-CHANGE")
        ) {
          breakingFooter = footer.value;
          break;
        }
      }
    }
  }

  const breakingLine = breakingFooter ?? breakingLineText(rest);
  const breaking = bang || breakingLine !== null;
  const breakingNote = breaking ? breakingLine || subject : null;
  const references = collectReferences(subject, body, footers);
  const revert = type === "revert" ? { header: subject, hash: revertedHash(rest) } : null;
  return { header, type, scope, breaking, breakingNote, subject, body, footers, references, revert };
}

/** The fields of a conventional commit that a changelog entry shows. */
export type ChangelogFields = Pick<
  ConventionalCommit,
  "type" | "scope" | "subject" | "breaking" | "breakingNote" | "references"
>;

/**
 * parseConventionalCommit's type, scope, subject, breaking, breakingNote and references, the same
 * values, without reading the body and footers when they cannot change them: with no `#` and no
 * `BREAKING` after the header they name no issue and break nothing. Most commits take that path,
 * and reading 100,000 bodies into lines and footers is most of a changelog's parsing.
 */
export function parseCommitForChangelog(message: string): ChangelogFields | null {
  const newline = message.indexOf("\n");
  if (newline >= 0 && (message.includes("#", newline) || message.includes("BREAKING", newline))) {
    return parseConventionalCommit(message);
  }
  const m = HEADER.exec(headerOf(message));
  if (m === null) return null;
  const subject = m[4]!.trimEnd();
  const breaking = m[3] !== undefined;
  return {
    type: m[1]!,
    scope: m[2] ?? null,
    subject,
    breaking,
    breakingNote: breaking ? subject : null,
    references: collectReferences(subject, null, NONE),
  };
}

/**
 * The text of the first line after the header that starts with the breaking-change footer, or null.
 * This is the ground truth's own test (`^` after any line terminator), so `breaking` agrees with it
 * even for a footer that sits inside what reads as body text.
 */
function breakingLineText(rest: string): string | null {
  if (!rest.includes("BREAKING")) return null;
  const m = BREAKING_ANYWHERE.exec(rest);
  return m === null ? null : m[1]!.trim();
}

/**
 * Where the footers begin, or `end` when there are none. A `BREAKING CHANGE:` line starts them
 * wherever it stands. Otherwise they are in the last paragraph: from its first line when that is a
 * `Token: value` line (later lines continue values, as the spec allows), or from the first
 * trailer line after body text when every line from there on is a trailer or an indented
 * continuation, as `git interpret-trailers` reads a trailer block with no blank line before it.
 */
function footerStart(lines: readonly string[], end: number, mayBreak: boolean): number {
  let start = end;
  for (let i = 0; mayBreak && i < end; i++) {
    if (BREAKING_LINE.test(lines[i]!)) {
      start = i;
      break;
    }
  }
  let first = end;
  while (first > 0 && !isBlank(lines[first - 1]!)) first--;
  if (first >= start) return start;
  if (FOOTER_LINE.test(lines[first]!)) return first;
  let candidate = end;
  for (let i = end - 1; i > first; i--) {
    const line = lines[i]!;
    if (FOOTER_LINE.test(line)) candidate = i;
    else if (line[0] !== " " && line[0] !== "\t") break;
  }
  return Math.min(candidate, start);
}

function readFooters(lines: readonly string[], start: number, end: number): CommitFooter[] {
  const footers: CommitFooter[] = [];
  let token = "";
  let separator: ": " | " #" = ": ";
  let value: string[] = [];
  const flush = () => {
    if (value.length > 0) footers.push({ token, separator, value: value.join("\n").trim() });
  };
  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    const m = FOOTER_LINE.exec(line);
    if (m !== null) {
      flush();
      token = m[1]!;
      separator = m[2] as ": " | " #";
      value = [line.slice(m[0].length).trimEnd()];
    } else {
      value.push(line.trimEnd());
    }
  }
  flush();
  return footers;
}

function revertedHash(rest: string): string | null {
  if (!rest.includes("This reverts commit")) return null;
  return REVERTS_COMMIT.exec(rest)?.[1] ?? null;
}

function collectReferences(
  subject: string,
  body: string | null,
  footers: readonly CommitFooter[],
): readonly CommitReference[] {
  let found: CommitReference[] | null = null;
  const add = (text: string, action: string | null) => {
    let at = text.indexOf("#");
    while (at >= 0) {
      const reference = referenceAt(text, at, action);
      if (reference !== null) {
        found ??= [];
        const same = found.find((r) => r.number === reference.number && r.repo === reference.repo);
        if (same === undefined) found.push(reference);
        else if (same.action === null && action !== null) same.action = action;
      }
      at = text.indexOf("#", at + 1);
    }
  };
  add(subject, null);
  if (body !== null) add(body, null);
  for (const footer of footers) {
    const action = CLOSING.has(footer.token.toLowerCase()) ? footer.token : null;
    // `Closes #12`: the `#` is the separator, so the value starts with the number itself.
    add(footer.separator === " #" ? `#${footer.value}` : footer.value, action);
  }
  return found ?? NONE;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95;
}

/** Letters, digits, `_`, `.` and `-`: what GitHub allows in owner and repository names. */
function isNameChar(code: number): boolean {
  return isWordChar(code) || code === 46 || code === 45;
}

// Scans around one `#` by hand rather than with a global regex: a `[\w.-]+/[\w.-]+#` pattern
// would rescan every long word that turns out to have no `#` after it.
function referenceAt(text: string, hash: number, action: string | null): CommitReference | null {
  let digitsEnd = hash + 1;
  while (digitsEnd < text.length && isDigit(text.charCodeAt(digitsEnd))) digitsEnd++;
  if (digitsEnd === hash + 1) return null;
  if (digitsEnd < text.length && isWordChar(text.charCodeAt(digitsEnd))) return null;
  const number = Number(text.slice(hash + 1, digitsEnd));
  if (!Number.isSafeInteger(number) || number === 0) return null;
  if (hash === 0) return { number, repo: null, action };
  const before = text.charCodeAt(hash - 1);
  if (!isNameChar(before)) {
    // `&#123;` is an HTML entity and `a/#1` a path, not references.
    return before === 38 || before === 47 ? null : { number, repo: null, action };
  }
  let repoStart = hash - 1;
  while (repoStart > 0 && isNameChar(text.charCodeAt(repoStart - 1))) repoStart--;
  const slash = repoStart - 1;
  if (slash < 1 || text.charCodeAt(slash) !== 47) return null;
  let ownerStart = slash;
  while (ownerStart > 0 && isNameChar(text.charCodeAt(ownerStart - 1))) ownerStart--;
  if (ownerStart === slash) return null;
  if (ownerStart > 0) {
    const lead = text.charCodeAt(ownerStart - 1);
    if (lead === 47 || lead === 58 || lead === 64) return null; // a URL path, `host:path` or `@scope/pkg#`
  }
  return { number, repo: text.slice(ownerStart, hash), action };
}

/**
 * What a revert commit undoes, in either form: the conventional `revert: <header>` and git's own
 * `Revert "<header>"` (which is not a conventional commit). Null for anything else.
 */
export function parseRevertMessage(message: string): CommitRevert | null {
  const first = message.charCodeAt(0);
  if (first !== 82 && first !== 114) return null; // neither `R` nor `r`
  const header = headerOf(message);
  let reverted: string;
  const git = GIT_REVERT.exec(header);
  if (git !== null) reverted = git[1]!;
  else {
    const m = HEADER.exec(header);
    if (m === null || m[1] !== "revert") return null;
    reverted = m[4]!.trimEnd();
  }
  const newline = message.indexOf("\n");
  return { header: reverted, hash: newline < 0 ? null : revertedHash(message.slice(newline + 1)) };
}

/**
 * Whether a message is one git or GitHub writes for a merge (`Merge pull request #12 from ...`,
 * `Merge branch ...`). The parent count is the better test when it is known; this catches merges in
 * histories read without it. `Merge remote-tracking branch` is left out on purpose: people type it
 * into ordinary commits too, and make-history.mjs counts it as free text.
 */
export function isMergeCommitMessage(message: string): boolean {
  return message.startsWith("Merge ") && MERGE.test(message);
}
