/**
 * Whether a commit is the release commit of an earlier try: its subject is the release commit's, it
 * has one parent, and it touches only the files a release rewrites.
 */
export function isReleaseCommit(
  commit: { parents: readonly string[]; message: string; files: readonly string[] },
  commitMessage: string,
  releasePaths: ReadonlySet<string>,
): boolean {
  return (
    commit.message.split("\n", 1)[0] === commitMessage.split("\n", 1)[0] &&
    commit.parents.length === 1 &&
    commit.files.every((f) => releasePaths.has(f))
  );
}
