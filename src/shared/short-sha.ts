/** A commit as a line of text names it: the first seven hex digits of its id. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
