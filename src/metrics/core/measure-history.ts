import type { BandReport, MetricsReport } from "../types.js";
import { classifyHistory, type HistoryInput } from "./classify-history.js";
import { computeMetrics, explainHistory } from "./compute-metrics.js";

export interface MeasureOptions {
  repo: string;
  environment: string;
  minSample: number;
  bands: BandReport;
  explain: boolean;
}

/** Classifies a history and measures it: the whole report a metrics run prints. */
export function measureHistory(input: HistoryInput, options: MeasureOptions): MetricsReport {
  const history = classifyHistory(input);
  const { metrics, weeks } = computeMetrics(
    history,
    { since: input.since, until: input.until },
    options.minSample,
    options.bands,
  );
  const duplicates = history.timeline.entries.filter(
    (e) => e.duplicateOf !== null && e.ms >= input.since && e.ms < input.until,
  );
  const warnings = [...history.warnings];
  if (duplicates.length > 0) {
    warnings.push(
      `${duplicates.length} deploy${duplicates.length === 1 ? " was" : "s were"} reported by two sources and counted once (--explain lists them).`,
    );
  }
  const report: MetricsReport = {
    repo: options.repo,
    environment: options.environment,
    matches: [...input.matches],
    period: {
      since: new Date(input.since).toISOString(),
      until: new Date(input.until).toISOString(),
      days: (input.until - input.since) / 86_400_000,
    },
    report: { id: options.bands.id, title: options.bands.title, url: options.bands.source.url },
    minSample: options.minSample,
    metrics,
    weeks,
    skew: history.skew,
    warnings,
  };
  if (options.explain) report.explain = explainHistory(history, input.since, input.until);
  return report;
}
