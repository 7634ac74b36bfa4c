/** What delivery needs from the outside world: somewhere to send notifications. */
import type { ReadinessPorts } from "../readiness/ports.js";

/** Why a notification was not delivered, so the caller can say what to do about each. */
export type NotifyFailure =
  | "revoked"
  | "rejected"
  | "rate-limited"
  | "server"
  | "timeout"
  | "unreachable"
  | "redirect"
  | "bad-url"
  | "address-refused"
  | "aborted";

/** Where one notification goes. */
export interface NotifyTarget {
  /** The URL is a secret: it is sent to, never shown. */
  url: string;
  headers?: Record<string, string>;
  /** How messages name the target ("the Slack webhook"), since they must not show the URL. */
  label: string;
}

export type NotifyDelivery =
  | { ok: true; attempts: number; status: number }
  | {
      ok: false;
      attempts: number;
      /** The last HTTP status answered; null when no answer came. */
      status: number | null;
      failure: NotifyFailure;
      /** What happened, naming the target by its label, never by its URL. */
      message: string;
    };

/** Sends notifications: webhooks that take a JSON POST (Slack's incoming webhooks among them). */
export interface Notifier {
  /**
   * POSTs `payload` as JSON once, retrying 429 and 5xx answers with a capped back-off (a 429's
   * Retry-After honoured). Never rejects: a failure is a delivery with ok false.
   */
  post(target: NotifyTarget, payload: unknown, options?: { signal?: AbortSignal }): Promise<NotifyDelivery>;
}

/** What a run that delivers is given: the readiness ports and, for notifications, a notifier. */
export interface RunPorts extends ReadinessPorts {
  /** Sends notifications; needed only for `notify`. */
  notifier?: Notifier;
}
