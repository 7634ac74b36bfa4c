import { PermissionError } from "../errors.js";
import type { GitHubApi, RepoRef } from "../ports.js";

export interface UpsertedComment {
  action: "created" | "updated" | "unchanged";
  url: string;
}

/**
 * Keeps one comment per marker on an issue or pull request: created the first time, edited in place
 * after, never doubled. A create whose answer was lost (GitHub may have written it) is followed by a
 * look for the marker before a second try, so a retry cannot post the comment twice.
 */
export async function upsertComment(
  api: GitHubApi,
  repo: RepoRef,
  issue: number,
  marker: string,
  text: string,
): Promise<UpsertedComment> {
  const body = text.includes(marker) ? text : `${marker}\n${text}`;
  const existing = await api.findComment(repo, issue, marker);
  if (existing) {
    if (existing.body === body) return { action: "unchanged", url: existing.htmlUrl };
    const updated = await api.updateComment(repo, existing.id, body);
    return { action: "updated", url: updated.htmlUrl };
  }
  try {
    return { action: "created", url: (await api.createComment(repo, issue, body)).htmlUrl };
  } catch (error) {
    if (error instanceof PermissionError) throw error;
    const landed = await api.findComment(repo, issue, marker);
    if (landed) return { action: "created", url: landed.htmlUrl };
    return { action: "created", url: (await api.createComment(repo, issue, body)).htmlUrl };
  }
}
