// A footer as the conventional-commits parser reads one: a token, a colon and a space, then the value.
const RELEASE_AS = /^release-as:[ \t]*(\S+)[ \t]*$/gim;

/**
 * The version a `Release-As: x.y.z` footer asks for, as release-please reads it: the token in any
 * case, on a line of the body (not the header); the last such footer of the message wins. Null when
 * the message has none.
 */
export function findReleaseAs(message: string): string | null {
  const newline = message.indexOf("\n");
  if (newline === -1) return null;
  let found: string | null = null;
  for (const match of message.slice(newline + 1).matchAll(RELEASE_AS)) found = match[1]!;
  return found;
}
