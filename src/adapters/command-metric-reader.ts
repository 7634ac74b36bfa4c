import type { MetricReader } from "../deploy/ports.js";
import type { Sample } from "../deploy/types.js";
import { EvidenceError } from "../errors.js";
import { commandEnvironment } from "../evidence/core/command-environment.js";
import type { Shell } from "../ports.js";
import type { Redact } from "../shared/create-redactor.js";

/**
 * A command as a metric, run through the Shell port (its own process group, a timeout, output
 * redacted as it is read): a number alone on its last line of output is the sample, when it exits
 * 0; with no number, the exit status is (0 -> 1, passed; anything else -> 0, failed). A command
 * killed at its timeout or by an abort gives no data. Commands keep no history: range() is empty.
 *
 * The command gets the safe base environment of command evidence (PATH, HOME, locale, CI and the
 * like; no tokens) and the variables `vars` adds (the environment's, from shipready.yml).
 */
export interface CommandMetricReaderOptions {
  shell: Shell;
  env: Readonly<Record<string, string | undefined>>;
  /** Folder commands run in when their source names none (shipready.yml's folder). */
  cwd: string;
  vars?: Readonly<Record<string, string>>;
  redact?: Redact;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const KEEP_LINES = 5;

export function createCommandMetricReader(options: CommandMetricReaderOptions): MetricReader {
  return {
    async sample(source, sampleOptions) {
      const at = () => new Date().toISOString();
      if (source.kind !== "command")
        return { at: at(), value: null, note: `not a command source (${source.kind})` };
      let result;
      try {
        result = await options.shell.run(source.run, {
          cwd: source.cwd ?? options.cwd,
          env: { ...commandEnvironment(options.env, []), ...options.vars },
          timeoutMs: source.timeoutMs,
          keepLines: KEEP_LINES,
          ...(sampleOptions.signal && { signal: sampleOptions.signal }),
          ...(options.redact && { redact: options.redact }),
        });
      } catch (error) {
        if (!(error instanceof EvidenceError)) throw error;
        return { at: at(), value: null, note: error.message };
      }
      return { at: at(), ...readOutcome(result.exitCode, result.timedOut, result.tail, source.timeoutMs) };
    },
    async range() {
      return [];
    },
    async check() {
      // Running the command to check it could change something; it is judged when sampled.
      return null;
    },
  };
}

/** The sample a finished command gives (see above). */
export function readOutcome(
  exitCode: number | null,
  timedOut: boolean,
  tail: readonly string[],
  timeoutMs: number,
): Omit<Sample, "at"> {
  if (timedOut) return { value: null, note: `timed out after ${timeoutMs} ms` };
  if (exitCode === null) return { value: null, note: "stopped before it finished" };
  const last =
    [...tail]
      .reverse()
      .find((line) => line.trim() !== "")
      ?.trim() ?? "";
  if (exitCode === 0 && NUMBER.test(last)) return { value: Number(last) };
  if (exitCode === 0) return { value: 1 };
  return { value: 0, note: `exited ${exitCode}${last ? `: ${last.slice(0, 120)}` : ""}` };
}
