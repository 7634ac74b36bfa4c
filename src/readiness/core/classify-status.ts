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

const WORDS: Readonly<Record<string, Written>> = {
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
  blocked: "fail",
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
  paused: "pending",
  "on hold": "pending",
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
  // A dash alone in a status cell: the row has no such step.
  "-": "n/a",
  "–": "n/a",
  "—": "n/a",
  // A few other languages, for checklists not written in English.
  通过: "pass",
  完成: "pass",
  成功: "pass",
  失败: "fail",
  进行中: "pending",
  待定: "pending",
  未开始: "pending",
  hecho: "pass",
  completado: "pass",
  listo: "pass",
  aprobado: "pass",
  fallido: "fail",
  fallo: "fail",
  pendiente: "pending",
  "en progreso": "pending",
  réussi: "pass",
  terminé: "pass",
  fait: "pass",
  échoué: "fail",
  échec: "fail",
  "en cours": "pending",
  "en attente": "pending",
  superato: "pass",
  completato: "pass",
  fatto: "pass",
  fallito: "fail",
  "in corso": "pending",
  "in attesa": "pending",
};

// Emoji compared after variation selectors are removed.
const EMOJI: Readonly<Record<string, Written>> = {
  "🟢": "pass",
  "✅": "pass",
  "✔": "pass",
  "✓": "pass",
  "☑": "pass",
  "🟩": "pass",
  "🔴": "fail",
  "❌": "fail",
  "✖": "fail",
  "✗": "fail",
  "✘": "fail",
  // A crossed box is a box struck out, not ticked: read as fail, never as a pass.
  "☒": "fail",
  "⛔": "fail",
  "🚫": "fail",
  "🟥": "fail",
  "🟡": "pending",
  "⏳": "pending",
  "⌛": "pending",
  "🚧": "pending",
  "🟨": "pending",
  "☐": "pending",
  "⏸": "pending",
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

const EMOJI_KEYS = Object.keys(EMOJI);

/** Words a team adds to the vocabulary (`statuses:` in shipready.yml), by the outcome they mean. */
export type StatusWords = Partial<Record<"pass" | "fail" | "pending" | "warn" | "n/a", readonly string[]>>;

/** The status vocabulary: the built-in words and emoji, plus a team's own words. */
export interface StatusVocabulary {
  words: Readonly<Record<string, Written>>;
  /** The words, longest first, so "in progress" is tried before "in". */
  phrases: readonly string[];
}

function vocabularyOf(words: Readonly<Record<string, Written>>): StatusVocabulary {
  return { words, phrases: Object.keys(words).sort((a, b) => b.length - a.length) };
}

const DEFAULT_VOCABULARY = vocabularyOf(WORDS);

/** The built-in vocabulary with a team's words added (theirs win where both name a word). */
export function statusVocabulary(extra: StatusWords | undefined): StatusVocabulary {
  if (!extra) return DEFAULT_VOCABULARY;
  const words: Record<string, Written> = { ...WORDS };
  for (const [outcome, list] of Object.entries(extra) as [Written, readonly string[]][]) {
    for (const word of list) words[word.toLowerCase().replace(/\s+/g, " ").trim()] = outcome;
  }
  return vocabularyOf(words);
}

/**
 * Splits the status emoji, glyphs and shortcodes a text starts with from the rest ("✅ Build" →
 * "✅", "Build"); null when it does not start with one.
 */
export function splitLeadingStatus(text: string): { symbols: string; rest: string } | null {
  let rest = removeVariationSelectors(expandShortcodes(text)).trimStart();
  let symbols = "";
  for (;;) {
    const emoji = EMOJI_KEYS.find((e) => rest.startsWith(e));
    if (!emoji) break;
    symbols += emoji;
    rest = rest.slice(emoji.length).trimStart();
  }
  return symbols === "" ? null : { symbols, rest };
}

/** True when the text shows a status emoji, glyph or shortcode anywhere. */
export function showsStatusSymbol(text: string): boolean {
  const plain = removeVariationSelectors(expandShortcodes(text));
  return EMOJI_KEYS.some((e) => plain.includes(e));
}

/** Reads a written status: emoji and words, case-insensitive; unknown words are reported, not guessed. */
export function classifyStatus(
  text: string,
  vocabulary: StatusVocabulary = DEFAULT_VOCABULARY,
): StatusReading {
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
    const phrase = vocabulary.phrases.find((p) => words === p || startsWithWord(words, p));
    if (phrase) said.add(vocabulary.words[phrase]!);
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
  // A dash means n/a only on its own ("- see notes" is not a status).
  if (phrase.length === 1 || !text.startsWith(phrase)) return false;
  const next = text.charAt(phrase.length);
  // The status word must end at a separator: "PASS (3 retries)" reads, "PASSPORT" does not.
  return /[\s(\-—–:,.;!]/.test(next);
}
