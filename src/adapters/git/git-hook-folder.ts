import { constants } from "node:fs";
import { access, chmod, readFile, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { mkdir } from "node:fs/promises";
import type { HookFolder } from "../../hooks/ports.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { runGit } from "./run-git.js";

/** The hooks folder of a clone as git reports it (core.hooksPath honoured, worktrees sharing their repository's). */
export const gitHookFolder: HookFolder = {
  async locate(cwd) {
    const top = await runGit(cwd, ["rev-parse", "--show-toplevel"]);
    if (top.code !== 0 || top.stdout.trim() === "") return null;
    const hooks = await runGit(cwd, ["rev-parse", "--git-path", "hooks"]);
    const configured = await runGit(cwd, ["config", "--get", "core.hooksPath"]);
    return {
      top: top.stdout.trim(),
      dir: resolve(cwd, hooks.stdout.trim()),
      hooksPath: configured.code === 0 ? configured.stdout.trim() : null,
    };
  },
  async read(path) {
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "EISDIR") return null;
      throw error;
    });
    if (text === null) return null;
    const executable = await access(path, constants.X_OK).then(
      () => true,
      () => false,
    );
    return { text, executable };
  },
  exists: (path) =>
    stat(path).then(
      () => true,
      () => false,
    ),
  async writeExecutable(path, text) {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomically(path, text);
    const mode = (await stat(path)).mode & 0o7777;
    await chmod(path, mode | 0o755);
  },
  remove: (path) => rm(path, { force: true }),
};
