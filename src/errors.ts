/** Typed errors and the exit codes they map to. One catch at each edge turns them into a message. */

export const ExitCode = {
  /** The verdict is ready (or the command succeeded). */
  Ok: 0,
  /** The verdict is not ready (check, update --check). */
  NotReady: 1,
  /** Bad usage, bad input or bad configuration: nothing was written. */
  Usage: 2,
  /** The document holds nothing shipready reads as a gate: it may not be a checklist. Nothing was written. */
  NoGates: 3,
  /**
   * `release` stopped after it had written something (files, the release commit, a tag, a push): the
   * message says what is done and what failed; running it again resumes where it stopped.
   */
  PartlyDone: 4,
  /** A bug in shipready. */
  Internal: 70,
  /**
   * Another deploy or rollback of the environment holds its lock (EX_TEMPFAIL): nothing was run;
   * try again when it has finished.
   */
  Locked: 75,
  /** The disk refused a write (full, over quota, read-only, failing): the message names the path; nothing was changed. */
  Io: 74,
  /** Interrupted by a signal (Ctrl+C). */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of every error a user is meant to read: what is wrong, where, and how to fix it. */
export abstract class ShipreadyError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  /** How to fix it, in one sentence. */
  readonly fix: string | undefined;

  constructor(message: string, fix?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.fix = fix;
  }
}

/** The command line was used wrongly (unknown flag, bad value). */
export class UsageError extends ShipreadyError {
  readonly exitCode = ExitCode.Usage;
}

/** shipready.yml is missing, unreadable or invalid. `problems` lists every problem found. */
export class ConfigError extends ShipreadyError {
  readonly exitCode = ExitCode.Usage;
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [], fix?: string) {
    super(message, fix);
    this.problems = problems;
  }
}

/** The checklist or another input file cannot be used as it is. */
export class InputError extends ShipreadyError {
  readonly exitCode = ExitCode.Usage;
}

/** The document has no gates: nothing in it has a shape shipready reads as one. */
export class NoGatesError extends ShipreadyError {
  readonly exitCode = ExitCode.NoGates;
}

/** Evidence could not be collected in a way that stops the run. */
export class EvidenceError extends ShipreadyError {
  readonly exitCode = ExitCode.Usage;
}

/** GitHub refused a write for want of permission (a read-only token, such as a fork's pull request gets). */
export class PermissionError extends EvidenceError {}

/** A write the disk refused (ENOSPC, EDQUOT, EFBIG, EIO, EROFS): what was written before it is undone. */
export class IoError extends ShipreadyError {
  readonly exitCode = ExitCode.Io;
}

const DISK_CODES: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file would grow beyond the size allowed",
  EIO: "the disk reported an input/output error",
  EROFS: "the file system is read-only",
};

/** An IoError when the disk refused a write of `path`, else null. */
export function diskError(path: string, error: unknown): IoError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === "string" ? DISK_CODES[code] : undefined;
  if (reason === undefined) return null;
  return new IoError(
    `cannot write ${path}: ${reason} (${String(code)}); nothing was changed`,
    "Free space on the disk (or write elsewhere), then run again.",
    { cause: error },
  );
}

/** A release stopped half-way: some of it is written. Running the release again resumes it. */
export class PartlyDoneError extends ShipreadyError {
  readonly exitCode = ExitCode.PartlyDone;
}

/** Something that should not happen did: a bug to report. */
export class InternalError extends ShipreadyError {
  readonly exitCode = ExitCode.Internal;
}

/** Another deploy or rollback holds the environment's lock: nothing was run. */
export class LockedError extends ShipreadyError {
  readonly exitCode = ExitCode.Locked;
}

/** The run was interrupted by a signal; nothing half-written was left behind. */
export class InterruptedError extends ShipreadyError {
  readonly exitCode = ExitCode.Interrupted;
}
