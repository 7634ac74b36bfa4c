/** A name as part of a file name: anything but letters, digits, `.`, `_` and `-` becomes `_`, and no leading dot. */
export function fileSafeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_");
}
