/**
 * A version as releases compare it: v1.4.2, V1.4.2 and 1.4.2 name one release. Only a "v" before a
 * digit is dropped, so a name such as "vnext" stays as it is.
 */
export function versionKey(version: string): string {
  return version
    .trim()
    .replace(/^v(?=\d)/i, "")
    .toLowerCase();
}
