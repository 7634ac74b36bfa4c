import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  /** http://127.0.0.1:<port> without a trailing slash. */
  url: string;
  port: number;
  /** Requests received so far. */
  readonly requests: IncomingMessage[];
  /** Connections opened so far (a request that never arrived still opens one). */
  readonly connections: number;
  /** Stops listening and drops every open connection, including ones a handler never answers. */
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 and a free port, answering with `handler`, for tests of code that makes requests. */
export async function startTestServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  let connections = 0;
  const listener: RequestListener = (request, response) => {
    requests.push(request);
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
  const server = createServer(listener);
  server.on("connection", () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
