/**
 * Commit messages read the way release-please reads them: its `splitMessages` (several conventional
 * messages in one commit, `BEGIN_NESTED_COMMIT` blocks), the grammar of the reference parser
 * `@conventional-commits/parser` (which release-please uses, and which is far more lenient than the
 * strict grammar: `Feat:x`, `feat:  two spaces`, `WIP #12` all parse), and release-please's walk over
 * its syntax tree (`toConventionalChangelogFormat`: breaking-change notes, references from footers,
 * footers that are themselves conventional messages, `Release-As`).
 *
 * Written out here rather than calling that parser: it builds a syntax tree per message and checks
 * "is the rest footers?" at every body line, which is quadratic; it took 38 s for 100,000 commits.
 * This reads each message once, backwards for the footers. The tests compare it with the reference
 * parser plus release-please's walk on generated messages.
 */

/** One conventional message as release-please's changelog sees it. */
export interface ReleaseNoteCommit {
  /** `type(scope)!: subject`, rebuilt as release-please rebuilds it. */
  header: string;
  type: string;
  scope: string | null;
  /** The description after the separator and its whitespace, as written (trailing spaces kept). */
  subject: string;
  /** Whether a BREAKING CHANGE note came with it (a `!`, a footer or a body marker). */
  breaking: boolean;
  /** The breaking-change note, laid out as release-please lays it out; null when not breaking. */
  breakingNote: string | null;
  /** Issues named in footers with a `#` (`Fixes #12`, `Refs: #12`), in order. */
  references: readonly { number: number; repo: string | null; action: string | null }[];
  /** The value of a `Release-As:` footer, or null. */
  releaseAs: string | null;
}

const NESTED_SPLIT =
  /\r?\n\r?\n(?=(?:feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\(.*?\))?: )/;
const NUMBER = /^[0-9]+$/;

/** release-please's splitMessages: the conventional messages one commit message holds. */
export function splitMessages(message: string): string[] {
  // Without a blank line (\n\n, \r\n\n, \n\r\n, \r\n\r\n) nor a nested commit there is one message.
  if (!message.includes("_NESTED_COMMIT") && !message.includes("\n\n") && !message.includes("\n\r\n")) {
    return message === "" ? [] : [message];
  }
  const parts = message.split("BEGIN_NESTED_COMMIT");
  const messages = [parts.shift()!];
  for (const part of parts) {
    const [newMessage, ...rest] = part.split("END_NESTED_COMMIT");
    messages.push(newMessage!);
    messages[0] = messages[0] + rest.join("END_NESTED_COMMIT");
  }
  const conventional = messages[0]!.split(NESTED_SPLIT).filter(Boolean);
  return [...conventional, ...messages.slice(1)];
}

/**
 * Every conventional message of one commit, in the order release-please lists them: each part of
 * splitMessages in turn, and within a part the footers that are messages of their own before the
 * part's own header. Empty when nothing in it is conventional.
 */
export function parseReleasePleaseCommit(message: string): ReleaseNoteCommit[] {
  const found: ReleaseNoteCommit[] = [];
  for (const part of splitMessages(message)) {
    const commits = parseMessage(part);
    if (commits !== null) found.push(...commits);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The reference grammar, over lines.

function isBreakingLiteral(line: string, at: number): boolean {
  return line.startsWith("BREAKING CHANGE", at) || line.startsWith("BREAKING-CHANGE", at);
}

function isWhitespace(code: number): boolean {
  return code === 0xfeff || code === 9 || code === 11 || code === 12 || code === 32 || code === 0xa0;
}

function isNewline(code: number): boolean {
  return code === 13 || code === 10;
}

interface Summary {
  type: string;
  scope: string | null;
  bang: boolean;
  text: string;
}

/** `<type> ["(" <scope> ")"] ["!"] (":" | " #") <whitespace>* <text>`; "throw" for an unclosed scope. */
function parseSummary(line: string): Summary | null | "throw" {
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 40 || c === 41 || isWhitespace(c) || c === 33 || c === 58) break;
    i++;
  }
  if (i === 0) return null;
  const type = line.slice(0, i);
  let scope: string | null = null;
  if (line.charCodeAt(i) === 40) {
    let j = i + 1;
    while (j < n && line.charCodeAt(j) !== 40 && line.charCodeAt(j) !== 41) j++;
    if (line.charCodeAt(j) !== 41) return "throw";
    if (j === i + 1) return null; // `feat(): x`: the empty scope rewinds to `)`, which nothing accepts
    scope = line.slice(i + 1, j);
    i = j + 1;
  }
  let bang = false;
  if (line.charCodeAt(i) === 33) {
    bang = true;
    i++;
  } else if (isBreakingLiteral(line, i)) {
    // The grammar's <breaking-change> is `!` or the words themselves: `feat(api)BREAKING CHANGE: x`.
    bang = true;
    i += 15;
  }
  if (line.charCodeAt(i) === 58) i++;
  else if (line.charCodeAt(i) === 32 && line.charCodeAt(i + 1) === 35) i += 2;
  else return null;
  while (i < n && isWhitespace(line.charCodeAt(i))) i++;
  return { type, scope, bang, text: line.slice(i) };
}

