/** The interfaces inner code needs from the outside world. Adapters implement them; edges build them. */
import type { HistoryRecord } from "./types.js";

export interface Clock {
  now(): Date;
}

export interface Files {
  /** Reads a UTF-8 text file; throws InputError saying what is wrong (missing, a folder, binary, not UTF-8). */
  readText(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  /** Writes atomically (temp file in the same folder, then rename; mode and symlink target kept), creating the folder. */
  writeAtomic(path: string, text: string): Promise<void>;
  /** The names of the entries in a folder. */
  list(dir: string): Promise<string[]>;
  /** Runs `fn` holding an exclusive lock on `path`, so concurrent runs on one file take turns. */
  withLock<T>(path: string, fn: () => Promise<T>): Promise<T>;
}

export interface Git {
  /** The commit HEAD points at in the repository holding `dir`; null outside a repository. */
  headCommit(dir: string): Promise<string | null>;
  /** The top folder of the repository holding `dir`; null outside a repository. */
  topLevel(dir: string): Promise<string | null>;
}

/** Where runs are remembered: a durable text record with a local index beside it. */
export interface HistoryStore {
  /** Appends records to the durable record (skipping any identical to one already there) and indexes them. */
  append(records: HistoryRecord[]): Promise<{ added: number }>;
  /** All records, oldest first. */
  list(): Promise<HistoryRecord[]>;
  close(): void;
}
