import { createReadStream, type Stats } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { diskError, InputError } from "../errors.js";
import { removeLeftTemporaries, writeFileAtomically } from "./write-file-atomically.js";
import type { FileFailure, Files } from "../ports.js";

// A lock older than this is taken to belong to a run that was killed, and is broken.
const STALE_LOCK_MS = 5_000;

/** Files on the local disk. */
export const nodeFiles: Files = {
  async readText(path) {
    await statFile(path);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw describeReadError(path, error);
    }
    return decodeText(path, bytes);
  },

  async readTextChunks(path) {
    await statFile(path);
    const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1024 * 1024 });
    // Opened before it is handed out, so a file that cannot be read fails here, named, not mid-read.
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", (error) => reject(describeReadError(path, error)));
    });
    return stream as AsyncIterable<string>;
  },

  async readBytes(path) {
    await statFile(path);
    try {
      return await readFile(path);
    } catch (error) {
      throw describeReadError(path, error);
    }
  },

  async size(path) {
    return (await statFile(path)).size;
  },

  async exists(path) {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  },

  async writeAtomic(path, text) {
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomically(path, text);
    } catch (error) {
      const disk = diskError(path, error);
      if (disk) throw disk;
      const code = (error as NodeJS.ErrnoException).code;
      // mkdir says ENOTDIR or EEXIST when a folder on the way is a file, which names neither.
      if (code === "ENOTDIR" || code === "EEXIST") {
        throw new InputError(
          `cannot write ${path}: a folder on its path is a file`,
          "Choose a path whose folders are folders, or move the file that stands in the way.",
        );
      }
      if (code === "EISDIR") {
        throw new InputError(`cannot write ${path}: it is a folder`, "Name a file, not a folder.");
      }
      throw new InputError(
        `cannot write ${path}: ${code ?? (error as Error).message}`,
        code === "EACCES" || code === "EPERM"
          ? "Give this user write access to the file and its folder."
          : "Check the disk and the folder, then run again.",
      );
    }
  },

  async isReadOnly(path) {
    try {
      return ((await stat(path)).mode & 0o222) === 0;
    } catch {
      return false;
    }
  },

  async remove(path) {
    await rm(path, { force: true });
  },

  removeLeftTemporaries,

  async withLock(path, fn) {
    // Loaded here: read-only commands never take a lock.
    const { default: lockfile } = await import("proper-lockfile");
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(path, {
        stale: STALE_LOCK_MS,
        retries: { retries: 60, factor: 1.3, minTimeout: 50, maxTimeout: 1000 },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
        throw new InputError(
          `cannot lock ${path}: its folder ${dirname(path)} is not writable (${code}), so nothing can be written there`,
          "Give this user write access to the folder, or run score or check, which only read.",
        );
      }
      throw new InputError(
        `${path} is locked by another shipready run (${(error as Error).message})`,
        `Wait for the other run to finish; a lock left by a killed run is broken after ${STALE_LOCK_MS / 1000} s.`,
      );
    }
    try {
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  },

  async glob(pattern, cwd) {
    const { glob } = await import("tinyglobby");
    const found = await glob(pattern, {
      cwd,
      absolute: true,
      dot: true,
      onlyFiles: true,
      expandDirectories: false,
    });
    return found.sort();
  },

  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      throw describeReadError(dir, error);
    }
  },
};

/** An InputError whose `code` says what went wrong, for callers that advise on a particular file. */
function fileError(code: FileFailure, message: string, fix: string): InputError & { code: FileFailure } {
  return Object.assign(new InputError(message, fix), { code });
}

/** stat for a file: a folder is refused, since neither its text nor its size is what a caller wants. */
async function statFile(path: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw describeReadError(path, error);
  }
  if (info.isDirectory()) {
    throw fileError("folder", `${path} is a folder, not a file`, "Name a file inside it.");
  }
  return info;
}

function describeReadError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return fileError("missing", `${path} does not exist`, "Check the path.");
    case "EACCES":
    case "EPERM":
      return fileError(
        "denied",
        `${path} cannot be read: permission denied`,
        "Give this user read access to it.",
      );
    default:
      return fileError(
        "other",
        `${path} cannot be read: ${code ?? (error as Error).message}`,
        "Check the path and the disk.",
      );
  }
}

/** Decodes UTF-8 strictly: a binary or mis-encoded file is refused, never silently mangled. */
function decodeText(path: string, bytes: Buffer): string {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    throw fileError("binary", `${path} is a binary file, not text`, "Name the text file to read.");
  }
  try {
    // ignoreBOM keeps a BOM in the text, so it survives the rewrite.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const { line, column } = firstInvalidByte(bytes);
    throw fileError(
      "not-utf8",
      `${path} is not valid UTF-8 (first bad byte at line ${line}, column ${column})`,
      "Re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).",
    );
  }
}

function firstInvalidByte(bytes: Buffer): { line: number; column: number } {
  // The lossy decoding puts U+FFFD where the first bad sequence starts.
  const text = bytes.toString("utf8");
  const lines = text.slice(0, Math.max(text.indexOf("\uFFFD"), 0)).split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
