/** The line `git commit -v` puts above the diff; it and everything below are not part of the message. */
const SCISSORS = /^# -+ >8 -+$/;

/**
 * A commit message file as git will keep it with its default cleanup: everything from the scissors
 * line down dropped, `#` comment lines dropped, trailing blank lines removed.
 */
export function cleanCommitMessage(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const cut = lines.findIndex((line) => SCISSORS.test(line));
  const kept = (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !line.startsWith("#"));
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === "") kept.pop();
  while (kept.length > 0 && kept[0]!.trim() === "") kept.shift();
  return kept.join("\n");
}
