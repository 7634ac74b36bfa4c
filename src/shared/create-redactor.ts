/**
 * Hides secrets in text: every form an output may carry a secret in, not only the value as it is.
 *
 * A secret is hidden as written, upper- and lower-cased (in any mixture of cases), URL-encoded
 * (encodeURIComponent, encodeURI and form encoding, with hex digits in either case), escaped for JSON
 * and HTML, and in base64 (standard and URL-safe, padded or not) alone or inside a longer encoded
 * text, such as the `user:token` of a basic-auth header: there the whole encoded word is hidden.
 *
 * Values shorter than MIN_SECRET_LENGTH are not hidden: a four-character password would hide every
 * word and number that happens to contain it, and outputs would turn to asterisks.
 */
export type Redact = (text: string, options?: { cut?: boolean }) => string;

/** The shortest value hidden; shorter ones would hide ordinary words and numbers everywhere. */
export const MIN_SECRET_LENGTH = 6;
/** What a hidden secret reads as. */
export const REDACTED = "***";
/** The shortest beginning of a secret hidden at the end of text that was cut off. */
const MIN_CUT_PREFIX = 4;
/** Each pass may join text around a replacement into a new match (a secret holding "***"): repeat, a few times. */
const MAX_PASSES = 4;
/** The characters of a base64 word, either alphabet. */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * A function hiding each of `secrets` (see above) in the text it is given. With `cut: true`, the text
 * was cut off at its end, and a beginning of a secret there (four characters or more) is hidden too.
 */
export function createRedactor(secrets: readonly string[]): Redact {
  const values = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (values.length === 0) return (text) => text;
  const literal = [...new Set(values.flatMap(literalForms))].sort(longestFirst);
  const encoded = [...new Set(values.flatMap(base64Cores))].sort(longestFirst);
  // Case-insensitive: a secret upper-cased, or its percent escapes in lower-case hex, are the same secret.
  const literalPattern = new RegExp(literal.map(escapeRegExp).join("|"), "gi");
  // Case-sensitive, as base64 is.
  const encodedPattern = new RegExp(encoded.map(escapeRegExp).join("|"), "g");
  const lowerLiteral = literal.map((form) => form.toLowerCase());

  return (text, options = {}) => {
    let result = text;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const next = hideEncodedWords(result, encodedPattern).replace(literalPattern, REDACTED);
      if (next === result) break;
      result = next;
    }
    return options.cut ? hideCutPrefix(result, lowerLiteral, encoded) : result;
  };
}

/** Hides each base64 word holding a match of `pattern`: the whole word, so no part of the encoding is left. */
function hideEncodedWords(text: string, pattern: RegExp): string {
  let out = "";
  let done = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let start = match.index;
    let end = start + match[0].length;
    while (start > done && BASE64_CHAR.test(text[start - 1]!)) start--;
    while (end < text.length && BASE64_CHAR.test(text[end]!)) end++;
    while (text[end] === "=") end++;
    out += `${text.slice(done, start)}${REDACTED}`;
    done = end;
    pattern.lastIndex = end;
  }
  return done === 0 ? text : `${out}${text.slice(done)}`;
}

/** The forms of a secret that are text around it, matched without regard to case. */
function literalForms(secret: string): string[] {
  const forms: string[] = [];
  for (const value of new Set([secret, secret.toUpperCase(), secret.toLowerCase()])) {
    forms.push(value, JSON.stringify(value).slice(1, -1), escapeHtml(value), formEncode(value));
    for (const encode of [encodeURIComponent, encodeURI]) {
      try {
        forms.push(encode(value));
      } catch {
        // A lone surrogate cannot be URL-encoded, so it cannot appear URL-encoded either.
      }
    }
  }
  return forms.filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * The part of the base64 of a secret that does not depend on what surrounds it, for each of the three
 * places the secret can start within a 3-byte group, in both alphabets, for the secret as written,
 * upper- and lower-cased. Any base64 text that encodes the secret holds one of these.
 */
function base64Cores(secret: string): string[] {
  const cores: string[] = [];
  const encoder = new TextEncoder();
  for (const value of new Set([secret, secret.toUpperCase(), secret.toLowerCase()])) {
    const bytes = encoder.encode(value);
    for (let offset = 0; offset < 3; offset++) {
      const shifted = new Uint8Array(offset + bytes.length);
      shifted.set(bytes, offset);
      // Character k carries bits 6k..6k+5 of the stream; keep those made of the secret's bits only.
      const first = Math.ceil((8 * offset) / 6);
      const last = Math.floor((8 * (offset + bytes.length)) / 6);
      const core = toBase64(shifted).slice(first, last);
      if (core.length >= MIN_SECRET_LENGTH) cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return cores;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 without padding (the characters of a last partial group are filled with zero bits). */
function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(chunk >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** application/x-www-form-urlencoded, as a form or URLSearchParams writes a value. */
function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Text cut off in the middle of a secret ends with its beginning: hide the longest such ending. */
function hideCutPrefix(text: string, lowerLiteral: readonly string[], encoded: readonly string[]): string {
  const lower = text.toLowerCase();
  let longest = 0;
  const consider = (subject: string, form: string) => {
    for (let length = Math.min(form.length - 1, subject.length); length > longest; length--) {
      if (length < MIN_CUT_PREFIX) return;
      if (subject.endsWith(form.slice(0, length))) {
        longest = length;
        return;
      }
    }
  };
  for (const form of lowerLiteral) consider(lower, form);
  for (const form of encoded) consider(text, form);
  return longest === 0 ? text : `${text.slice(0, text.length - longest)}${REDACTED}`;
}

function longestFirst(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
