import assert from "node:assert/strict";
import { test } from "node:test";
import { renderScoreGauge } from "./render-score-gauge.js";

test("the threshold's tick is labelled beside it, and the gauge says score and threshold to a screen reader", () => {
  const anchors = [10, 50, 90].map((threshold) => {
    const svg = renderScoreGauge({
      score: 77.9,
      threshold,
      color: "#fe7d37",
      band: "In Progress",
    }).toString();
    assert.match(svg, new RegExp(`aria-label="Score 77\\.9%, In Progress; threshold ${threshold}%"`));
    assert.match(svg, new RegExp(`<text class="gauge-label" [^>]*>threshold ${threshold}%</text>`));
    return /text-anchor="(\w+)">threshold/.exec(svg)![1];
  });
  // The label runs away from the tick: from a tick on the left rightwards, on the right leftwards.
  assert.deepEqual(anchors, ["start", "middle", "end"]);
});
