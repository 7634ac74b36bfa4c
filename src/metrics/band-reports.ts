import dora2021 from "./bands/dora-2021.json" with { type: "json" };
import dora2022 from "./bands/dora-2022.json" with { type: "json" };
import dora2023 from "./bands/dora-2023.json" with { type: "json" };
import dora2024 from "./bands/dora-2024.json" with { type: "json" };
import { bandReportSchema } from "./core/band-schema.js";
import type { BandReport } from "./types.js";

/** The DORA reports whose bands ship in src/metrics/bands/, oldest first: data, each cell with its source. */
export const BAND_REPORTS: readonly BandReport[] = [dora2021, dora2022, dora2023, dora2024]
  .map((data) => bandReportSchema.parse(data) as BandReport)
  .sort((a, b) => a.year - b.year);

/** The report `--report` names (2024 or dora-2024); the latest when null; null when none matches. */
export function pickBandReport(asked: string | null): BandReport | null {
  if (asked === null) return BAND_REPORTS.at(-1)!;
  const wanted = asked.trim().toLowerCase();
  return BAND_REPORTS.find((r) => r.id === wanted || String(r.year) === wanted) ?? null;
}
