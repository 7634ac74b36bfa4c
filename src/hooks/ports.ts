/** What the hooks capability needs from the outside world. */
import type { HookPlace } from "./types.js";

/** A hook file as found: its text, and whether it may be run. */
export interface HookFile {
  text: string;
  executable: boolean;
}

/** This clone's hook folder and the files in and around it. */
export interface HookFolder {
  /** Where the clone holding `cwd` runs its hooks from; null outside a git work tree. */
  locate(cwd: string): Promise<HookPlace | null>;
  /** A file's text and mode; null when there is no such file. */
  read(path: string): Promise<HookFile | null>;
  /** True when a file or folder exists. */
  exists(path: string): Promise<boolean>;
  /** Writes an executable file atomically, creating its folder. */
  writeExecutable(path: string, text: string): Promise<void>;
  /** Removes a file; a file that is not there is no error. */
  remove(path: string): Promise<void>;
}
