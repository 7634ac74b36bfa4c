/**
 * The third-party actions the repository kit's workflows use, each pinned to the full commit SHA of a
 * release tag (a tag can be moved; a commit cannot), with the tag in a comment for Dependabot and
 * for people. Bump them together with their tags.
 */
export interface PinnedAction {
  /** owner/name */
  action: string;
  /** The commit the tag pointed at when pinned. */
  sha: string;
  /** The release tag of that commit. */
  version: string;
}

export const LABELER: PinnedAction = {
  action: "actions/labeler",
  sha: "bf12e9b00b37c5c0ca2b87b79b2daf7891dbda13",
  version: "v7.0.0",
};

export const STALE: PinnedAction = {
  action: "actions/stale",
  sha: "eb5cf3af3ac0a1aa4c9c45633dd1ae542a27a899",
  version: "v10.3.0",
};

export const FETCH_METADATA: PinnedAction = {
  action: "dependabot/fetch-metadata",
  sha: "25dd0e34f4fe68f24cc83900b1fe3fe149efef98",
  version: "v3.1.0",
};

/** The `uses:` value of a pinned action, with its tag as a trailing comment. */
export function usesPinned(pinned: PinnedAction): string {
  return `${pinned.action}@${pinned.sha} # ${pinned.version}`;
}
