import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startFakeSlack } from "../../test/helpers/fake-slack.js";
import { startTestServer } from "../../test/helpers/start-test-server.js";
import { createWebhookSender } from "./webhook-sender.js";

const SECRET = "CANARYsenderSECRET";
const slack = await startFakeSlack({ secret: SECRET, checkPayload: false });
after(() => slack.close());
// A generous time limit: a loaded test machine must not turn answers into timeouts.
const sender = createWebhookSender({ delayUnitMs: 5, timeoutMs: 5000 });
const target = { url: slack.webhookUrl, label: "the Slack webhook" };
const payload = { text: "hello", blocks: [] };

function noSecretIn(value: unknown): void {
  assert.ok(!JSON.stringify(value).includes(SECRET), `the URL leaked: ${JSON.stringify(value)}`);
}

test("a 429 with Retry-After is waited out, then the message goes through", async () => {
  const before = slack.deliveries.length;
  slack.queue({ status: 429, headers: { "retry-after": "2" }, body: "rate_limited" });
  const started = performance.now();
  const delivery = await sender.post(target, payload);
  assert.deepEqual(delivery, { ok: true, attempts: 2, status: 200 });
  // Two seconds at 5 ms a second.
  assert.ok(performance.now() - started >= 9);
  const sent = slack.deliveries.slice(before);
  assert.equal(sent.length, 2);
  assert.equal(sent[1]!.headers["content-type"], "application/json");
  assert.deepEqual(sent[1]!.payload, payload);
});

test("500 on every attempt gives up after the retries, saying so without the URL", async () => {
  const before = slack.deliveries.length;
  slack.queue(...Array.from({ length: 4 }, () => ({ status: 500, body: "internal_error" })));
  const delivery = await sender.post(target, payload);
  assert.equal(slack.deliveries.length - before, 4);
  assert.deepEqual(delivery, {
    ok: false,
    attempts: 4,
    status: 500,
    failure: "server",
    message: "the Slack webhook answered 500 (internal_error)",
  });
});

test("a Retry-After beyond the cap is not waited for", async () => {
  slack.queue({ status: 429, headers: { "retry-after": "3600" } });
  const delivery = await createWebhookSender({ delayUnitMs: 5, maxRetryAfterSeconds: 60 }).post(
    target,
    payload,
  );
  assert.equal(delivery.ok, false);
  assert.ok(!delivery.ok && delivery.failure === "rate-limited" && delivery.attempts === 1);
  assert.match(!delivery.ok ? delivery.message : "", /asked to wait 3600 s/);
});

test("404 (a revoked webhook) fails at once, not retried", async () => {
  const before = slack.deliveries.length;
  const delivery = await sender.post(
    { ...target, url: `${slack.server.url}/services/T000/B000/revoked${SECRET}` },
    payload,
  );
  assert.equal(slack.deliveries.length, before, "the fake records only its own path");
  assert.deepEqual(delivery, {
    ok: false,
    attempts: 1,
    status: 404,
    failure: "revoked",
    message: "the Slack webhook answered 404 (no_service): the webhook was revoked, deleted or never existed",
  });
  noSecretIn(delivery);
});

test("a receiver that does not answer in time is a timeout, not retried (it may have posted)", async () => {
  const before = slack.deliveries.length;
  slack.queue({ status: 200, delayMs: 2000 });
  const delivery = await createWebhookSender({ delayUnitMs: 5, timeoutMs: 300 }).post(target, payload);
  assert.equal(slack.deliveries.length - before, 1);
  assert.ok(!delivery.ok && delivery.failure === "timeout");
  assert.match(
    !delivery.ok ? delivery.message : "",
    /did not answer within 0\.3 s; the message may or may not have been posted/,
  );
});

test("a redirect is not followed, and a refused connection is retried then reported", async () => {
  const elsewhere = await startTestServer((_request, response) => {
    response.writeHead(307, { location: `https://evil.example/${SECRET}` }).end();
  });
  after(() => elsewhere.close());
  const redirected = await sender.post(
    { url: `${elsewhere.url}/hook/${SECRET}`, label: "the webhook at 127.0.0.1" },
    payload,
  );
  assert.ok(!redirected.ok && redirected.failure === "redirect" && redirected.status === 307);
  assert.equal(elsewhere.requests.length, 1);
  noSecretIn(redirected);

  const gone = await startTestServer(() => undefined);
  const url = `${gone.url}/hook/${SECRET}`;
  await gone.close();
  const refused = await sender.post({ url, label: "the webhook" }, payload);
  assert.deepEqual(refused, {
    ok: false,
    attempts: 4,
    status: null,
    failure: "unreachable",
    message: "the webhook refused the connection",
  });
});

