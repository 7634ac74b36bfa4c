import { ShipreadyError } from "../errors.js";
import type { Redact } from "../shared/create-redactor.js";
import type { DeployEvents, DeployEventType } from "./ports.js";
import type { DeployRecord } from "./types.js";

/** What listeners link to a record along the way, kept on it. */
export type DeployLinks = Pick<DeployRecord, "incident" | "githubDeployment">;

/** One thing told as a deploy goes: the GitHub Deployment, the incident issue, Slack and webhooks. */
export interface DeployListener {
  /** How a warning names it: "the GitHub deployment", "the incident issue", "deploy notifications". */
  name: string;
  /**
   * Does what the event asks of it. It is handed a copy of the record, redacted, with the links made
   * so far; it may throw, and its error becomes a warning: a listener never stops a deploy.
   */
  handle(type: DeployEventType, record: DeployRecord): Promise<DeployLinks | void>;
}

export interface DeployEventsOptions {
  /** Told in this order for each event, each seeing the links the ones before it made. */
  listeners: DeployListener[];
  /** The run's redactor: records are redacted before a listener sees them, and so are warnings. */
  redact: Redact;
  /** Told of each listener that failed, in one line that says what to do; never throws into emit. */
  onWarning(message: string): void;
}

/** The events the rollback follows: told without waiting, so it starts at once; the next event waits for them. */
const TOLD_IN_THE_BACKGROUND: ReadonlySet<DeployEventType> = new Set([
  "verification-failed",
  "rollback-started",
]);

/**
 * One DeployEvents over many listeners. Events are handled one after another, in the order they
 * were emitted, each by every listener in turn. `emit` waits for the event to be handled and returns
 * the links made for the record so far, except for verification-failed and rollback-started, which
 * return at once: a rollback must not wait for GitHub or Slack (the next emit waits for them
 * instead, so nothing is lost and the order holds). emit never throws.
 */
export function createDeployEvents(options: DeployEventsOptions): DeployEvents {
  const links = new Map<string, DeployLinks>();
  let queue: Promise<void> = Promise.resolve();

  const warn = (listener: DeployListener, type: DeployEventType, error: unknown): void => {
    const text =
      error instanceof ShipreadyError
        ? `${error.message}${error.fix ? `. ${error.fix}` : ""}`
        : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    try {
      options.onWarning(options.redact(`${listener.name} (${type}): ${text}`));
    } catch {
      // Whoever is told cannot stop the deploy either.
    }
  };

  const handle = async (type: DeployEventType, id: string, snapshot: DeployRecord): Promise<void> => {
    for (const listener of options.listeners) {
      const known = links.get(id) ?? {};
      try {
        const made = await listener.handle(type, { ...snapshot, ...known });
        if (made) links.set(id, { ...known, ...definedLinks(made) });
      } catch (error) {
        warn(listener, type, error);
      }
    }
  };

  return {
    async emit(type, record) {
      try {
        const own = definedLinks(record);
        links.set(record.id, { ...own, ...links.get(record.id) });
        const snapshot = redactRecord(record, options.redact);
        const done = queue.then(() => handle(type, record.id, snapshot));
        queue = done.catch(() => undefined);
        if (!TOLD_IN_THE_BACKGROUND.has(type)) await queue;
        return { ...links.get(record.id) };
      } catch {
        return {};
      }
    },
  };
}

function definedLinks(from: DeployLinks): DeployLinks {
  return {
    ...(from.incident && { incident: { ...from.incident } }),
    ...(from.githubDeployment && { githubDeployment: { ...from.githubDeployment } }),
  };
}

/**
 * A deep copy of the record with every string redacted: a listener sees it as it was when emitted,
 * whatever the deploy changes afterwards, and no secret from a step's output or a metric's reason.
 */
function redactRecord(record: DeployRecord, redact: Redact): DeployRecord {
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return redact(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    }
    return value;
  };
  return walk(record) as DeployRecord;
}
