/**
 * A .env file with `KEY=value`: the first line that sets KEY (`KEY=`, `export KEY=`) is rewritten,
 * keeping its `export` and the file's line endings; without one, the line is added at the end. Every
 * other line is kept as it is. A value with spaces, quotes or `#` is written in double quotes.
 */
export function setEnvLine(text: string, key: string, value: string): { text: string; was: string | null } {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const written = /^[A-Za-z0-9_./:@%+,-]*$/.test(value) ? value : JSON.stringify(value);
  const setter = new RegExp(`^(\\s*(?:export\\s+)?)${escapeRegExp(key)}\\s*=(.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const match = setter.exec(lines[i]!);
    if (!match) continue;
    lines[i] = `${match[1]}${key}=${written}`;
    return { text: lines.join(eol), was: unquote(match[2]!.trim()) };
  }
  const endsWithNewline = text === "" || text.endsWith("\n");
  return { text: `${text}${endsWithNewline ? "" : eol}${key}=${written}${eol}`, was: null };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value.replace(/\s+#.*$/, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
