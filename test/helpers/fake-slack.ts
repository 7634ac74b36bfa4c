import type { IncomingMessage } from "node:http";
import { startTestServer, type TestServer } from "./start-test-server.js";

/**
 * Slack's rules for an incoming webhook's Block Kit payload, written out from Slack's reference
 * (https://api.slack.com/reference/block-kit) rather than taken from the code under test.
 */
export function checkSlackMessage(payload: unknown): string[] {
  const problems: string[] = [];
  const say = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(payload)) return ["the payload is not a JSON object"];
  if (typeof payload.text !== "string" || payload.text.trim() === "") say("text", "no fallback text");
  else if (payload.text.length > 40_000) say("text", `${payload.text.length} characters, above 40000`);
  const blocks = payload.blocks;
  if (!Array.isArray(blocks) || blocks.length === 0) return [...problems, "blocks: missing or empty"];
  if (blocks.length > 50) say("blocks", `${blocks.length} blocks, above 50`);
  const actionIds = new Set<string>();
  blocks.forEach((block: unknown, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(block)) return say(at, "not an object");
    switch (block.type) {
      case "header":
        checkText(block.text, `${at}.text`, 150, ["plain_text"], say);
        break;
      case "section":
        if (block.text === undefined && block.fields === undefined) say(at, "neither text nor fields");
        if (block.text !== undefined)
          checkText(block.text, `${at}.text`, 3000, ["plain_text", "mrkdwn"], say);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length === 0) say(`${at}.fields`, "not a list");
          else {
            if (block.fields.length > 10) say(`${at}.fields`, `${block.fields.length} fields, above 10`);
            block.fields.forEach((f: unknown, j) =>
              checkText(f, `${at}.fields[${j}]`, 2000, ["plain_text", "mrkdwn"], say),
            );
          }
        }
        break;
      case "context":
        if (!Array.isArray(block.elements) || block.elements.length === 0) say(`${at}.elements`, "missing");
        else {
          if (block.elements.length > 10) say(`${at}.elements`, `${block.elements.length}, above 10`);
          block.elements.forEach((e: unknown, j) =>
            checkText(e, `${at}.elements[${j}]`, 3000, ["plain_text", "mrkdwn"], say),
          );
        }
        break;
      case "divider":
        break;
      case "actions":
        if (!Array.isArray(block.elements) || block.elements.length === 0) say(`${at}.elements`, "missing");
        else {
          if (block.elements.length > 25) say(`${at}.elements`, `${block.elements.length}, above 25`);
          block.elements.forEach((e: unknown, j) => {
            const where = `${at}.elements[${j}]`;
            if (!isObject(e) || e.type !== "button") return say(where, "not a button");
            checkText(e.text, `${where}.text`, 75, ["plain_text"], say);
            if (typeof e.url !== "string" || !/^https?:\/\//.test(e.url))
              say(`${where}.url`, "not an http(s) URL");
            else if (e.url.length > 3000) say(`${where}.url`, `${e.url.length} characters, above 3000`);
            if (typeof e.action_id !== "string" || e.action_id.length > 255)
              say(`${where}.action_id`, "missing");
            else if (actionIds.has(e.action_id)) say(`${where}.action_id`, "not unique");
            else actionIds.add(e.action_id);
          });
        }
        break;
      default:
        say(`${at}.type`, `unknown block type ${JSON.stringify(block.type)}`);
    }
  });
  return problems;
}

function checkText(
  value: unknown,
  where: string,
  max: number,
  types: string[],
  say: (where: string, what: string) => void,
): void {
  if (!isObject(value) || !types.includes(String(value.type)))
    return say(where, `not a ${types.join(" or ")} text`);
  if (typeof value.text !== "string" || value.text === "") return say(where, "empty text");
  if (value.text.length > max) say(where, `${value.text.length} characters, above ${max}`);
  if (value.type === "mrkdwn") {
    // Outside text must come escaped: a raw < opens a link or a mention (<!channel>) only Slack's own syntax may.
    for (const match of value.text.matchAll(/<([^>]*)>/g)) {
      if (!/^https?:\/\/[^|\s]+\|[^<]+$/.test(match[1]!)) say(where, `unescaped <${match[1]}>`);
    }
    if (/&(?!amp;|lt;|gt;)/.test(value.text)) say(where, "an unescaped &");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface SlackAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering, to act out a receiver that hangs. */
  delayMs?: number;
}

export interface SlackDelivery {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  payload: unknown;
  /** What checkSlackMessage found wrong; a valid Slack payload has none. */
  problems: string[];
  status: number;
}

export interface FakeSlack {
  /** The incoming webhook's URL, with a planted secret in its path. */
  webhookUrl: string;
  server: TestServer;
  /** Every POST that reached the webhook's path, in order. */
  readonly deliveries: SlackDelivery[];
  /** Answers for the next requests, in order; after them each valid payload gets 200 "ok". */
  queue(...answers: SlackAnswer[]): void;
  close(): Promise<void>;
}

/**
 * A Slack incoming webhook on 127.0.0.1: validates each payload as Slack would (400 invalid_blocks),
 * answers 404 no_service on any other path, as Slack does for a revoked webhook, and can be told to
 * answer 429 with Retry-After or 500.
 */
export async function startFakeSlack(
  options: { secret?: string; checkPayload?: boolean } = {},
): Promise<FakeSlack> {
  const hookPath = `/services/T000/B000/${options.secret ?? "CANARYsecret"}`;
  const answers: SlackAnswer[] = [];
  const deliveries: SlackDelivery[] = [];
  const server = await startTestServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    if (request.url !== hookPath || request.method !== "POST") {
      response.writeHead(404, { "content-type": "text/html" }).end("no_service");
      return;
    }
    let payload: unknown = null;
    let problems: string[];
    try {
      payload = JSON.parse(body);
      problems = options.checkPayload === false ? [] : checkSlackMessage(payload);
    } catch {
      problems = ["the body is not JSON"];
    }
    if (request.headers["content-type"]?.split(";")[0] !== "application/json")
      problems.push("content-type is not application/json");
    const answer =
      answers.shift() ??
      (problems.length > 0 ? { status: 400, body: "invalid_blocks" } : { status: 200, body: "ok" });
    deliveries.push({
      path: request.url,
      headers: request.headers,
      body,
      payload,
      problems,
      status: answer.status,
    });
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (response.destroyed) return;
    response
      .writeHead(answer.status, { "content-type": "text/plain", ...answer.headers })
      .end(answer.body ?? "");
  });
  return {
    webhookUrl: `${server.url}${hookPath}`,
    server,
    deliveries,
    queue: (...more) => answers.push(...more),
    close: () => server.close(),
  };
}
