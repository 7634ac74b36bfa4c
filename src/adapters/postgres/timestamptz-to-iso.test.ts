import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { timestamptzToIso } from "./timestamptz-to-iso.js";

test("a time printed in UTC becomes the ISO text JavaScript prints, whatever digits of the fraction PostgreSQL keeps", () => {
  assert.equal(timestamptzToIso("2026-03-02 10:15:00+00"), "2026-03-02T10:15:00.000Z");
  assert.equal(timestamptzToIso("2026-03-02 10:15:00.1+00"), "2026-03-02T10:15:00.100Z");
  assert.equal(timestamptzToIso("2026-03-02 10:15:00.12+00"), "2026-03-02T10:15:00.120Z");
  assert.equal(timestamptzToIso("2026-03-02 10:15:00.123+00"), "2026-03-02T10:15:00.123Z");
});

test("a time printed in another zone is read with its offset", () => {
  assert.equal(timestamptzToIso("2026-03-02 11:15:00.5+01"), "2026-03-02T10:15:00.500Z");
  assert.equal(timestamptzToIso("2026-03-02 04:45:00-05:30"), "2026-03-02T10:15:00.000Z");
});

test("any millisecond time, printed as PostgreSQL prints it in UTC, reads back as the same instant", () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
      const iso = new Date(ms).toISOString();
      // PostgreSQL drops trailing zeros of the fraction, and the fraction when it is zero.
      const fraction = iso.slice(20, 23).replace(/0+$/, "");
      const printed = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ""}+00`;
      assert.equal(timestamptzToIso(printed), iso);
    }),
  );
});
