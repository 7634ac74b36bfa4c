import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { ConfigError, ShipreadyError, UsageError } from "../errors.js";
import { createHostCheck, type HostCheck } from "./create-host-check.js";
import { createRecheckRunner, type RecheckRunner, type RunReason } from "./create-recheck-runner.js";
import { createSseHub } from "./create-sse-hub.js";
import { watchInputs, type InputWatcher } from "./watch-inputs.js";

const gzipText = promisify(gzip);

/** One piece of evidence starting or ending, as the page shows it. */
export interface ProgressMessage {
  key: string;
  label: string;
  state: "start" | "end";
  outcome?: string;
}

export interface DashboardServerOptions<T> {
  /** The address to bind: 127.0.0.1 unless the person asked for another. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Makes the dashboard's input: once at start, then for each re-check and reload. */
  load(reason: RunReason | "start", onProgress: (message: ProgressMessage) => void): Promise<T>;
  /** The whole page for an input. */
  render(input: T): string;
  /** The pages' Content-Security-Policy, sent as a header (with frame-ancestors, which only a header can carry). */
  contentSecurityPolicy: string;
  /** The files whose change on disk reloads the page (the checklist, the config). */
  watchFiles(input: T): string[];
  /** Told of a re-check or reload that failed (the page is told too). */
  onFailure?(reason: RunReason, message: string): void;
  /** Quiet spell after a change on disk before reloading, in ms. */
  debounceMs?: number;
  /**
   * More pages, each drawn per request from its query (the metrics page, the organisation page);
   * one at `/` takes the place of the dashboard's own page.
   */
  pages?: readonly ExtraPage[];
}

/** A page drawn for each request: its path, and the status and HTML for a query. */
export interface ExtraPage {
  path: string;
  render(query: Record<string, string>): Promise<{ status: 200 | 400; html: string }>;
}

export interface DashboardServer {
  /** http://host:port/ as a person types it. */
  url: string;
  port: number;
  hostCheck: HostCheck;
  /** How many pages are listening for events now. */
  readonly listeners: number;
  /** Ends the event streams, stops watching and listening, and drops open connections. */
  close(): Promise<void>;
}

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  // Not no-referrer: under it a browser sends "Origin: null" with the page's own form post.
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * Serves the dashboard: binds, loads the first input, then answers `GET /` (the page), `GET /events`
 * (server-sent events), `POST /recheck` and `GET /healthz`. Every request is refused before routing
 * unless its Host header names this server, and a POST from another origin is refused.
 */
