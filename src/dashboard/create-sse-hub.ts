import type { SSEStreamingApi } from "hono/streaming";

/** The events the dashboard page listens for. */
export type DashboardEvent = "progress" | "updated" | "reload" | "failed";

export interface SseHub {
  /** Keeps `stream` until the client goes away or the hub closes; resolves then. */
  attach(stream: SSEStreamingApi): Promise<void>;
  /** Sends one event to every client; a client that cannot be written to is dropped. */
  broadcast(event: DashboardEvent, data: unknown): void;
  /** How many clients are attached. */
  readonly size: number;
  /** Ends every stream; later clients are ended at once. */
  close(): Promise<void>;
}

/** A comment line now and then, so a client that vanished without a word is noticed and dropped. */
const KEEPALIVE_MS = 15_000;

interface Client {
  stream: SSEStreamingApi;
  done: () => void;
}

/** The server-sent-event clients of the dashboard. */
export function createSseHub(options: { keepAliveMs?: number } = {}): SseHub {
  const clients = new Set<Client>();
  let closed = false;

  const drop = (client: Client): void => {
    if (!clients.delete(client)) return;
    client.done();
  };
  const send = (client: Client, text: string): void => {
    if (client.stream.aborted || client.stream.closed) return drop(client);
    client.stream.write(text).catch(() => drop(client));
  };
  const keepAlive = setInterval(() => {
    for (const client of clients) send(client, ": keep-alive\n\n");
  }, options.keepAliveMs ?? KEEPALIVE_MS);
  keepAlive.unref();

  return {
    attach(stream) {
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const client: Client = { stream, done: resolve };
        clients.add(client);
        stream.onAbort(() => drop(client));
        // Tells the page the stream is open, and flushes the headers through any buffering.
        send(client, ": connected\n\n");
      });
    },
    broadcast(event, data) {
      const lines = JSON.stringify(data ?? {});
      for (const client of clients) send(client, `event: ${event}\ndata: ${lines}\n\n`);
    },
    get size() {
      return clients.size;
    },
    async close() {
      closed = true;
      clearInterval(keepAlive);
      const ending = [...clients];
      for (const client of ending) drop(client);
      await Promise.all(ending.map((client) => client.stream.close().catch(() => undefined)));
    },
  };
}
