import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "jsonc-parser";
import { setFlagdVariant } from "./set-flagd-variant.js";
import { setEnvLine } from "./set-env-line.js";

const FLAGS = `{
    "$schema": "https://flagd.dev/schema/v0/flags.json",
    // the kill switch
    "flags": {
        "new-checkout": {
            "state": "ENABLED",
            "variants": { "on": true, "off": false },
            "defaultVariant": "on"
        },
        "beta": { "state": "ENABLED", "variants": { "on": true, "off": false } }
    }
}
`;

test("flagd: only the flag's defaultVariant changes; every other byte is kept", () => {
  const edit = setFlagdVariant(FLAGS, "new-checkout", "off");
  assert.ok(edit.ok);
  assert.equal(edit.was, "on");
  assert.equal(edit.text, FLAGS.replace('"defaultVariant": "on"', '"defaultVariant": "off"'));
  const crlf = setFlagdVariant(FLAGS.replace(/\n/g, "\r\n"), "new-checkout", "off");
  assert.ok(crlf.ok && !/[^\r]\n/.test(crlf.text));
});

test("flagd: a flag without a defaultVariant gets one, indented as its neighbours", () => {
  const edit = setFlagdVariant(FLAGS, "beta", "off");
  assert.ok(edit.ok);
  assert.equal(edit.was, null);
  const parsed = parse(edit.text) as { flags: { beta: { defaultVariant: string } } };
  assert.equal(parsed.flags.beta.defaultVariant, "off");
  assert.ok(edit.text.includes('"new-checkout"'));
});

test("flagd: a file that is not JSON, an unknown flag, an unknown variant are refused saying which", () => {
  assert.deepEqual(setFlagdVariant("not json", "x", "off"), {
    ok: false,
    problem: "is not a flagd flag file: it does not hold one JSON object",
  });
  const unknown = setFlagdVariant(FLAGS, "nope", "off");
  assert.ok(!unknown.ok && /no flag "nope" \(it defines new-checkout, beta\)/.test(unknown.problem));
  const variant = setFlagdVariant(FLAGS, "new-checkout", "maybe");
  assert.ok(!variant.ok && /no variant "maybe".*\(it has on, off\)/.test(variant.problem));
});

test(".env: the key's line is rewritten in place (export kept), or added at the end", () => {
  const text = "# flags\nexport NEW_CHECKOUT=on # the switch\nOTHER=1\n";
  assert.deepEqual(setEnvLine(text, "NEW_CHECKOUT", "off"), {
    text: "# flags\nexport NEW_CHECKOUT=off\nOTHER=1\n",
    was: "on",
  });
  assert.deepEqual(setEnvLine("A=1", "B", "two words"), { text: 'A=1\nB="two words"\n', was: null });
  assert.deepEqual(setEnvLine("A='x'\r\n", "A", "y"), { text: "A=y\r\n", was: "x" });
  assert.deepEqual(setEnvLine("", "A", "1"), { text: "A=1\n", was: null });
});
