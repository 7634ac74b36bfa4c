/**
 * A window's verdict from its samples, as they come.
 *
 * Each sample meets the judgement's bound (value >= min and <= max), misses it, or has no value
 * (no data: an unreachable source, an empty query). No data counts as neither. With `expected`
 * samples in the window and `share` of them required to meet the bound:
 *
 *   needed  = ceil(share x expected)   samples that must meet the bound
 *   allowed = expected - needed        samples that may miss it
 *
 * - fail: more than `allowed` samples missed the bound. Missing samples are evidence, whatever
 *   else the window holds, so this is decided the moment it happens (fail fast).
 * - pass: at least `needed` samples met the bound, and at least one sample had data. Counting only
 *   real passes means no data can never make up a pass.
 * - inconclusive: neither. It happens only when samples without data stood where passes were
 *   needed: had each of them been a pass the window might have passed, had each been a miss it
 *   might have failed. In other words, the share of samples with data was too low to decide.
 *
 * A verdict is final as soon as no run of the samples still to come can change it: a fail at once;
 * an inconclusive once neither pass nor fail can be reached any more; a pass once it is certain,
 * but only with `passEarly` (by default a pass waits for the whole window, so the whole window is
 * observed).
 */
import type { Judgement, Sample, Verdict } from "../types.js";

export type SampleMark = "met" | "missed" | "no-data";

/** Whether one sample meets the judgement's bounds; a sample without a value (or NaN) has no data. */
export function markSample(value: number | null, judgement: Pick<Judgement, "min" | "max">): SampleMark {
  if (value === null || Number.isNaN(value)) return "no-data";
  if (judgement.min !== undefined && !(value >= judgement.min)) return "missed";
  if (judgement.max !== undefined && !(value <= judgement.max)) return "missed";
  return "met";
}

export interface WindowTally {
  expected: number;
  met: number;
  missed: number;
  noData: number;
  /** Samples that must meet the bound for a pass. */
  needed: number;
  /** Samples that may miss it before the window fails. */
  allowed: number;
}

export interface WindowJudgement extends WindowTally {
  /** The verdict the samples so far give; null while the samples to come could still decide it. */
  verdict: Verdict | null;
  /** True when the verdict came before every expected sample was taken. */
  early: boolean;
}

/** Shares are written as decimals (0.99); a tolerance keeps 0.07 x 100 from needing 8 samples. */
const EPSILON = 1e-9;

export function neededSamples(share: number, expected: number): number {
  return Math.min(expected, Math.max(0, Math.ceil(share * expected - EPSILON)));
}

export function tallyWindow(
  samples: readonly Pick<Sample, "value">[],
  judgement: Judgement,
  expected: number,
): WindowTally {
  const tally = { met: 0, missed: 0, "no-data": 0 };
  for (const sample of samples.slice(0, expected)) tally[markSample(sample.value, judgement)]++;
  const needed = neededSamples(judgement.share, expected);
  return {
    expected,
    met: tally.met,
    missed: tally.missed,
    noData: tally["no-data"],
    needed,
    allowed: expected - needed,
  };
}

/**
 * The verdict of a window of `expected` samples of which `samples` (in order) are taken so far.
 * Samples beyond `expected` are not counted.
 */
export function judgeWindow(
  samples: readonly Pick<Sample, "value">[],
  judgement: Judgement,
  expected: number,
  options: { passEarly?: boolean } = {},
): WindowJudgement {
  const tally = tallyWindow(samples, judgement, expected);
  const taken = tally.met + tally.missed + tally.noData;
  const remaining = expected - taken;
  const early = remaining > 0;
  const verdict = (v: Verdict | null): WindowJudgement => ({
    ...tally,
    verdict: v,
    early: v !== null && early,
  });

  if (tally.missed > tally.allowed) return verdict("fail");
  const passed = tally.met >= tally.needed && tally.met + tally.missed > 0;
  if (passed && (remaining === 0 || options.passEarly)) return verdict("pass");
  if (remaining === 0) return verdict("inconclusive");
  // Neither a fail (too many misses to come) nor a pass (enough passes, or any data at all) can
  // still be reached: the window cannot end otherwise than inconclusive.
  const failReachable = tally.missed + remaining > tally.allowed;
  const passReachable = tally.met + remaining >= Math.max(tally.needed, 1);
  if (!failReachable && !passReachable && !passed) return verdict("inconclusive");
  return verdict(null);
}
