import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Notifier, NotifyDelivery, NotifyFailure, NotifyTarget } from "../delivery/ports.js";
import { bareHost, findForbiddenHost, guardLookup } from "./forbidden-addresses.js";

export interface WebhookSenderOptions {
  /** Retries after the first attempt, for 429 and 5xx answers and refused connections (default 3). */
  retries?: number;
  /** A Retry-After longer than this is not waited for: the send fails as rate-limited (default 30 seconds). */
  maxRetryAfterSeconds?: number;
  /** How many milliseconds a second of Retry-After, or a unit of back-off, lasts (default 1000); tests shorten it. */
  delayUnitMs?: number;
  /** One attempt's time limit, in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Resolves a host name to its addresses (default: the system resolver); tests use it to act out DNS answers. */
  resolveHost?: (hostname: string) => Promise<LookupAddress[]>;
}

/** Enough of an answer's body to read an error code such as Slack's no_service. */
const MAX_BODY_BYTES = 4096;

/** Marks the error the guarded lookup fails a request with, to tell it from a network fault. */
const REFUSED = Symbol("address refused");

/**
 * The Notifier over HTTP: a JSON POST per attempt, no redirect followed (a webhook that moves is one
 * to fix, and following a POST elsewhere would hand the payload to another host), and the URL in no
 * message. A timeout is not retried: the message may have been posted, and a retry would post it twice.
 * Link-local and cloud metadata addresses are refused, as the HTTP probe refuses them, checked on
 * every address the host resolves to right before connecting.
 */
export function createWebhookSender(options: WebhookSenderOptions = {}): Notifier {
  const settings = {
    retries: options.retries ?? 3,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 30,
    delayUnitMs: options.delayUnitMs ?? 1000,
    timeoutMs: options.timeoutMs ?? 10_000,
    lookup: guardLookup(
      options.resolveHost ?? ((hostname) => dnsLookup(hostname, { all: true })),
      (_hostname, _address, found) => Object.assign(new Error(found), { [REFUSED]: found }),
    ),
  };
  return { post: (target, payload, postOptions) => post(target, payload, postOptions?.signal, settings) };
}

export const webhookSender: Notifier = createWebhookSender();

type Settings = Required<Omit<WebhookSenderOptions, "resolveHost">> & { lookup: LookupFunction };

async function post(
  target: NotifyTarget,
  payload: unknown,
  signal: AbortSignal | undefined,
  settings: Settings,
): Promise<NotifyDelivery> {
  const label = target.label;
  if (!URL.canParse(target.url) || !/^https?:$/.test(new URL(target.url).protocol)) {
    return failed(0, null, "bad-url", `${label} is not an http or https URL`);
  }
  // Neither the host nor the address is named: for Slack the whole URL is the secret.
  const forbidden = findForbiddenHost(new URL(target.url).hostname);
  if (forbidden !== null) return failed(0, null, "address-refused", refusal(label, forbidden));
  const body = JSON.stringify(payload);
  let previous: Attempt | null = null;
  for (let attempt = 1; ; attempt++) {
    if (previous !== null) {
      const asked = previous.retryAfterSeconds;
      // A receiver asking for a longer pause than allowed is not hammered sooner: the send fails.
      if (asked !== null && asked > settings.maxRetryAfterSeconds) return previous.delivery;
      const wait = asked !== null ? asked * settings.delayUnitMs : 2 ** (attempt - 2) * settings.delayUnitMs;
      if (!(await sleep(wait, signal))) {
        return failed(attempt - 1, null, "aborted", `stopped before ${label} was sent`);
      }
    }
    const outcome = await sendOnce(target, body, attempt, signal, settings);
    if (outcome.delivery.ok || !outcome.retry || attempt > settings.retries) return outcome.delivery;
    previous = outcome;
  }
}

interface Attempt {
  delivery: NotifyDelivery;
  retry: boolean;
  /** What a 429 asked to wait, in seconds; null when it did not say. */
  retryAfterSeconds: number | null;
}

