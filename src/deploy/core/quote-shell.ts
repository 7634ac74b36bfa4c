/** Characters a POSIX shell reads as themselves in a word: a value made only of these needs no quotes. */
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;

/**
 * A value as one POSIX shell word: as it is when it holds only plain characters (so a version may sit
 * inside the command's own double quotes), else in single quotes, each `'` written as `'\''`.
 */
export function quoteShell(value: string): string {
  if (PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
