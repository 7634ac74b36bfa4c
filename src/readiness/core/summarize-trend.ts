import type { HistoryRecord, Trend } from "../types.js";

// A change smaller than this shows as flat: scores carry one decimal, so anything below is rounding noise.
const FLAT_BELOW = 0.05;

/**
 * The trend of the recorded scores, as the seed updater's `get_trend` reported it: the latest score,
 * the change from the run before, and the mean over the last `window` runs. `Trend.window` is the
 * number of runs actually averaged (fewer than asked for while the history is short). null with no runs.
 */
export function summarizeTrend(records: HistoryRecord[], window: number): Trend | null {
  const last = records.at(-1);
  if (!last) return null;
  const current = last.score;
  const previous = records.at(-2)?.score ?? null;
  const size = Math.min(records.length, Math.max(1, Math.floor(window)));
  const recent = records.slice(-size);
  const average = roundOne(recent.reduce((sum, record) => sum + record.score, 0) / recent.length);
  return { current, previous, ...changeBetween(previous, current), average, window: size };
}

/** The change from `previous` to `current` at one decimal, with its direction; flat without a previous score. */
export function changeBetween(
  previous: number | null,
  current: number,
): Pick<Trend, "change" | "direction" | "arrow"> {
  const change = previous === null ? null : roundOne(current - previous);
  if (change === null || Math.abs(change) < FLAT_BELOW) return { change, direction: "flat", arrow: "→" };
  return change > 0 ? { change, direction: "up", arrow: "↑" } : { change, direction: "down", arrow: "↓" };
}

/** Rounds half away from zero to one decimal; the nudge keeps 87.45 - 87.4 from landing on 0.04999. */
function roundOne(value: number): number {
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
  return rounded === 0 ? 0 : rounded;
}
