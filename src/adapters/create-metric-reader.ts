import type { MetricReader } from "../deploy/ports.js";
import type { MetricSource } from "../deploy/types.js";
import type { Http, Shell } from "../ports.js";
import type { Redact } from "../shared/create-redactor.js";
import { createCommandMetricReader } from "./command-metric-reader.js";
import { createHttpMetricReader } from "./http-metric-reader.js";
import { createPrometheusReader } from "./prometheus/prometheus-reader.js";
import { createSentryReader } from "./sentry/sentry-reader.js";

export interface MetricReaderPorts {
  http: Http;
  shell: Shell;
  /** The process environment: header templates (${NAME}), Sentry's token, commands' safe base. */
  env: Readonly<Record<string, string | undefined>>;
  /** Folder commands run in when their source names none. */
  cwd: string;
  /** Variables given to commands (the environment's vars: from shipready.yml). */
  vars?: Readonly<Record<string, string>>;
  redact?: Redact;
}

/** One MetricReader for every source kind, each read by its own adapter. */
export function createMetricReader(ports: MetricReaderPorts): MetricReader {
  const readers: Record<MetricSource["kind"], MetricReader> = {
    http: createHttpMetricReader(ports.http, ports.env),
    prometheus: createPrometheusReader(ports.env),
    command: createCommandMetricReader(ports),
    sentry: createSentryReader(ports.env),
  };
  return {
    sample: (source, options) => readers[source.kind].sample(source, options),
    range: (source, options) => readers[source.kind].range(source, options),
    check: (source, options) => readers[source.kind].check(source, options),
  };
}
