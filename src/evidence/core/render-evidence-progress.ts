import type { Colors } from "picocolors/types.js";
import stringWidth from "string-width";
import { escapeTerminal } from "../../shared/escape-terminal.js";

/** Where evidence collection stands, as the progress line shows it. */
export interface EvidenceProgressState {
  /** Pieces of evidence finished. */
  done: number;
  /** Pieces of evidence started so far (all of them start at once). */
  total: number;
  /** What is still being waited for, longest first ("Unit tests (github-actions)"); null when nothing is. */
  waitingFor: string | null;
  /** Which spinner frame to draw; any counter, taken modulo the frames. */
  frame: number;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const SEPARATOR = " · ";
const ELLIPSIS = "…";

/**
 * The progress line, at most `width - 1` columns wide: a line that fills the last column makes some
 * terminals wrap, and the line could then not be rewritten in place. The label is outside text and
 * escaped; it is what gives way when the terminal is narrow.
 */
export function renderEvidenceProgress(
  state: EvidenceProgressState,
  options: { width: number; colors: Colors },
): string {
  const { colors } = options;
  const room = Math.max(0, options.width - 1);
  const spinner = SPINNER[((state.frame % SPINNER.length) + SPINNER.length) % SPINNER.length]!;
  const counts = `${state.done}/${state.total}`;
  const head = `${spinner} collecting evidence ${counts}`;
  if (stringWidth(head) > room) return cutToWidth(`${spinner} ${counts}`, room);
  const styledHead = `${colors.cyan(spinner)} collecting evidence ${colors.bold(counts)}`;
  if (state.waitingFor === null) return styledHead;
  const labelRoom = room - stringWidth(head) - SEPARATOR.length;
  if (labelRoom < 2) return styledHead;
  // A line break or tab would break the one line that is rewritten in place.
  const oneLine = escapeTerminal(state.waitingFor).replace(/\n/g, "\\x0a").replace(/\t/g, " ");
  const label = cutToWidth(oneLine, labelRoom);
  return `${styledHead}${colors.dim(`${SEPARATOR}${label}`)}`;
}

/** `text` cut to `width` columns, whole characters only, ending in … when cut. */
function cutToWidth(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let kept = "";
  let used = 0;
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    kept += segment;
    used += w;
  }
  return width >= 1 ? `${kept}${ELLIPSIS}` : "";
}
