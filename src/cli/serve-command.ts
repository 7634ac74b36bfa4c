import { dirname, join } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { ExitCode, UsageError } from "../errors.js";
import type { DashboardInput } from "../dashboard/types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";
import { gitHubAccessOf } from "./github-flags.js";

export interface ServeCommandOptions extends GlobalOptions {
  port?: string;
  host?: string;
  threshold?: string;
  evidence?: boolean;
  token?: string;
  repo?: string;
  apiUrl?: string;
  /** Every repository in the metrics store side by side instead of this checklist. */
  org?: boolean;
}

const DEFAULT_PORT = 4100;
const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

/**
 * `shipready serve`: the dashboard on a local port until Ctrl+C. Loads once (with evidence unless
 * --no-evidence), prints the one line saying where it listens, then re-checks on request and reloads
 * when the checklist or config changes. It scores only: nothing in the repository is written.
 */
export async function runServeCommand(
  checklist: string | undefined,
  opts: ServeCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const port = parseNumberOption("--port", opts.port, 0, 65535, true) ?? DEFAULT_PORT;
  const threshold = parseNumberOption("--threshold", opts.threshold, 0, 100);
  const host = (opts.host ?? "127.0.0.1").trim();
  if (host === "") {
    throw new UsageError("--host is empty", "Give the address to listen on, such as --host 127.0.0.1.");
  }
  if (!LOOPBACK.test(host)) {
    process.stderr.write(
      `shipready: warning: --host ${escapeTerminal(host)} lets other machines reach the dashboard, which has no login: ` +
        "whoever reaches it reads the checklist and can start re-checks, which run its evidence commands\n",
    );
  }
  if (opts.org) {
    if (checklist !== undefined) {
      throw new UsageError(
        "serve --org shows the repositories in the metrics store, not a checklist",
        "Leave the checklist out with --org, or leave --org out to serve the checklist's dashboard.",
      );
    }
    return serveOrganisation(host, port, opts, signal);
  }
  const [
    { startDashboardServer },
    { loadDashboard },
    { renderDashboardHtml },
    { dashboardContentSecurityPolicy },
    { DASHBOARD_CLIENT_SCRIPT_HASH },
    { describeProgress },
    { deployRecordsFile },
    { metricsPage },
  ] = await Promise.all([
    import("../dashboard/start-dashboard-server.js"),
    import("../dashboard/load-dashboard.js"),
    import("../dashboard/core/render-dashboard-html.js"),
    import("../dashboard/core/dashboard-content-security-policy.js"),
    import("../dashboard/hash-client-script.js"),
    import("../dashboard/describe-progress.js"),
    import("../adapters/deploy-records-file.js"),
    import("./serve-metrics-pages.js"),
  ]);
  const ports = {
    ...createDefaultPorts({ github: gitHubAccessOf(opts) }),
    openDeployRecords: (file: string, onWarning: (message: string) => void) =>
      deployRecordsFile(file, { onWarning }),
  };
  let last: DashboardInput | undefined;
  const server = await startDashboardServer<DashboardInput>({
    host,
    port,
    load: async (_reason, onProgress) => {
      const input = await loadDashboard(
        {
          cwd: process.cwd(),
          ...(checklist !== undefined ? { checklist } : {}),
          ...(opts.config !== undefined ? { config: opts.config } : {}),
          ...(threshold !== undefined ? { threshold } : {}),
          evidence: opts.evidence !== false,
          ...(signal ? { signal } : {}),
          onEvidence: (event) => onProgress(describeProgress(event, last?.result)),
        },
        ports,
      );
      last = input;
      return input;
    },
    render: (input) => renderDashboardHtml(input, { live: true, scriptHash: DASHBOARD_CLIENT_SCRIPT_HASH }),
    contentSecurityPolicy: dashboardContentSecurityPolicy(DASHBOARD_CLIENT_SCRIPT_HASH),
    pages: [metricsPage(opts, { org: false, readiness: true })],
    watchFiles: ({ result }) => [
      result.checklist.path,
      // No config yet: one written beside the checklist is found from then on.
      result.config.file ?? join(dirname(result.checklist.path), "shipready.yml"),
      result.config.history.file,
      // A deploy, verification or rollback shows up as soon as it is recorded.
      ...(result.config.strategy ? [result.config.strategy.recordsFile] : []),
    ],
    onFailure: (reason, message) =>
      process.stderr.write(
        `shipready: the ${reason === "recheck" ? "re-check" : "reload"} failed; the page shows the last good result: ${escapeTerminal(message)}\n`,
      ),
  });
  process.stdout.write(`shipready dashboard: ${server.url}\n`);
  return serveUntilAborted(server, signal);
}

/**
 * `serve --org`: the organisation page at / and each repository's metrics page, drawn per request
 * from the metrics store; no checklist is scored and nothing is watched.
 */
async function serveOrganisation(
  host: string,
  port: number,
  opts: ServeCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const [{ startDashboardServer }, { dashboardContentSecurityPolicy }, { metricsPage, orgPage }] =
    await Promise.all([
      import("../dashboard/start-dashboard-server.js"),
      import("../dashboard/core/dashboard-content-security-policy.js"),
      import("./serve-metrics-pages.js"),
    ]);
  const server = await startDashboardServer<null>({
    host,
    port,
    load: async () => null,
    render: () => "",
    contentSecurityPolicy: dashboardContentSecurityPolicy(null),
    watchFiles: () => [],
    pages: [orgPage(opts), metricsPage(opts, { org: true, readiness: false })],
  });
  process.stdout.write(`shipready dashboard: ${server.url}\n`);
  return serveUntilAborted(server, signal);
}

async function serveUntilAborted(server: { close(): Promise<void> }, signal?: AbortSignal): Promise<number> {
  await new Promise<void>((resolve) => {
    // Without a signal to stop it, it serves until the process ends.
    if (!signal) return;
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await server.close();
  return ExitCode.Interrupted;
}
