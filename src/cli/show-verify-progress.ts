import type { Colors } from "picocolors/types.js";
import type { Judgement, Sample } from "../deploy/types.js";
import { renderSampleLine } from "./render-verify-text.js";

export interface VerifyProgressOutput {
  write(text: string): unknown;
}

/**
 * Prints each sample as it comes, one line each: plain lines read the same on a terminal, in a
 * pipe and in CI logs, and a verification lasting minutes shows it is alive. Nothing with --json.
 */
export function showVerifyProgress(
  metrics: readonly { name: string; judgement: Judgement; expected: number }[],
  options: { json?: boolean; out: VerifyProgressOutput; colors: Colors },
): (metric: string, sample: Sample) => void {
  if (options.json) return () => undefined;
  const byName = new Map(metrics.map((m) => [m.name, { ...m, taken: 0 }]));
  const nameWidth = Math.max(6, ...metrics.map((m) => m.name.length));
  return (name, sample) => {
    const metric = byName.get(name);
    if (!metric) return;
    metric.taken++;
    options.out.write(
      `${renderSampleLine(metric, sample, { taken: metric.taken, expected: metric.expected, nameWidth }, options.colors)}\n`,
    );
  };
}