interface FooterHead {
  /** The footer's type token, or null for BREAKING CHANGE. */
  type: string | null;
  scope: string | null;
  /** The breaking-change marker after the type: `!`, or the words; null when there is none. */
  bang: string | null;
  /** `BREAKING CHANGE`, `BREAKING-CHANGE` or `!` when that is the token, else null. */
  breakingToken: string | null;
  separator: ":" | " #";
  /** The value's first line, after the separator's whitespace. */
  text: string;
}

/** A footer's first line, `<token> <separator> <whitespace>* <text>`; "throw" for an unclosed scope. */
function parseFooterHead(line: string): FooterHead | null | "throw" {
  let i = 0;
  let type: string | null = null;
  let scope: string | null = null;
  let bang: string | null = null;
  let breakingToken: string | null = null;
  if (line.startsWith("BREAKING CHANGE") || line.startsWith("BREAKING-CHANGE")) {
    breakingToken = line.slice(0, 15);
    i = 15;
  } else if (line.charCodeAt(0) === 33) {
    // `!` is a breaking-change token on its own.
    breakingToken = "!";
    i = 1;
  } else {
    const n = line.length;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 40 || c === 41 || isWhitespace(c) || c === 33 || c === 58) break;
      i++;
    }
    if (i === 0) return null;
    type = line.slice(0, i);
    if (line.charCodeAt(i) === 40) {
      let j = i + 1;
      while (j < n && line.charCodeAt(j) !== 40 && line.charCodeAt(j) !== 41) j++;
      if (line.charCodeAt(j) !== 41) return "throw";
      if (j > i + 1) {
        scope = line.slice(i + 1, j);
        i = j + 1;
      } else {
        i = i + 1; // rewound to `)`
      }
    }
    if (line.charCodeAt(i) === 33) {
      bang = "!";
      i++;
    } else if (isBreakingLiteral(line, i)) {
      bang = line.slice(i, i + 15);
      i += 15;
    }
  }
  let separator: ":" | " #";
  if (line.charCodeAt(i) === 58) {
    separator = ":";
    i++;
  } else if (line.charCodeAt(i) === 32 && line.charCodeAt(i + 1) === 35) {
    separator = " #";
    i += 2;
  } else return null;
  while (i < line.length && isWhitespace(line.charCodeAt(i))) i++;
  return { type, scope, bang, breakingToken, separator, text: line.slice(i) };
}

interface Line {
  text: string;
  /** The newline run before this line (`\n`, `\n\n`, `\r\n`...), "" for the first. */
  before: string;
}

interface Footer {
  head: FooterHead;
  /** Continuation lines: the newline run before each and its text after the whitespace. */
  continuations: { newline: string; text: string }[];
}

/** The lines of `text` with the newline runs between them (blank lines fold into the runs). */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let i = 0;
  let before = "";
  const n = text.length;
  while (i < n) {
    let j = i;
    while (j < n && !isNewline(text.charCodeAt(j))) j++;
    lines.push({ text: text.slice(i, j), before });
    let k = j;
    while (k < n && isNewline(text.charCodeAt(k))) k++;
    before = text.slice(j, k);
    i = k;
  }
  return lines;
}

function startsWithWhitespace(line: string): boolean {
  return line.length > 0 && isWhitespace(line.charCodeAt(0));
}

/** A text node's value after leading whitespace (a continuation's `<whitespace>+ <text>`). */
function afterWhitespace(line: string): string {
  let i = 0;
  while (i < line.length && isWhitespace(line.charCodeAt(i))) i++;
  return line.slice(i);
}

/**
 * One message through the reference parser and release-please's walk; null when it is not
 * conventional (the parser throws).
 */
