import { InputError, IoError, type ShipreadyError } from "../../errors.js";
import type { DatabaseTarget } from "./parse-database-url.js";

/** Node's codes for a server that cannot be reached, and what each means. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (is PostgreSQL running and listening there?)",
  ENOTFOUND: "the host name is unknown",
  EAI_AGAIN: "the host name could not be looked up (DNS did not answer)",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host cannot be reached",
  ENETUNREACH: "the network cannot be reached",
  ECONNRESET: "the server closed the connection",
  EPIPE: "the server closed the connection",
};

/** PostgreSQL's SQLSTATE codes a user can fix in the URL or on the server. */
const SETUP_CODES: Record<string, (target: DatabaseTarget) => { problem: string; fix: string }> = {
  "28P01": (t) => ({
    problem: `the server refused the password of user "${t.user}"`,
    fix: "Put the user's right password in the URL (percent-encoded), or ask the database's owner for it.",
  }),
  "28000": (t) => ({
    problem: `the server does not let user "${t.user}" in from here`,
    fix: "Check the user name, and that pg_hba.conf on the server lets it connect to this database.",
  }),
  "3D000": (t) => ({
    problem: `there is no database "${t.database}"`,
    fix: `Create it (createdb ${t.database}, or CREATE DATABASE), or name an existing one in the URL's path.`,
  }),
  "42501": (t) => ({
    problem: `user "${t.user}" lacks a privilege shipready needs`,
    fix: "Grant the user CREATE on the database (for db migrate) and read and write on shipready's tables, or use the owner.",
  }),
};

/** Server answers that mean "not now": too many connections, starting up, shutting down. */
const BUSY_CODES = new Set(["53300", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);

const where = (target: DatabaseTarget) =>
  `PostgreSQL at ${target.host}:${target.port} (database "${target.database}")`;

/**
 * What went wrong in talking to PostgreSQL, as a message a user can act on: the host, port and
 * database named, never the password nor the URL that holds it. Null for an error that is not about
 * reaching or using the server (a bug, a constraint), which the caller passes on as it is.
 *
 * Unreachable (refused, unknown host, timeout, dropped) is an I/O failure (exit 74): trying again
 * later may work. A server that answers "no" (wrong password, no such database, no privilege, TLS
 * refused) is bad input (exit 2): the URL or the server's setup must change first.
 */
export function describePostgresError(
  target: DatabaseTarget,
  error: unknown,
  doing: string,
  timeoutMs = 10_000,
): ShipreadyError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const cannot = `cannot ${doing} ${where(target)}`;
  if (typeof code === "string" && code in NETWORK_CODES) {
    return new IoError(
      `${cannot}: ${NETWORK_CODES[code]}`,
      "Check the host and port in the URL and that the server is up, then run again.",
      { cause: error },
    );
  }
  if (/timeout expired|connection timeout/i.test(message)) {
    return new IoError(
      `${cannot}: no answer within ${timeoutMs / 1000} seconds`,
      "Check the host and port in the URL, and that no firewall drops the connection, then run again.",
      { cause: error },
    );
  }
  if (/Connection terminated/i.test(message)) {
    return new IoError(
      `${cannot}: the connection was closed before the server answered`,
      "Check that the server is up and accepts this client (TLS, pg_hba.conf), then run again.",
      { cause: error },
    );
  }
  if (typeof code === "string" && code in SETUP_CODES) {
    const { problem, fix } = SETUP_CODES[code]!(target);
    return new InputError(`${cannot}: ${problem}`, fix, { cause: error });
  }
  if (typeof code === "string" && BUSY_CODES.has(code)) {
    return new IoError(`${cannot}: ${message}`, "Try again when the server accepts connections.", {
      cause: error,
    });
  }
  if (/client password must be a string|password authentication|SASL/i.test(message)) {
    return new InputError(
      `${cannot}: the server asks for a password and the URL gives none that it accepts`,
      "Put the user's password in the URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE.",
      { cause: error },
    );
  }
  if (/does not support SSL/i.test(message)) {
    return new InputError(
      `${cannot}: the URL asks for TLS (sslmode) and the server offers none`,
      "Enable TLS on the server, or write sslmode=disable in the URL if the network is trusted.",
      { cause: error },
    );
  }
  if (
    /certificate|self[- ]signed|SSL|TLS/i.test(message) ||
    (typeof code === "string" && /CERT|TLS|SSL/.test(code))
  ) {
    return new InputError(
      `${cannot}: TLS failed (${message})`,
      "Give the server's CA with sslrootcert=/path/to/ca.pem in the URL, or fix the server's certificate.",
      { cause: error },
    );
  }
  if (code === "ENOENT" || code === "EACCES") {
    return new InputError(
      `${cannot}: a file the URL names cannot be read (${message})`,
      "Check the paths of sslrootcert, sslcert and sslkey in the URL.",
      { cause: error },
    );
  }
  return null;
}
