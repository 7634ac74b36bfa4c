import type { CommitSettings } from "../types.js";

/** The message with its placeholders filled in, and [skip ci] at the end of the subject when asked for. */
export function renderCommitMessage(
  settings: Pick<CommitSettings, "message" | "skipCi">,
  values: { score: string; band: string; checklist: string },
): string {
  const filled = settings.message.replace(
    /\{(score|band|checklist)\}/g,
    (_, key: keyof typeof values) => values[key],
  );
  if (!settings.skipCi || /\[(skip ci|ci skip|no ci|skip actions|actions skip)\]/i.test(filled))
    return filled;
  const end = filled.indexOf("\n");
  return end === -1 ? `${filled} [skip ci]` : `${filled.slice(0, end)} [skip ci]${filled.slice(end)}`;
}
