import type { HistoryRecord } from "../types.js";

/** One entry of the seed updater's `.cache/readiness.json`, as its `cache.py` writes it. */
export interface SeedCacheEntry {
  /** Local-less `datetime.isoformat()`: `YYYY-MM-DDTHH:MM:SS`, read as UTC. */
  timestamp: string;
  score: number;
  status: string;
  core_score: number | null;
  optional_score: number | null;
  deployment_score: number | null;
  signoff_score: number | null;
  blockers_count: number;
}

type SeedCategoryKey = "core_score" | "optional_score" | "deployment_score" | "signoff_score";

// The seed's four fixed categories, named as shipready's default scheme names them.
const SEED_CATEGORIES: readonly { key: SeedCategoryKey; name: string }[] = [
  { key: "core_score", name: "Core Gates" },
  { key: "optional_score", name: "Optional Gates" },
  { key: "deployment_score", name: "Deployment Automation" },
  { key: "signoff_score", name: "Final Sign-Off" },
];

const SEED_BANDS: Record<string, string> = {
  release_ready: "Release Ready",
  nearly_ready: "Nearly Ready",
  minor_blockers: "Minor Blockers",
  in_progress: "In Progress",
  not_ready: "Not Ready",
};

// The seed gated CI at 90% and recorded no verdict of its own, so an imported run is ready at 90+.
const SEED_THRESHOLD = 90;

const SEED_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads the seed updater's cache (the parsed JSON of `.cache/readiness.json`) into history records
 * for `checklist`. Nothing is thrown for bad entries: each becomes a problem `entry N: ...` with N
 * counted from 1, and the entry is left out. The seed knew no gate counts, commit or coverage, so
 * categories carry `passed`/`total` 0, `commit` is null and coverage is 100.
 */
export function importSeedCache(
  json: unknown,
  checklist: string,
): { records: HistoryRecord[]; problems: string[] } {
  if (!Array.isArray(json)) {
    return {
      records: [],
      problems: [
        `the seed cache holds ${describe(json)}, not a list of runs: expected a JSON array like ` +
          `[{"timestamp": "2024-12-15T09:00:00", "score": 87.5, ...}]`,
      ],
    };
  }
  const records: HistoryRecord[] = [];
  const problems: string[] = [];
  json.forEach((entry: unknown, index) => {
    const result = readEntry(entry, checklist);
    if (typeof result === "string") problems.push(`entry ${index + 1}: ${result}`);
    else records.push(result);
  });
  return { records, problems };
}

/** Writes history records in the seed updater's cache shape, so its `get_trend` and CSV export still work. */
export function exportSeedCache(records: HistoryRecord[]): SeedCacheEntry[] {
  return records.map((record) => {
    const scoreOf = (name: string): number | null =>
      record.categories.find((category) => category.name === name)?.score ?? null;
    return {
      timestamp: formatSeedTimestamp(record.at),
      score: record.score,
      status: seedStatus(record.band),
      core_score: scoreOf("Core Gates"),
      optional_score: scoreOf("Optional Gates"),
      deployment_score: scoreOf("Deployment Automation"),
      signoff_score: scoreOf("Final Sign-Off"),
      blockers_count: record.blockers,
    };
  });
}

/** The entry as a record, or what is wrong with it. */
function readEntry(entry: unknown, checklist: string): HistoryRecord | string {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return `expected an object like {"timestamp": ..., "score": ...}, found ${describe(entry)}`;
  }
  const fields = entry as Record<string, unknown>;
  const wrong: string[] = [];

  const at = typeof fields.timestamp === "string" ? parseSeedTimestamp(fields.timestamp) : null;
  if (at === null) {
    wrong.push(
      `"timestamp" is ${describe(fields.timestamp)}, expected a date-time like "2024-12-15T09:00:00"`,
    );
  }
  const score = fields.score;
  if (!isPercent(score)) wrong.push(`"score" is ${describe(score)}, expected a number from 0 to 100`);

  const status = fields.status;
  const band = typeof status === "string" ? SEED_BANDS[statusKey(status)] : undefined;
  if (band === undefined) {
    wrong.push(`"status" is ${describe(status)}, expected one of ${Object.keys(SEED_BANDS).join(", ")}`);
  }
  const blockers = fields.blockers_count;
  if (typeof blockers !== "number" || !Number.isInteger(blockers) || blockers < 0) {
    wrong.push(`"blockers_count" is ${describe(blockers)}, expected a whole number of 0 or more`);
  }

  const categories: HistoryRecord["categories"] = [];
  for (const { key, name } of SEED_CATEGORIES) {
    // Absent means the seed did not record it; a category is only listed when the entry had it.
    if (!(key in fields)) continue;
    const value = fields[key];
    if (value === null || isPercent(value)) categories.push({ name, score: value, passed: 0, total: 0 });
    else wrong.push(`"${key}" is ${describe(value)}, expected a number from 0 to 100 or null`);
  }

  if (
    wrong.length > 0 ||
    at === null ||
    !isPercent(score) ||
    band === undefined ||
    typeof blockers !== "number"
  ) {
    return wrong.join("; ");
  }
  return {
    v: 1,
    at,
    checklist,
    commit: null,
    score,
    band,
    ready: score >= SEED_THRESHOLD,
    threshold: SEED_THRESHOLD,
    coverage: 100,
    blockers,
    categories,
    origin: "import",
  };
}

/** The timestamp as an ISO string in UTC; one without a zone is taken as UTC. null when it is no date. */
function parseSeedTimestamp(text: string): string | null {
  const match = SEED_TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = "0", fraction = "", zone = "Z"] = match;
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  const date = new Date(utc);
  // Date.UTC rolls 2024-02-30 over into March; a date that rolled over was not a real one.
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day) ||
    date.getUTCHours() !== Number(hour) ||
    date.getUTCMinutes() !== Number(minute) ||
    date.getUTCSeconds() !== Number(second)
  ) {
    return null;
  }
  return new Date(utc - zoneOffsetMinutes(zone) * 60_000).toISOString();
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone.startsWith("-") ? -minutes : minutes;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC, the seed's own format (no zone, no fraction). */
function formatSeedTimestamp(at: string): string {
  const time = Date.parse(at);
  return Number.isNaN(time) ? at : new Date(time).toISOString().slice(0, 19);
}

/** "Minor Blockers" or "minor-blockers" -> "minor_blockers", the seed's spelling. */
function statusKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** "Minor Blockers" -> "minor_blockers"; custom band names follow the same rule. */
function seedStatus(band: string): string {
  const known = Object.entries(SEED_BANDS).find(([, name]) => name === band);
  if (known) return known[0];
  return band
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
}

function isPercent(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 100;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
