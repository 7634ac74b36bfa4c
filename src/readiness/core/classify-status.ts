import type { Outcome } from "../../types.js";
import { expandShortcodes, removeVariationSelectors, replacePictographs } from "./emoji.js";

/** What a written status means. `unknown` holds the words that could not be read. */
export interface StatusReading {
  outcome: Outcome | null;
  /** Set when the text holds words that are not in the vocabulary and no emoji decided it. */
  unknown?: string;
  /** Set when the text says two different things (e.g. "🟢 FAIL"); the worse one is taken. */
  conflict?: Outcome[];
  /** Set when the status says WAIVED: a waiver needs a reason, approver and expiry in config. */
  waiverWord?: boolean;
}

// "inconclusive" is what shipready writes for a bound gate whose evidence could not be obtained.
type Written = Exclude<Outcome, "waived">;

const WORDS: Record<string, Written> = {
  pass: "pass",
  passed: "pass",
  passing: "pass",
  ok: "pass",
  okay: "pass",
  done: "pass",
  green: "pass",
  complete: "pass",
  completed: "pass",
  success: "pass",
  fail: "fail",
  failed: "fail",
  failing: "fail",
  failure: "fail",
  red: "fail",
  error: "fail",
  pending: "pending",
  todo: "pending",
  "to do": "pending",
  "in progress": "pending",
  "in-progress": "pending",
  wip: "pending",
  yellow: "pending",
  "not started": "pending",
  scheduled: "pending",
  waiting: "pending",
  warn: "warn",
  warning: "warn",
  partial: "warn",
  orange: "warn",
  "n/a": "n/a",
  na: "n/a",
  "not applicable": "n/a",
  skip: "n/a",
  skipped: "n/a",
  inconclusive: "inconclusive",
  stale: "inconclusive",
  "no evidence": "inconclusive",
};

// Emoji compared after variation selectors are removed.
const EMOJI: Record<string, Written> = {
  "🟢": "pass",
  "✅": "pass",
  "✔": "pass",
  "☑": "pass",
  "🟩": "pass",
  "🔴": "fail",
  "❌": "fail",
  "✖": "fail",
  "⛔": "fail",
  "🟥": "fail",
  "🟡": "pending",
  "⏳": "pending",
  "⌛": "pending",
  "🚧": "pending",
  "🟨": "pending",
  "⚠": "warn",
  "🟠": "warn",
  "🟧": "warn",
  "➖": "n/a",
  "⏭": "n/a",
  "⚪": "inconclusive",
  "❔": "inconclusive",
};

/** Worst first: when a status says two things, the one that scores lower wins. */
const SEVERITY: Written[] = ["fail", "inconclusive", "pending", "warn", "pass", "n/a"];

const PHRASES = Object.keys(WORDS).sort((a, b) => b.length - a.length);
const EMOJI_KEYS = Object.keys(EMOJI);

/** Reads a written status: emoji and words, case-insensitive; unknown words are reported, not guessed. */
export function classifyStatus(text: string): StatusReading {
  let rest = removeVariationSelectors(expandShortcodes(text));
  const said = new Set<Written>();
  for (const emoji of EMOJI_KEYS) {
    if (rest.includes(emoji)) {
      said.add(EMOJI[emoji]!);
      rest = rest.split(emoji).join(" ");
    }
  }
  rest = replacePictographs(rest, " ");
  const words = rest
    .toLowerCase()
    .replace(/[*_`~[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  let waiverWord = false;
  let unknown: string | undefined;
  if (words !== "") {
    const phrase = PHRASES.find((p) => words === p || startsWithWord(words, p));
    if (phrase) said.add(WORDS[phrase]!);
    else if (/^waived\b/.test(words)) waiverWord = true;
    else unknown = words;
  }
  const outcomes = SEVERITY.filter((o) => said.has(o));
  const reading: StatusReading = { outcome: outcomes[0] ?? null };
  if (outcomes.length > 1) reading.conflict = outcomes;
  if (waiverWord) reading.waiverWord = true;
  // Words that decided nothing are worth reporting only when no emoji decided either.
  if (unknown !== undefined && reading.outcome === null) reading.unknown = unknown;
  // An emoji outside the vocabulary (🔵) is as unreadable as an unknown word.
  else if (reading.outcome === null && !waiverWord && text.trim() !== "") reading.unknown = text.trim();
  return reading;
}

function startsWithWord(text: string, phrase: string): boolean {
  if (!text.startsWith(phrase)) return false;
  const next = text.charAt(phrase.length);
  // The status word must end at a separator: "PASS (3 retries)" reads, "PASSPORT" does not.
  return /[\s(\-—–:,.;!]/.test(next);
}