test("headers are sent; a body that is not a short code is not repeated", async () => {
  const seen: Record<string, string | string[] | undefined>[] = [];
  const echo = await startTestServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(400).end(`<html>bad request to /hook/${SECRET}</html>`);
  });
  after(() => echo.close());
  const delivery = await sender.post(
    {
      url: `${echo.url}/hook`,
      label: "the webhook at 127.0.0.1",
      headers: { authorization: "Bearer t0ken" },
    },
    payload,
  );
  assert.equal(seen[0]!.authorization, "Bearer t0ken");
  assert.deepEqual(delivery, {
    ok: false,
    attempts: 1,
    status: 400,
    failure: "rejected",
    message: "the webhook at 127.0.0.1 answered 400: the message was refused",
  });
});

test("a URL that is not http(s) is refused without being shown", async () => {
  const delivery = await sender.post({ url: `ftp://x/${SECRET}`, label: "the Slack webhook" }, payload);
  assert.deepEqual(delivery, {
    ok: false,
    attempts: 0,
    status: null,
    failure: "bad-url",
    message: "the Slack webhook is not an http or https URL",
  });
});

test("link-local and metadata addresses are refused before connecting, naming neither URL nor host", async () => {
  for (const [url, found] of [
    [`http://169.254.169.254/latest/${SECRET}`, "a cloud metadata address"],
    [`http://[fd00:ec2::254]/${SECRET}`, "a cloud metadata address"],
    [`http://metadata.google.internal/${SECRET}`, "a cloud metadata host name"],
    [`https://169.254.10.1:8443/hooks/${SECRET}`, "a link-local address"],
    [`http://[fe80::1]/${SECRET}`, "a link-local address"],
    [`http://[::ffff:169.254.169.254]/${SECRET}`, "a cloud metadata address"],
  ] as const) {
    const delivery = await sender.post({ url, label: "the Slack webhook" }, payload);
    assert.deepEqual(
      delivery,
      {
        ok: false,
        attempts: 0,
        status: null,
        failure: "address-refused",
        message: `the Slack webhook points to ${found}, refused on purpose so a notification cannot reach cloud credentials`,
      },
      url,
    );
    assert.ok(
      !JSON.stringify(delivery).includes("169.254") && !JSON.stringify(delivery).includes("metadata.google"),
    );
    noSecretIn(delivery);
  }
});

test("a name that resolves to a metadata address is refused at connect time; one that resolves to loopback is sent", async () => {
  const port = new URL(slack.webhookUrl).port;
  const path = new URL(slack.webhookUrl).pathname;
  const before = slack.deliveries.length;
  const rebinding = createWebhookSender({
    delayUnitMs: 5,
    resolveHost: async () => [
      { address: "127.0.0.1", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ],
  });
  const refused = await rebinding.post(
    { url: `http://hooks.example.test:${port}${path}`, label: "the Slack webhook" },
    payload,
  );
  assert.deepEqual(refused, {
    ok: false,
    attempts: 0,
    status: null,
    failure: "address-refused",
    message:
      "the Slack webhook points to a cloud metadata address, refused on purpose so a notification cannot reach cloud credentials",
  });
  assert.equal(slack.deliveries.length, before, "nothing reached the receiver");

  const local = createWebhookSender({ resolveHost: async () => [{ address: "127.0.0.1", family: 4 }] });
  const sent = await local.post(
    { url: `http://hooks.example.test:${port}${path}`, label: "the Slack webhook" },
    payload,
  );
  assert.deepEqual(sent, { ok: true, attempts: 1, status: 200 });
  assert.equal(slack.deliveries.at(-1)!.headers.host, `hooks.example.test:${port}`);
  assert.deepEqual(slack.deliveries.at(-1)!.payload, payload);
});