export async function startDashboardServer<T>(options: DashboardServerOptions<T>): Promise<DashboardServer> {
  const hub = createSseHub();
  let runner: RecheckRunner<T> | undefined = undefined;
  let watcher: InputWatcher | undefined = undefined;
  let page: { input: T; html: string; gzipped: Buffer } | undefined;
  // Requests that come while the first input loads wait for it.
  let markReady: (runner: RecheckRunner<T>) => void = () => undefined;
  const ready = new Promise<RecheckRunner<T>>((resolve) => (markReady = resolve));
  const current = async (): Promise<RecheckRunner<T>> => runner ?? (await ready);

  const describe = (error: unknown): string => {
    if (!(error instanceof ShipreadyError)) {
      return `internal error: ${error instanceof Error ? error.message : String(error)}`;
    }
    const problems = error instanceof ConfigError ? error.problems.join("; ") : "";
    return [error.message, problems, error.fix].filter(Boolean).join(" ");
  };
  const progress = (message: ProgressMessage): void => hub.broadcast("progress", message);

  const renderPage = async (input: T): Promise<NonNullable<typeof page>> => {
    // Rendered once per input: a page of 10,000 runs is drawn once, not per request.
    if (page && page.input === input) return page;
    const html = options.render(input);
    page = { input, html, gzipped: await gzipText(html) };
    return page;
  };

  const policy = `${options.contentSecurityPolicy}; frame-ancestors 'none'`;
  const app = new Hono();
  for (const extra of options.pages ?? []) {
    app.get(extra.path, async (c) => {
      const { status, html } = await extra.render(c.req.query());
      return c.body(html, status, { ...PAGE_HEADERS, "content-security-policy": policy });
    });
  }
  app.get("/", async (c) => {
    const rendered = await renderPage((await current()).current);
    const headers: Record<string, string> = {
      ...PAGE_HEADERS,
      "content-security-policy": policy,
      vary: "accept-encoding",
    };
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      return c.body(new Uint8Array(rendered.gzipped), 200, { ...headers, "content-encoding": "gzip" });
    }
    return c.body(rendered.html, 200, headers);
  });
  app.get("/events", (c) =>
    streamSSE(c, async (stream) => {
      await hub.attach(stream);
    }),
  );
  app.post("/recheck", async (c) => {
    if (!hostCheck.sameOrigin(c.req.header("origin"), c.req.header("host"))) {
      return c.text("shipready: a re-check must come from the dashboard's own page\n", 403);
    }
    const runs = await current();
    if (c.req.header("x-shipready") !== undefined) {
      const started = runs.recheck();
      return started ? c.text("re-check started\n", 202) : c.text("a re-check is running already\n", 409);
    }
    // A form posted without JavaScript: answer when the page is up to date, then show it.
    await (runs.recheck() ?? runs.idle());
    return c.redirect("/", 303);
  });
  app.get("/healthz", (c) => c.text("ok\n"));
  // Browsers ask for it unbidden; the page has none, and a 404 would be logged as an error.
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.notFound((c) => c.text("not found\n", 404));
  app.onError((error, c) => {
    process.stderr.write(`shipready: dashboard request failed: ${describe(error)}\n`);
    return c.text("shipready: the request failed; see the server's output\n", 500);
  });

  const listener = getRequestListener(app.fetch);
  let hostCheck = createHostCheck({ host: options.host, port: options.port });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const refusal = refuse(request, hostCheck);
    if (refusal) {
      response.writeHead(refusal.status, {
        "content-type": "text/plain; charset=utf-8",
        connection: "close",
      });
      response.end(refusal.text);
      return;
    }
    void listener(request, response);
  });

  const port = await listen(server, options.host, options.port);
  hostCheck = createHostCheck({
    host: options.host,
    port,
    interfaceAddresses: Object.values(networkInterfaces())
      .flat()
      .flatMap((info) => (info ? [info.address] : [])),
  });

  const stop = async (): Promise<void> => {
    watcher?.close();
    void runner?.close();
    await hub.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  let initial: T;
  try {
    initial = await options.load("start", progress);
  } catch (error) {
    await stop();
    throw error;
  }
  watcher = watchInputs(options.watchFiles(initial), () => runner?.reload(), {
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });
  runner = createRecheckRunner(initial, {
    load: (reason) => options.load(reason, progress),
    onDone: (reason, input) => {
      watcher?.update(options.watchFiles(input));
      hub.broadcast(reason === "recheck" ? "updated" : "reload", {});
    },
    onFailed: (reason, error) => {
      const message = describe(error);
      options.onFailure?.(reason, message);
      // The page labels it by what happened: a re-check someone asked for, or a reload after a save.
      hub.broadcast("failed", { reason, message });
    },
  });
  markReady(runner);

  const shown = options.host.includes(":") ? `[${options.host.replace(/^\[|\]$/g, "")}]` : options.host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    hostCheck,
    get listeners() {
      return hub.size;
    },
    close: stop,
  };
}

/** Requests refused before routing: a Host that is not this server, a target that is not a path. */
function refuse(request: IncomingMessage, hosts: HostCheck): { status: number; text: string } | null {
  if (!hosts.allows(request.headers.host)) {
    return {
      status: 403,
      text: "shipready: this dashboard answers only to its own address (Host header refused)\n",
    };
  }
  if (!request.url?.startsWith("/")) return { status: 400, text: "shipready: bad request target\n" };
  return null;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => reject(listenError(error, host, port));
    server.once("error", onError);
    server.listen(port, host.replace(/^\[|\]$/g, ""), () => {
      server.removeListener("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new UsageError(
        `port ${port} on ${host} is in use by another program`,
        `Choose another with --port, such as --port ${port === 65535 ? 4100 : port + 1}, or --port 0 for any free one.`,
      );
    case "EACCES":
      return new UsageError(
        `port ${port} on ${host} may not be used by this user`,
        "Choose a port above 1023 with --port, such as --port 4100.",
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new UsageError(
        `--host ${host} is not an address of this machine`,
        "Give one of its addresses with --host, such as --host 127.0.0.1.",
      );
    default:
      return error;
  }
}
