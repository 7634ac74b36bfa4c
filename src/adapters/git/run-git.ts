import { execFile } from "node:child_process";

/** What a finished git command left: its output and exit code. */
export interface GitRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** The environment git runs in: English messages to explain, and no prompt that waits for a human. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" };
}

/**
 * Runs one short git command (its output is held in memory). Settles with git's exit code and
 * stderr whatever they are; rejects only when git could not be started or was stopped at the time
 * limit, with the error Node gives (its `code` a string such as ENOENT, or null).
 */
export function runGit(
  dir: string,
  args: string[],
  options: { timeoutMs?: number; maxBuffer?: number } = {},
): Promise<GitRun> {
  return new Promise((settle, reject) => {
    execFile(
      "git",
      args,
      {
        cwd: dir,
        env: gitEnv(),
        encoding: "utf8",
        maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== "number") reject(Object.assign(error, { stderr }));
        else settle({ stdout, stderr, code: typeof code === "number" ? code : 0 });
      },
    );
  });
}
