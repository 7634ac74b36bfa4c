import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { setTimeout as delay } from "node:timers/promises";
import { EvidenceError } from "../errors.js";
import type { CommandResult, Shell } from "../ports.js";
import type { Redact } from "../shared/create-redactor.js";
import { openProcessTree, type Containment, type ProcessTree } from "./process-tree.js";

export interface ShellExecOptions {
  /** How long the command's processes get between SIGTERM and SIGKILL, in milliseconds (default 2000). */
  graceMs?: number;
  /** How long stray background processes may hold the output open after the shell exits (default 500 ms). */
  drainMs?: number;
  /** How the command's processes are kept track of (default: the best this machine allows; see process-tree.ts). */
  containment?: Containment | "auto";
}

/** Kept lines longer than this are cut, so one minified line cannot fill the report. */
const MAX_LINE_CHARS = 500;
/** Raw characters buffered for an unfinished line; room for escape sequences that are stripped later. */
const MAX_RAW_LINE_CHARS = 8 * MAX_LINE_CHARS;
const POLL_MS = 20;
const isWindows = process.platform === "win32";

/**
 * Runs commands through the system shell, each in its own session and process group and, where the
 * system allows, its own cgroup, so that a timeout or Ctrl+C ends all of it, including what left the
 * group (setsid, a double fork). Nothing a command started outlives it: what is still running when
 * the shell ends is stopped too.
 */
export function createShellExec(options: ShellExecOptions = {}): Shell {
  const graceMs = options.graceMs ?? 2000;
  const drainMs = options.drainMs ?? 500;
  const containment = options.containment ?? "auto";
  return {
    run: (command, runOptions) => runCommand(command, { ...runOptions, graceMs, drainMs, containment }),
  };
}

export const shellExec: Shell = createShellExec();

interface RunSettings {
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  keepLines: number;
  redact?: Redact;
  graceMs: number;
  drainMs: number;
  containment: Containment | "auto";
  env: Readonly<Record<string, string>>;
}

async function runCommand(command: string, settings: RunSettings): Promise<CommandResult> {
  const tail = new OutputTail(
    Math.max(0, Math.floor(settings.keepLines)),
    settings.redact ?? ((text) => text),
  );
  const started = performance.now();
  if (settings.signal?.aborted) {
    return { exitCode: null, signal: null, timedOut: false, tail: [], durationMs: 0 };
  }

  const tree = openProcessTree(settings.containment);
  let child: ChildProcess;
  try {
    child = startShell(command, settings, tree);
  } catch (error) {
    tree.release();
    throw error;
  }
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const failedToStart = new Promise<Error>((resolve) => child.once("error", resolve));
  if (child.pid === undefined) {
    tree.release();
    const error = await failedToStart;
    // A missing folder shows up as ENOENT for the shell itself, which would send people looking in the wrong place.
    const reason = existsSync(settings.cwd) ? error.message : "the folder does not exist";
    throw new EvidenceError(
      `could not start the shell in ${settings.cwd}: ${reason}`,
      "check that the folder exists and that the system shell can be run",
    );
  }
  const pid = child.pid;
  // Errors after a successful spawn (a failed kill, a broken pipe) must not crash the run.
  child.on("error", () => {});
  tree.adopt(pid);
  if (tree.holdsStart) letStart(child.stdio[3] as Writable | null);
  collectOutput(child, tail);

  let stopReason: "timeout" | "abort" | null = null;
  let wake: () => void = () => {};
  const stopRequested = new Promise<void>((resolve) => (wake = resolve));
  // setTimeout fires at once for delays beyond 2^31-1 ms; such a timeout means "no limit" in practice.
  const timer = setTimeout(
    () => {
      stopReason ??= "timeout";
      wake();
    },
    Math.min(settings.timeoutMs, 2 ** 31 - 1),
  );
  const onAbort = () => {
    stopReason ??= "abort";
    wake();
  };
  settings.signal?.addEventListener("abort", onAbort, { once: true });

  try {
    const first = await Promise.race([exited, stopRequested.then(() => null)]);
    let durationMs = performance.now() - started;
    if (first === null) {
      await stopTree(tree, pid, settings.graceMs);
      durationMs = performance.now() - started;
    } else if (!(await settlesWithin(closed, settings.drainMs)) || tree.isAlive()) {
      // The shell is done but something it started still runs (holding the output open, or not).
      await stopTree(tree, pid, settings.graceMs);
    }
    if (!(await settlesWithin(closed, 200))) {
      // A process that left the group (setsid) may still hold the pipes; stop listening to it.
      child.stdout?.destroy();
      child.stderr?.destroy();
      await settlesWithin(closed, 50);
    }
    const end = await valueWithin(exited, settings.graceMs);
    const killed = first === null;
    return {
      exitCode: killed || end === null ? null : normalizeExitCode(end.code),
      signal: end?.signal ?? null,
      timedOut: killed && stopReason === "timeout",
      tail: tail.finish(),
      durationMs: Math.round(durationMs),
    };
  } finally {
    clearTimeout(timer);
    settings.signal?.removeEventListener("abort", onAbort);
    tree.release();
  }
}

/**
 * A shell that waits for a line on fd 3 before it runs the command: the time to move it into its
 * cgroup, so that nothing the command starts is born outside. fd 3 is closed before the command runs.
 */
const HELD_START = 'read -r _ <&3; exec 3<&-; exec /bin/sh -c "$1"';

