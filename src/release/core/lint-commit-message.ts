import {
  isMergeCommitMessage,
  parseConventionalCommit,
  parseRevertMessage,
} from "./parse-conventional-commit.js";

/** The types of @commitlint/config-conventional, which most conventional-commit tooling expects. */
export const DEFAULT_COMMIT_TYPES: readonly string[] = [
  "build",
  "chore",
  "ci",
  "docs",
  "feat",
  "fix",
  "perf",
  "refactor",
  "revert",
  "style",
  "test",
];

/** commitlint's default header-max-length. */
const MAX_HEADER = 100;

export interface CommitLint {
  /** Merge commits and git's own reverts are not checked: git wrote them. */
  skipped: boolean;
  /** What is wrong, each saying how to write it instead; empty when the message is fine. */
  problems: string[];
}

/**
 * Checks a commit message (or a pull request title) against the strict Conventional Commits grammar
 * and says what is wrong in words a person can act on: not just "invalid", but which part and how
 * to write it.
 */
export function lintCommitMessage(
  message: string,
  types: readonly string[] = DEFAULT_COMMIT_TYPES,
): CommitLint {
  // git's own `Revert "..."` message names a conventional header; git wrote it, not the author.
  if (
    isMergeCommitMessage(message) ||
    (parseRevertMessage(message) !== null && message.startsWith("Revert "))
  ) {
    return { skipped: true, problems: [] };
  }
  const header = (message.split("\n", 1)[0] ?? "").replace(/\r$/, "");
  const problems: string[] = [];
  const parsed = parseConventionalCommit(message);
  if (parsed === null) {
    problems.push(diagnoseHeader(header));
  } else if (!types.includes(parsed.type)) {
    problems.push(
      `the type "${parsed.type}" is not one of ${types.join(", ")}; use the one that fits (feat for a feature, fix for a fix, chore for the rest)`,
    );
  }
  if (header.length > MAX_HEADER) {
    problems.push(
      `the header is ${header.length} characters long; keep it within ${MAX_HEADER} and put the details in the body`,
    );
  }
  if (/^BREAKING[ -]CHANGE:\S/m.test(message.slice(header.length))) {
    problems.push('write "BREAKING CHANGE: " with a space after the colon, or the break is not seen');
  }
  return { skipped: false, problems };
}

/** Why a header does not parse, found by checking its parts in the order they are written. */
function diagnoseHeader(header: string): string {
  const example = 'Write it as "type(scope): what changed", such as "fix(parser): keep CRLF line endings".';
  if (header.trim() === "") return `the header is empty. ${example}`;
  const colon = header.indexOf(":");
  if (colon < 0) return `the header "${header}" has no "type: " in front. ${example}`;
  const prefix = header.slice(0, colon);
  const after = header.slice(colon + 1);
  const match = /^([^(!]*)(?:\(([^)]*)\))?(!)?$/.exec(prefix);
  if (!match) return `"${prefix}" is not a type with an optional (scope) and !. ${example}`;
  const [, type = "", scope] = match;
  if (type === "") return `the header has no type before the colon. ${example}`;
  if (/^[A-Za-z]+$/.test(type) && type !== type.toLowerCase()) {
    return `the type "${type}" must be lower case: "${type.toLowerCase()}"`;
  }
  if (!/^[a-z]+$/.test(type)) return `the type "${type}" must be letters only, such as feat or fix`;
  if (scope !== undefined && scope.trim() === "") {
    return `the scope in "${prefix}" is empty; name the part that changed, or leave out the parentheses`;
  }
  if (scope !== undefined && /^\s/.test(scope)) return `the scope "(${scope})" must not start with a space`;
  if (after === "" || after.trim() === "")
    return `there is no description after "${prefix}:"; say what changed`;
  if (!after.startsWith(" ")) return `put one space after the colon: "${prefix}: ${after}"`;
  if (after.startsWith("  "))
    return `put exactly one space after the colon: "${prefix}: ${after.trimStart()}"`;
  return `the header "${header}" does not follow the convention. ${example}`;
}
