import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { downsampleSeries } from "./downsample-series.js";

test("a series no longer than the target is kept whole", () => {
  assert.deepEqual(downsampleSeries([1, 2, 3], [5, 6, 7], 10), [0, 1, 2]);
});

test("10,000 points come down to about the target, with the newest kept exact", () => {
  const xs = Array.from({ length: 10_000 }, (_, i) => i);
  const ys = xs.map((i) => 50 + 40 * Math.sin(i / 300));
  const kept = downsampleSeries(xs, ys, 200, 40);
  assert.ok(kept.length >= 200 && kept.length <= 202, `${kept.length} points`);
  assert.deepEqual(kept.slice(-40), xs.slice(-40));
});

test("downsampling keeps the first, the last, the lowest and the highest point, in order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 3000 }),
      fc.integer({ min: 3, max: 300 }),
      fc.integer({ min: 0, max: 50 }),
      (ys, target, newest) => {
        const xs = ys.map((_, i) => i);
        const kept = downsampleSeries(xs, ys, target, newest);
        assert.equal(kept[0], 0);
        assert.equal(kept.at(-1), ys.length - 1);
        assert.ok(kept.includes(ys.indexOf(Math.min(...ys))));
        assert.ok(kept.includes(ys.indexOf(Math.max(...ys))));
        for (let i = 1; i < kept.length; i++) assert.ok(kept[i]! > kept[i - 1]!);
        assert.ok(kept.length <= Math.max(target, 0) + 2 || kept.length === ys.length);
      },
    ),
  );
});
