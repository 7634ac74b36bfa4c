import type { LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * The addresses shipready never connects to, whoever configured them: link-local ranges and the
 * cloud metadata services, which hand out credentials to whatever on the machine asks. Loopback
 * stays allowed: local receivers and tests listen on 127.0.0.1.
 */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata"]);
const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"].map((text) =>
  ipaddr.parse(text),
);
/** IPv6 ranges that carry an IPv4 address in their last 32 bits and reach it: mapped, translated, NAT64. */
const EMBEDDING_RANGES = ["::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96", "::/96"].map((cidr) =>
  ipaddr.IPv6.parseCIDR(cidr),
);

/** A URL's hostname as a resolver or an address parser takes it: no brackets, no final dot, lower case. */
export function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

/**
 * Why a URL's host must not be reached before anything is resolved ("a cloud metadata host name",
 * "a link-local address"); null when it may be, or when only its resolved addresses can tell.
 */
export function findForbiddenHost(hostname: string): string | null {
  const host = bareHost(hostname);
  if (METADATA_HOSTS.has(host)) return "a cloud metadata host name";
  return isIP(host) === 0 ? null : findForbiddenAddress(host);
}

/** "a link-local address" and the like when the address must not be connected to; null when it may. */
export function findForbiddenAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    const range = v6.range();
    if (range === "loopback") return null;
    if (range === "unspecified") return "an unspecified address";
    if (EMBEDDING_RANGES.some((cidr) => v6.match(cidr))) {
      ip = ipaddr.fromByteArray(v6.toByteArray().slice(12));
    }
  }
  if (
    METADATA_ADDRESSES.some(
      (known) => known.kind() === ip.kind() && ip.match(known, ip.kind() === "ipv4" ? 32 : 128),
    )
  ) {
    return "a cloud metadata address";
  }
  const range = ip.range();
  if (range === "linkLocal") return "a link-local address";
  if (range === "unspecified") return "an unspecified address";
  return null;
}

/**
 * A `lookup` for node:http(s) that checks every address a name resolves to right before connecting,
 * so DNS rebinding cannot slip past a check made earlier. `refuse` makes the error a refused name
 * fails the request with.
 */
export function guardLookup(
  resolveHost: (hostname: string) => Promise<LookupAddress[]>,
  refuse: (hostname: string, address: string, found: string) => Error,
): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (addresses) => {
        const forbidden = addresses
          .map((entry) => ({ address: entry.address, found: findForbiddenAddress(entry.address) }))
          .find((entry) => entry.found !== null);
        if (forbidden) {
          callback(
            refuse(hostname, forbidden.address, forbidden.found!) as unknown as NodeJS.ErrnoException,
            "",
          );
          return;
        }
        const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
        const usable = family ? addresses.filter((entry) => entry.family === family) : addresses;
        const first = usable[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
