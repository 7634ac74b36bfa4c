import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { after } from "node:test";
import { startCli } from "./run-cli.js";

export interface RunningDashboard {
  /** As printed: http://127.0.0.1:<port>/ */
  url: string;
  port: number;
  child: ChildProcessWithoutNullStreams;
  /** What the process printed so far. */
  output(): { stdout: string; stderr: string };
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * Starts `shipready serve --port 0 ...` and resolves once it printed the line it prints when
 * listening; rejects with its output when it exits before. Killed when the test file finishes.
 */
export function startDashboard(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<RunningDashboard> {
  const child = startCli(["serve", "--port", "0", ...args], options);
  let stdout = "";
  let stderr = "";
  const ended = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      const before = stdout;
      stdout += chunk;
      const line = /^shipready dashboard: (http:\/\/\S+:(\d+)\/)\n/m.exec(stdout);
      if (!line || /^shipready dashboard: /m.test(before)) return;
      resolve({
        url: line[1]!,
        port: Number(line[2]),
        child,
        output: () => ({ stdout, stderr }),
        stop: async (signal = "SIGINT") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          const code = await ended;
          return { code, stdout, stderr };
        },
      });
    });
    void ended.then((code) =>
      reject(new Error(`shipready serve exited ${code} before listening:\n${stderr}`)),
    );
  });
}
