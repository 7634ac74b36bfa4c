import { relative } from "node:path";

/** A file's path as git names it: relative to the top folder, with forward slashes. */
export function repoPath(top: string, path: string): string {
  return relative(top, path).split("\\").join("/");
}
