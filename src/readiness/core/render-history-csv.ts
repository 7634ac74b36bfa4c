import { formatCsv } from "../../shared/format-csv-field.js";
import type { HistoryRecord } from "../types.js";

const FIXED_COLUMNS = ["timestamp", "score", "band", "ready", "threshold", "coverage", "blockers", "commit"];

/**
 * The history as CSV (RFC 4180, `\n` line ends): the fixed columns, then one score column per
 * category in the order categories first appear. Text that a spreadsheet would run as a formula
 * gets a leading `'`, because gate and band names can come from anyone who edits the checklist.
 */
export function renderHistoryCsv(records: HistoryRecord[]): string {
  const categoryNames: string[] = [];
  for (const record of records) {
    for (const category of record.categories) {
      if (!categoryNames.includes(category.name)) categoryNames.push(category.name);
    }
  }
  const rows: string[][] = [[...FIXED_COLUMNS, ...categoryNames]];
  for (const record of records) {
    const scores = new Map(record.categories.map((category) => [category.name, category.score]));
    rows.push([
      record.at,
      String(record.score),
      record.band,
      String(record.ready),
      String(record.threshold),
      String(record.coverage),
      String(record.blockers),
      record.commit ?? "",
      ...categoryNames.map((name) => {
        const score = scores.get(name);
        return score === undefined || score === null ? "" : String(score);
      }),
    ]);
  }
  return formatCsv(rows);
}
