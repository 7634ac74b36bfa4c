import type { MetricSpec } from "../types.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * The environment variables whose values the metrics' sources send as credentials: those their
 * headers read through ${NAME}, and Sentry's token variable. Their values are to be hidden in every
 * output, whatever the variables are called.
 */
export function metricSecretNames(metrics: readonly MetricSpec[]): string[] {
  const names = new Set<string>();
  for (const { source } of metrics) {
    if (source.kind === "sentry") names.add(source.tokenEnv);
    if (source.kind === "http" || source.kind === "prometheus") {
      for (const template of Object.values(source.headers ?? {})) {
        for (const match of template.matchAll(REFERENCE)) names.add(match[1]!);
      }
    }
  }
  return [...names];
}