function parseMessage(raw: string): ReleaseNoteCommit[] | null {
  const text = raw.trim();
  if (text === "") return null;
  if (!text.includes("\n") && !text.includes("\r")) {
    // A header alone, as most commits are: no body, no footers.
    const summary = parseSummary(text);
    if (summary === null || summary === "throw") return null;
    return [commitOf(summary, summary.bang ? layOutNote(summary.text) || null : null, [], null)];
  }
  const lines = linesOf(text);
  const summary = parseSummary(lines[0]!.text);
  if (summary === null || summary === "throw") return null;

  // Where the footers start: the first line (after the summary) from which every line is a footer
  // head or an indented continuation of one. Read backwards, so each line is looked at once.
  const heads: (FooterHead | null)[] = new Array(lines.length).fill(null);
  let footersFrom = lines.length;
  for (let i = lines.length - 1; i >= 1; i--) {
    const line = lines[i]!.text;
    if (startsWithWhitespace(line)) continue; // a continuation, if a footer comes before it
    const head = parseFooterHead(line);
    if (head === "throw") return null;
    if (head === null) break;
    heads[i] = head;
    footersFrom = i;
  }
  // An indented line straight after the summary or after body text is body text: footers start at
  // a head.
  if (footersFrom < lines.length && heads[footersFrom] === null) footersFrom = lines.length;
  // Any footer head in the body would be tried too (as the start of the rest): an unclosed scope there
  // makes the reference parser throw.
  for (let i = 1; i < footersFrom; i++) {
    const line = lines[i]!.text;
    if (!line.includes("(") || startsWithWhitespace(line)) continue;
    if (parseFooterHead(line) === "throw") return null;
  }

  const footers: Footer[] = [];
  for (let i = footersFrom; i < lines.length; i++) {
    const head = heads[i];
    if (head) footers.push({ head, continuations: [] });
    else
      footers
        .at(-1)!
        .continuations.push({ newline: lines[i]!.before, text: afterWhitespace(lines[i]!.text) });
  }

  // Body text and newline values, with the `BREAKING CHANGE:` marker of a body line taken out.
  let bodyBreaking: string | null = null;
  let body = "";
  // Only a breaking-change marker or a `BREAKING-CHANGE:` inside a line makes the body matter.
  const bodyCounts = text.includes("BREAKING");
  for (let i = 1; bodyCounts && i < footersFrom; i++) {
    const line = lines[i]!.text;
    let value = line;
    let marker = false;
    if (isBreakingLiteral(line, 0)) {
      // The words are read as a marker even without the colon; then they are simply dropped.
      marker = line.charCodeAt(15) === 58;
      value = marker ? afterWhitespace(line.slice(16)) : line.slice(15);
    }
    if (i > 1) {
      body += lines[i]!.before;
      if (bodyBreaking !== null) bodyBreaking += lines[i]!.before;
    }
    body += value;
    if (bodyBreaking !== null) bodyBreaking += value;
    else if (marker) bodyBreaking = value;
  }

  // Breaking-change notes in the order the walk meets them; each one met replaces the last.
  let breaking = "";
  if (summary.bang) breaking = summary.text;
  if (bodyBreaking !== null) breaking = bodyBreaking;
  for (const footer of footers) {
    if ((footer.head.breakingToken ?? footer.head.bang)?.includes("BREAKING")) {
      const last = footer.continuations.at(-1);
      breaking = last ? last.text : footer.head.text;
    }
  }

  const notesBreaking = breaking !== "" ? breaking : null;
  const references: { number: number; repo: null; action: string | null }[] = [];
  let releaseAs: string | null = null;
  const nested: ReleaseNoteCommit[] = [];
  for (const footer of footers) {
    const head = footer.head;
    let hasRefSeparator = head.separator === " #";
    let issue = "";
    const texts = [head.text, ...footer.continuations.map((c) => c.text)];
    for (const value of texts) {
      if (value.charAt(0) === "#") {
        hasRefSeparator = true;
        issue = value.slice(1);
      } else issue = value;
    }
    if (hasRefSeparator && NUMBER.test(issue)) {
      references.push({ number: Number(issue), repo: null, action: head.type ?? "" });
    }
    if (head.type === null) continue;
    // A footer whose token is a type is read as a message of its own: `chore(deps): update x`.
    let footerText = head.type;
    if (head.scope !== null) footerText += `(${head.scope})`;
    if (head.bang !== null) footerText += head.bang;
    if (head.separator === ":") footerText += ": ";
    footerText += head.text;
    for (const c of footer.continuations) footerText += c.newline + c.text;
    if (head.type.toLowerCase() === "release-as") releaseAs = texts.at(-1)!;
    const inner = parseMessage(footerText);
    if (inner !== null) nested.push(...inner);
  }

  let note = notesBreaking === null ? null : layOutNote(notesBreaking);
  // release-please reads `BREAKING-CHANGE:` inside a body line too.
  const inline = bodyCounts ? /BREAKING-CHANGE:\s*(.*)/.exec(body) : null;
  if (inline && inline[1]) note = note === null ? inline[1].trim() : `${note}\n${inline[1].trim()}`;
  nested.push(commitOf(summary, note, references, releaseAs));
  return nested;
}

function commitOf(
  summary: Summary,
  note: string | null,
  references: ReleaseNoteCommit["references"],
  releaseAs: string | null,
): ReleaseNoteCommit {
  const { type, scope } = summary;
  return {
    header: `${type}${scope !== null ? `(${scope})` : ""}${summary.bang ? "!" : ""}: ${summary.text}`,
    type,
    scope,
    subject: summary.text,
    breaking: note !== null,
    breakingNote: note,
    references,
    releaseAs,
  };
}

/**
 * release-please's postProcessCommits on a note: lines joined with spaces up to the first blank
 * line, except that from a `#### ` heading or a `* `/`- ` list item on they are kept, indented.
 */
function layOutNote(note: string): string {
  let text = "";
  let extended = false;
  const chunks = note.split(/\r?\n/);
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (i > 0 && /^#### |^[*-] /.test(chunk) && !extended) {
      text = `${text.trim()}\n`;
      extended = true;
    }
    if (chunk === "") break;
    else if (extended) text += `    ${chunk}\n`;
    else text += `${chunk} `;
  }
  return text.trim();
}
