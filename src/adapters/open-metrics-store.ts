import { relative } from "node:path";
import type { MetricsStore } from "../metrics/ports.js";
import { isPostgresUrl, parseDatabaseUrl } from "./postgres/parse-database-url.js";

/** The variable whose postgres:// URL puts the metrics in PostgreSQL. */
export const DATABASE_URL_VARIABLE = "SHIPREADY_DATABASE_URL";

/** Which store the metrics commands use, decided before anything is loaded or opened. */
export type MetricsStoreChoice =
  | { kind: "postgres"; url: string; variable: string; label: string }
  | { kind: "sqlite"; file: string; label: string };

/**
 * The one place that picks the metrics store: PostgreSQL when SHIPREADY_DATABASE_URL holds a
 * postgres:// (or postgresql://) URL, else SQLite at metrics.store. A variable that is set but holds
 * no usable URL is refused (exit 2) rather than quietly falling back to SQLite, which would split
 * an organisation's events between two stores. The label shows the URL without its password.
 */
export function chooseMetricsStore(
  env: Readonly<Record<string, string | undefined>>,
  settings: { store: string },
  cwd: string,
): MetricsStoreChoice {
  const url = env[DATABASE_URL_VARIABLE]?.trim() ?? "";
  if (url !== "") {
    // Checked here, so that a malformed URL is refused before pg is loaded.
    const target = parseDatabaseUrl(url, DATABASE_URL_VARIABLE);
    if (isPostgresUrl(url))
      return { kind: "postgres", url, variable: DATABASE_URL_VARIABLE, label: target.label };
  }
  return { kind: "sqlite", file: settings.store, label: relative(cwd, settings.store) || settings.store };
}

/**
 * Opens the chosen store, loading only its client: `pg` for PostgreSQL, the native SQLite addon
 * otherwise, so that commands that keep no metrics load neither.
 */
export async function openMetricsStore(choice: MetricsStoreChoice): Promise<MetricsStore> {
  if (choice.kind === "postgres") {
    const { openPostgresMetricsStore } = await import("./postgres/postgres-metrics-store.js");
    return openPostgresMetricsStore(choice.url, { variable: choice.variable });
  }
  const { openSqliteMetricsStore } = await import("./sqlite/sqlite-metrics-store.js");
  return openSqliteMetricsStore(choice.file);
}
