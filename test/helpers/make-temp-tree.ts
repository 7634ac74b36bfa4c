import { makeTempDir } from "./temp-dir.js";
import { writeTestFile } from "./write-test-file.js";

/** A fresh temp folder holding `files` (relative path -> text), removed when the test file finishes. */
export function makeTempTree(files: Record<string, string>): string {
  const root = makeTempDir();
  for (const [path, text] of Object.entries(files)) writeTestFile(root, path, text);
  return root;
}
