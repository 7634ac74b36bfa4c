/** Parsed JSON, or `error` saying that it is not valid JSON, where (line and column) and why. */
export function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? ` (${lineAndColumn(text, Number(at[1]))})` : "";
    // Newer Node versions end the message with their own "(line L column C)"; the place is said once.
    return { error: `not valid JSON${where}: ${message.replace(/\s*\(line \d+ column \d+\)$/, "")}` };
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
