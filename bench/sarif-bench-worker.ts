/**
 * One measurement of the SARIF streaming benchmark, in a process of its own so its peak memory is
 * its own: collects `sarif` evidence over the file named in argv[2] and prints
 * { ms, maxRssMb, figures } as JSON.
 */
import path from "node:path";
import { systemClock } from "../src/adapters/clocks.js";
import { nodeFiles } from "../src/adapters/node-files.js";
import { collectSarif } from "../src/evidence/collect-sarif.js";

const file = process.argv[2]!;
const started = performance.now();
const result = await collectSarif(
  { kind: "sarif", files: path.basename(file), failOn: "critical", new: false, timeoutMs: 600_000 },
  {
    root: path.dirname(file),
    files: nodeFiles,
    clock: systemClock,
    shell: { run: () => Promise.reject(new Error("no commands here")) },
    http: { get: () => Promise.reject(new Error("no requests here")) },
    github: null,
    headSha: null,
    signal: new AbortController().signal,
    env: {},
    redact: (text) => text,
    baseline: () => Promise.reject(new Error("no baseline here")),
  },
);
const ms = performance.now() - started;
console.log(
  JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, figures: result.figures ?? null }),
);
