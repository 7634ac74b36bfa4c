/**
 * Watching after a deploy (`verify --watch 24h`): a metric is judged over a window that rolls with
 * each sample, the last `size` samples. Before `size` samples exist, the first window is still
 * filling, and it can already fail (its misses exceed what the window allows) but not pass.
 */
import type { Judgement, Sample, Verdict } from "../types.js";
import { judgeWindow, type WindowJudgement } from "./judge-window.js";

export interface RollingWindow {
  /** The latest window's verdict; null while the first window fills and has not failed. */
  verdict: Verdict | null;
  /** Index of the window's first sample in `samples`. */
  from: number;
  judgement: WindowJudgement;
}

export function judgeRollingWindow(
  samples: readonly Pick<Sample, "value">[],
  judgement: Judgement,
  size: number,
): RollingWindow {
  const from = Math.max(0, samples.length - size);
  const window = judgeWindow(samples.slice(from), judgement, size);
  const full = samples.length >= size;
  return {
    verdict: full || window.verdict === "fail" ? window.verdict : null,
    from,
    judgement: window,
  };
}
