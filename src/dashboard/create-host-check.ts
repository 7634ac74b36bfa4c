/** The Host and Origin checks that keep other sites out of the dashboard (DNS rebinding, cross-site posts). */

export interface HostCheck {
  /** The `host:port` values a request may name in its Host header, lower case. */
  readonly hosts: ReadonlySet<string>;
  /** Whether a Host header names this server. */
  allows(hostHeader: string | undefined): boolean;
  /** Whether a request's Origin header, when present, is this server as the request reached it. */
  sameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean;
}

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];
const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

/** `::1` and `[::1]` alike become `[::1]:port`; names and IPv4 become `name:port`. */
function authority(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare.includes(":") ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/**
 * The hosts a server bound to `host` on `port` serves: the loopback names, the --host value, and,
 * when bound to every interface, the literal addresses of this machine's interfaces. A rebinding
 * attack points a name of its own at the machine, so names other than these are refused; a literal
 * address cannot be rebound.
 */
export function createHostCheck(input: {
  host: string;
  port: number;
  /** The machine's interface addresses, used only when `host` is a wildcard. */
  interfaceAddresses?: readonly string[];
}): HostCheck {
  const names = [...LOOPBACK, input.host];
  if (WILDCARDS.has(input.host)) names.push(...(input.interfaceAddresses ?? []));
  const hosts = new Set(names.map((name) => authority(name, input.port)));
  // Browsers leave out the default port.
  if (input.port === 80) for (const name of names) hosts.add(authority(name, 80).replace(/:80$/, ""));
  const allows = (hostHeader: string | undefined): boolean =>
    hostHeader !== undefined && hosts.has(hostHeader.trim().toLowerCase());
  return {
    hosts,
    allows,
    sameOrigin(originHeader, hostHeader) {
      if (originHeader === undefined) return true;
      if (!allows(hostHeader)) return false;
      return originHeader.trim().toLowerCase() === `http://${hostHeader!.trim().toLowerCase()}`;
    },
  };
}
