import { InputError } from "../../errors.js";

/** Where a PostgreSQL URL points, and how to show it. */
export interface DatabaseTarget {
  /** The URL as given, for the client only: it may hold a password, so it is never shown. */
  connectionString: string;
  host: string;
  port: number;
  database: string;
  user: string;
  /** The URL without its password (nor any secret parameter), fit for messages and labels. */
  label: string;
}

/** The values of sslmode that the pg client understands (see its connection-string parser). */
const SSL_MODES = ["disable", "prefer", "require", "no-verify", "verify-ca", "verify-full"];
/** Parameters worth showing in a label; anything else (a password=, a key file) stays out. */
const SHOWN_PARAMETERS = ["sslmode", "host", "port"];

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value.trim());
}

/**
 * Checks a postgres:// (or postgresql://) URL and says where it points. A URL that cannot be used is
 * refused with what is wrong with it, naming the variable it came from and never quoting the
 * password (nor the URL, which holds it).
 */
export function parseDatabaseUrl(value: string, variable: string): DatabaseTarget {
  const text = value.trim();
  const fix = `Set ${variable} to postgres://USER:PASSWORD@HOST:PORT/DATABASE (a password with @, /, ?, # or % written percent-encoded, such as %40 for @).`;
  const refuse = (problem: string): never => {
    throw new InputError(`${variable} ${problem}`, fix);
  };
  if (!isPostgresUrl(text)) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
    refuse(
      scheme
        ? `is a ${scheme}: URL; shipready keeps metrics in PostgreSQL (postgres:// or postgresql://) or, with the variable unset, in SQLite`
        : "is not a postgres:// URL",
    );
  }
  if (!URL.canParse(text)) {
    const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(text)?.[1] ?? "";
    const hostPart = authority.split("@").at(-1) ?? "";
    const portPart = /\]?:([^:\]]*)$/.exec(hostPart)?.[1];
    refuse(
      authority.split("@").length > 2
        ? "is not a valid URL: its user name or password holds an @ that is not percent-encoded"
        : portPart !== undefined && (!/^\d+$/.test(portPart) || Number(portPart) > 65535)
          ? "is not a valid URL: its port is not a number from 1 to 65535 (or its password holds a / ? or # that is not percent-encoded)"
          : "is not a valid URL (a character of the user name or password, such as / ? # or a space, may need percent-encoding)",
    );
  }
  const url = new URL(text);
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return refuse(`has a ${what} with a % that is not followed by two hexadecimal digits`);
    }
  };
  const user = decode(url.username, "user name");
  decode(url.password, "password");
  const database = decode(url.pathname.replace(/^\//, ""), "database name");
  if (database.includes("/")) refuse(`names the database "${database}", which holds a /`);
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode !== null && !SSL_MODES.includes(sslmode)) {
    throw new InputError(
      `${variable} has sslmode=${sslmode}, which is none of ${SSL_MODES.join(", ")}`,
      "Write one of them (verify-full checks the server's certificate and name; disable sends everything in clear).",
    );
  }
  const portText = url.searchParams.get("port") ?? url.port;
  const port = portText === "" ? 5432 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    refuse("has a port that is not a number from 1 to 65535");
  const host = url.searchParams.get("host") ?? url.hostname.replace(/^\[(.+)\]$/, "$1");
  const shownHost = host === "" ? "localhost" : host;
  const params = new URLSearchParams();
  for (const name of SHOWN_PARAMETERS) {
    const param = url.searchParams.get(name);
    if (param !== null) params.set(name, param);
  }
  const query = params.size > 0 ? `?${params.toString()}` : "";
  const effectiveUser = user || process.env.PGUSER || process.env.USER || "";
  return {
    connectionString: text,
    host: shownHost,
    port,
    database: database || effectiveUser,
    user: effectiveUser,
    label: `${url.protocol}//${url.username ? `${url.username}@` : ""}${url.host || shownHost}${url.pathname}${query}`,
  };
}