function startShell(command: string, settings: RunSettings, tree: ProcessTree): ChildProcess {
  const [file, args] = isWindows
    ? ["cmd.exe", ["/d", "/s", "/c", `"${command}"`]]
    : tree.holdsStart
      ? ["/bin/sh", ["-c", HELD_START, "sh", command]]
      : ["/bin/sh", ["-c", command]];
  try {
    return spawn(file, args, {
      cwd: settings.cwd,
      env: { ...settings.env, ...tree.env },
      // Its own session and process group (POSIX), so the timeout reaches everything the command started.
      detached: !isWindows,
      // No stdin: a command that asks for input reads end-of-file instead of waiting forever.
      stdio: tree.holdsStart ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
      windowsHide: true,
      windowsVerbatimArguments: isWindows,
    });
  } catch (error) {
    throw new EvidenceError(
      `could not start the command: ${(error as Error).message}`,
      "check the command text in shipready.yml",
    );
  }
}

/** cmd.exe says 9009 where a POSIX shell says 127 for a command that does not exist. */
function normalizeExitCode(code: number | null): number | null {
  return isWindows && code === 9009 ? 127 : code;
}

function collectOutput(child: ChildProcess, tail: OutputTail): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const decoder = new StringDecoder("utf8");
    const lines = tail.stream();
    stream.on("data", (chunk: Buffer) => lines.push(decoder.write(chunk)));
    stream.on("close", () => lines.end(decoder.end()));
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return (
    (await valueWithin(
      promise.then(() => true),
      ms,
    )) !== null
  );
}

/** The promise's value, or null when it takes longer than `ms`; the timer never outlives the answer. */
async function valueWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  const controller = new AbortController();
  try {
    return await Promise.race([promise, delay(ms, null, { signal: controller.signal }).catch(() => null)]);
  } finally {
    controller.abort();
  }
}

/** Lets a held shell (HELD_START) go on to run the command. */
function letStart(hold: Writable | null): void {
  hold?.on("error", () => {});
  hold?.end("\n");
}

/** SIGTERM to the whole tree, SIGKILL to whatever is left after the grace, and wait until it is gone. */
async function stopTree(tree: ProcessTree, pid: number, graceMs: number): Promise<void> {
  if (isWindows) {
    // Windows has no process groups to signal; taskkill walks the tree instead.
    spawn("taskkill", ["/pid", String(pid), "/t", "/f"], { stdio: "ignore", windowsHide: true }).on(
      "error",
      () => {},
    );
    return;
  }
  tree.signal("SIGTERM");
  if (await waitUntilGone(tree, graceMs)) return;
  tree.signal("SIGKILL");
  await waitUntilGone(tree, graceMs);
}

async function waitUntilGone(tree: ProcessTree, ms: number): Promise<boolean> {
  for (let waited = 0; ; waited += POLL_MS) {
    if (!tree.isAlive()) return true;
    if (waited >= ms) return false;
    await delay(POLL_MS);
  }
}

/** The last lines of a command's output, cleaned for a terminal and with secrets hidden. */
class OutputTail {
  private readonly ring: string[] = [];
  private next = 0;

  constructor(
    private readonly keepLines: number,
    private readonly redact: Redact,
  ) {}

  /** A line splitter for one stream; lines of the streams interleave as they complete. */
  stream(): LineSplitter {
    return new LineSplitter((raw, cut) => this.add(raw, cut));
  }

  finish(): string[] {
    return this.ring.length < this.keepLines
      ? [...this.ring]
      : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  private add(raw: string, cut: boolean): void {
    if (this.keepLines <= 0) return;
    // Before cleaning too: a secret may hold characters cleaning changes, or be split by colour codes.
    // A line cut off may end in the beginning of a secret: that is hidden too.
    let line = this.redact(cleanLine(this.redact(raw)), { cut });
    if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)}…`;
    else if (cut) line = `${line}…`;
    if (this.ring.length < this.keepLines) this.ring.push(line);
    else this.ring[this.next] = line;
    this.next = (this.next + 1) % this.keepLines;
  }
}

/** Splits a stream into lines without holding more than one bounded unfinished line. */
class LineSplitter {
  private partial = "";
  private cut = false;
  private pendingCr = false;

  constructor(private readonly onLine: (raw: string, cut: boolean) => void) {}

  push(text: string): void {
    let start = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.startsWith("\n")) {
        this.emit();
        start = 1;
      } else if (text.length > 0) {
        this.reset();
      } else {
        this.pendingCr = true;
      }
    }
    const breaks = /\r\n|\n|\r/g;
    breaks.lastIndex = start;
    for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
      this.append(text.slice(start, match.index));
      start = match.index + match[0].length;
      if (match[0] === "\r") {
        if (start === text.length) {
          // Maybe the first half of a \r\n split across chunks: decide with the next chunk.
          this.pendingCr = true;
          return;
        }
        // A lone carriage return redraws the line (progress bars): keep what a terminal would show.
        this.reset();
      } else {
        this.emit();
      }
    }
    this.append(text.slice(start));
  }

  end(rest: string): void {
    this.push(rest);
    if (this.partial.length > 0 || this.cut) this.emit();
  }

  private append(text: string): void {
    if (this.cut || text.length === 0) return;
    const room = MAX_RAW_LINE_CHARS - this.partial.length;
    if (text.length > room) {
      this.partial += text.slice(0, room);
      this.cut = true;
    } else {
      this.partial += text;
    }
  }

  private emit(): void {
    this.onLine(this.partial, this.cut);
    this.reset();
  }

  private reset(): void {
    this.partial = "";
    this.cut = false;
  }
}

const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- escape sequences are what is being removed
  /\u001B\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]|\u001B[\]PX^_][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[ -/]*[0-~]/g;
// eslint-disable-next-line no-control-regex -- control characters are what is being removed
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Output as text: colours and cursor moves removed, tabs as spaces, no other control characters. */
function cleanLine(raw: string): string {
  return raw.replace(ESCAPE_SEQUENCE, "").replace(/\t/g, "  ").replace(CONTROL, "").trimEnd();
}
