import { after } from "node:test";
import { startTestServer, type TestServer } from "./start-test-server.js";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** A test server (see startTestServer) that is closed when the test file finishes. */
export async function serveUntilDone(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}
