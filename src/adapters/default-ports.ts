import type { Clock } from "../ports.js";
import type { RunPorts } from "../run.js";
import { systemClock } from "./clocks.js";
import { gitCli } from "./git-cli.js";
import { nodeFiles } from "./node-files.js";

/** The adapters of a local run: disk, git, and SQLite loaded only when history is opened. */
export function createDefaultPorts(clock: Clock = systemClock): RunPorts {
  return {
    files: nodeFiles,
    git: gitCli,
    clock,
    openHistory: async (settings) => {
      const { openHistoryStore } = await import("./open-history-store.js");
      return openHistoryStore(settings);
    },
  };
}
