import type { Notifier, NotifyDelivery, NotifyFailure, NotifyTarget } from "../ports.js";

export interface WebhookSenderOptions {
  /** Retries after the first attempt, for 429 and 5xx answers and refused connections (default 3). */
  retries?: number;
  /** A Retry-After longer than this is not waited for: the send fails as rate-limited (default 30 seconds). */
  maxRetryAfterSeconds?: number;
  /** How many milliseconds a second of Retry-After, or a unit of back-off, lasts (default 1000); tests shorten it. */
  delayUnitMs?: number;
  /** One attempt's time limit, in milliseconds (default 10000). */
  timeoutMs?: number;
  /** The fetch that sends requests (default the global one). */
  fetch?: typeof globalThis.fetch;
}

/** Enough of an answer's body to read an error code such as Slack's no_service. */
const MAX_BODY_BYTES = 4096;

/**
 * The Notifier over HTTP: a JSON POST per attempt, no redirect followed (a webhook that moves is one
 * to fix, and following a POST elsewhere would hand the payload to another host), and the URL in no
 * message. A timeout is not retried: the message may have been posted, and a retry would post it twice.
 */
export function createWebhookSender(options: WebhookSenderOptions = {}): Notifier {
  const settings = {
    retries: options.retries ?? 3,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 30,
    delayUnitMs: options.delayUnitMs ?? 1000,
    timeoutMs: options.timeoutMs ?? 10_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  return { post: (target, payload, postOptions) => post(target, payload, postOptions?.signal, settings) };
}

export const webhookSender: Notifier = createWebhookSender();

type Settings = Required<Omit<WebhookSenderOptions, "fetch">> & { fetch: typeof globalThis.fetch };

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
  let response: Response;
  try {
    response = await settings.fetch(target.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "shipready", ...target.headers },
      body,
      redirect: "manual",
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
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
  const said = await readSaid(response);
  const status = response.status;
  if (status >= 200 && status < 300) return stop({ ok: true, attempts: attempt, status });
  const answered = `${label} answered ${status}${said ? ` (${said})` : ""}`;
  if (status >= 300 && status < 400)
    return stop(failed(attempt, status, "redirect", `${answered}, a redirect, which is not followed`));
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
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

/**
 * A short error code the receiver gave (Slack answers no_service, invalid_blocks and the like). Only
 * a plain word or phrase is kept: a body could echo what was sent, or hold markup.
 */
async function readSaid(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    while (bytes < MAX_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
    }
  } catch {
    return "";
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/, 1)[0] ?? "";
  return /^[\w.,:;' -]{1,80}$/.test(text) ? text : "";
}

function networkCode(error: unknown): string {
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
