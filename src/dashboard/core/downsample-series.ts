/**
 * Which points of a series to draw so that `target` of them keep its shape: largest-triangle-three-
 * buckets over the older points, the newest `keepNewest` exact, and the overall lowest and highest
 * point always kept, so a dip or a peak never vanishes from the chart. Returns ascending indices into
 * `ys` (x is taken from `xs`, which must ascend). Series no longer than `target` are kept whole.
 */
export function downsampleSeries(
  xs: readonly number[],
  ys: readonly number[],
  target: number,
  keepNewest = 0,
): number[] {
  const length = ys.length;
  if (length <= target || target < 3) return Array.from({ length }, (_, i) => i);
  const newest = Math.min(Math.max(0, keepNewest), target - 3);
  const end = length - newest;
  const chosen = largestTriangleThreeBuckets(xs, ys, end, target - newest);
  for (let i = end; i < length; i++) chosen.push(i);
  let lowest = 0;
  let highest = 0;
  for (let i = 1; i < length; i++) {
    if (ys[i]! < ys[lowest]!) lowest = i;
    if (ys[i]! > ys[highest]!) highest = i;
  }
  const kept = new Set(chosen);
  kept.add(lowest);
  kept.add(highest);
  return [...kept].sort((a, b) => a - b);
}

/** LTTB (Steinarsson 2013) over the first `end` points, choosing `target` of them, first and last included. */
function largestTriangleThreeBuckets(
  xs: readonly number[],
  ys: readonly number[],
  end: number,
  target: number,
): number[] {
  if (end <= target) return Array.from({ length: end }, (_, i) => i);
  const chosen = [0];
  const size = (end - 2) / (target - 2);
  let a = 0;
  for (let bucket = 0; bucket < target - 2; bucket++) {
    // The next bucket's average is the third corner of each candidate's triangle.
    const nextStart = Math.floor((bucket + 1) * size) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * size) + 1, end);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xs[i]!;
      avgY += ys[i]!;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(bucket * size) + 1;
    const stop = Math.floor((bucket + 1) * size) + 1;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < stop; i++) {
      const area = Math.abs((xs[a]! - avgX) * (ys[i]! - ys[a]!) - (xs[a]! - xs[i]!) * (avgY - ys[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    chosen.push(best);
    a = best;
  }
  chosen.push(end - 1);
  return chosen;
}
