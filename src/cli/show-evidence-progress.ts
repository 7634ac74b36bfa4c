import type { Colors } from "picocolors/types.js";
import { sourceOf, type EvidenceProgress } from "../evidence/collect-evidence.js";
import { renderEvidenceProgress } from "../evidence/core/render-evidence-progress.js";
import { terminalColors } from "./terminal-colors.js";

/** What the progress line is written to: stdout, or a stand-in in tests. */
export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface EvidenceProgressPrinter {
  /** Give to runReadiness as `onEvidence`. */
  onEvidence(event: EvidenceProgress): void;
  /** Stops redrawing and clears the line, so what is printed next starts on a clean line. */
  stop(): void;
}

/** Redraws at most this often: events only update counts, so 10,000 gates cost 10,000 increments. */
const REDRAW_MS = 80;
const CLEAR_LINE = "\r\x1b[K";

/**
 * One progress line on a terminal, rewritten in place while evidence is collected. Nothing is shown
 * when the output is not a terminal (a pipe, a file, CI logs), with --json, or on a dumb terminal.
 */
export function showEvidenceProgress(
  opts: { json?: boolean; color?: boolean },
  io: { out?: ProgressOutput; env?: Readonly<Record<string, string | undefined>>; colors?: Colors } = {},
): EvidenceProgressPrinter {
  const out = io.out ?? process.stdout;
  const env = io.env ?? process.env;
  if (opts.json || !out.isTTY || env.TERM === "dumb")
    return { onEvidence: () => undefined, stop: () => undefined };
  const colors = io.colors ?? terminalColors(opts);
  // Insertion order keeps the longest-running piece first: it is the one the run waits for.
  const running = new Map<string, string>();
  let done = 0;
  let total = 0;
  let frame = 0;
  let drawn = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let first: NodeJS.Immediate | undefined;

  const draw = () => {
    const waitingFor = running.values().next();
    const line = renderEvidenceProgress(
      { done, total, waitingFor: waitingFor.done ? null : waitingFor.value, frame: frame++ },
      { width: out.columns || 80, colors },
    );
    out.write(`\r${line}\x1b[K`);
    drawn = true;
  };

  return {
    onEvidence(event) {
      if (stopped) return;
      if (event.type === "start") {
        total++;
        running.set(event.key, `${sourceOf(event.spec)} (${event.spec.kind})`);
      } else {
        done++;
        running.delete(event.key);
      }
      if (timer !== undefined) return;
      // Every piece starts in the same tick: drawn after it, the first line already has the total.
      first = setImmediate(draw);
      timer = setInterval(draw, REDRAW_MS);
      // A progress line must never keep the process alive.
      timer.unref();
      first.unref();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearImmediate(first);
      clearInterval(timer);
      if (drawn) out.write(CLEAR_LINE);
    },
  };
}
