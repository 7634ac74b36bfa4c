import { resolve } from "node:path";
import { EvidenceError } from "../errors.js";
import type { CommandSpec, EvidenceResult } from "./types.js";
import type { Outcome } from "../types.js";
import { describeDuration } from "./describe-duration.js";
import type { EvidenceContext } from "./evidence-context.js";
import { commandEnvironment } from "./core/command-environment.js";

const KEEP_LINES = 20;
const MAX_SOURCE_CHARS = 200;

/** Runs the command and judges it by its exit code; the last lines of output come along as details. */
export async function collectCommand(spec: CommandSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const source =
    spec.run.length > MAX_SOURCE_CHARS ? `${spec.run.slice(0, MAX_SOURCE_CHARS - 1)}…` : spec.run;
  const answer = (outcome: Outcome, message?: string, details: string[] = []): EvidenceResult => ({
    outcome,
    provenance: {
      kind: "command",
      source,
      observedAt: context.clock.now().toISOString(),
      ...(message !== undefined && { message }),
    },
    details,
  });

  const cwd = resolve(context.root, spec.cwd ?? ".");
  if (!(await context.files.exists(cwd))) {
    return answer(
      "inconclusive",
      `the folder ${spec.cwd ?? cwd} does not exist; fix cwd in shipready.yml or create the folder`,
    );
  }

  let result;
  try {
    result = await context.shell.run(spec.run, {
      cwd,
      // The safe base and what the evidence names: never the token or a webhook unless named.
      env: commandEnvironment(context.env, spec.env ?? []),
      timeoutMs: spec.timeoutMs,
      signal: context.signal,
      keepLines: KEEP_LINES,
      redact: context.redact,
    });
  } catch (error) {
    if (error instanceof EvidenceError) {
      return answer("inconclusive", error.fix ? `${error.message}; ${error.fix}` : error.message);
    }
    throw error;
  }

  const tail = result.tail;
  if (result.timedOut) {
    return answer(
      "inconclusive",
      `did not finish within ${describeDuration(spec.timeoutMs)}; make it faster or raise its timeout in shipready.yml`,
      tail,
    );
  }
  if (result.exitCode === null) {
    if (context.signal.aborted) return answer("inconclusive", "stopped before it finished", tail);
    return answer("fail", `was killed by ${result.signal ?? "a signal"}${lastLine(tail)}`, tail);
  }
  if (result.exitCode === 0) return answer("pass", undefined, tail);
  const code = `exited with code ${result.exitCode}${result.exitCode === 127 ? " (command not found)" : ""}`;
  if (spec.warnExitCodes?.includes(result.exitCode)) {
    return answer("warn", `${code}, which counts as a warning${lastLine(tail)}`, tail);
  }
  return answer("fail", `${code}${lastLine(tail)}`, tail);
}

/** The last line the command printed, as the end of a message; people see why it failed at a glance. */
function lastLine(tail: string[]): string {
  const line = tail.findLast((text) => text.trim() !== "");
  return line === undefined ? " and printed nothing" : `: ${line.trim()}`;
}