async function sendOnce(
  target: NotifyTarget,
  body: string,
  attempt: number,
  signal: AbortSignal | undefined,
  settings: Settings,
): Promise<Attempt> {
  const label = target.label;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  let response: Answer;
  try {
    response = await request(
      new URL(target.url),
      { "content-type": "application/json", "user-agent": "shipready", ...target.headers },
      body,
      signal ? AbortSignal.any([signal, timeout]) : timeout,
      settings.lookup,
    );
  } catch (error) {
    if (signal?.aborted) return stop(failed(attempt, null, "aborted", `stopped before ${label} answered`));
    if (timeout.aborted) {
      return stop(
        failed(
          attempt,
          null,
          "timeout",
          `${label} did not answer within ${settings.timeoutMs / 1000} s; the message may or may not have been posted`,
        ),
      );
    }
    const found = (error as { [REFUSED]?: string } | null)?.[REFUSED];
    // Refused before connecting: nothing was sent.
    if (found !== undefined) return stop(failed(attempt - 1, null, "address-refused", refusal(label, found)));
    const code = networkCode(error);
    // Refused means nothing was sent, so trying again cannot post twice.
    if (code === "ECONNREFUSED") {
      return {
        delivery: failed(attempt, null, "unreachable", `${label} refused the connection`),
        retry: true,
        retryAfterSeconds: null,
      };
    }
    return stop(
      failed(attempt, null, "unreachable", `${label} could not be reached${code ? ` (${code})` : ""}`),
    );
  }
  const said = readSaid(response.body);
  const status = response.status;
  if (status >= 200 && status < 300) return stop({ ok: true, attempts: attempt, status });
  const answered = `${label} answered ${status}${said ? ` (${said})` : ""}`;
  if (status >= 300 && status < 400)
    return stop(failed(attempt, status, "redirect", `${answered}, a redirect, which is not followed`));
  if (status === 429) {
    const retryAfter = parseRetryAfter(firstValue(response.headers["retry-after"]));
    return {
      delivery: failed(
        attempt,
        status,
        "rate-limited",
        `${answered}: rate limited${retryAfter === null ? "" : ` (asked to wait ${retryAfter} s)`}`,
      ),
      retry: true,
      retryAfterSeconds: retryAfter ?? null,
    };
  }
  if (status >= 500)
    return { delivery: failed(attempt, status, "server", answered), retry: true, retryAfterSeconds: null };
  if ([401, 403, 404, 410].includes(status))
    return stop(
      failed(attempt, status, "revoked", `${answered}: the webhook was revoked, deleted or never existed`),
    );
  return stop(failed(attempt, status, "rejected", `${answered}: the message was refused`));
}

function stop(delivery: NotifyDelivery): Attempt {
  return { delivery, retry: false, retryAfterSeconds: null };
}

function failed(
  attempts: number,
  status: number | null,
  failure: NotifyFailure,
  message: string,
): NotifyDelivery {
  return { ok: false, attempts, status, failure, message };
}

/** Seconds, or an HTTP date; null when absent or unreadable. */
function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

function refusal(label: string, found: string): string {
  return `${label} points to ${found}, refused on purpose so a notification cannot reach cloud credentials`;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body, at most MAX_BODY_BYTES. */
  body: Buffer;
}

/** One POST; resolves once the answer's body is read (or enough of it), rejects on a network fault. */
function request(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  lookup: LookupFunction,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const outgoing = client.request(
      {
        protocol: url.protocol,
        hostname: bareHost(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        ...(url.username !== "" && {
          auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
        }),
        agent: false,
        lookup,
        signal,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        const finish = () => {
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          });
          outgoing.destroy();
        };
        incoming.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          bytes += chunk.length;
          if (bytes >= MAX_BODY_BYTES) finish();
        });
        incoming.on("end", finish);
        // A body cut short still leaves the status, which is what decides.
        incoming.on("error", finish);
        incoming.on("close", finish);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

function firstValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * A short error code the receiver gave (Slack answers no_service, invalid_blocks and the like). Only
 * a plain word or phrase is kept: a body could echo what was sent, or hold markup.
 */
function readSaid(body: Buffer): string {
  const text = body.subarray(0, MAX_BODY_BYTES).toString("utf8").trim().split(/\r?\n/, 1)[0] ?? "";
  return /^[\w.,:;' -]{1,80}$/.test(text) ? text : "";
}

function networkCode(error: unknown): string {
  const direct = (error as { code?: unknown } | null)?.code;
  if (typeof direct === "string") return direct;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" ? cause.code : "";
}

/** Waits, or stops early when `signal` aborts; true when the whole wait passed. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
