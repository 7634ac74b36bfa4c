import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { EvidenceError } from "../errors.js";
import type { Http, HttpAnswer, ProbeFailure } from "../ports.js";
import { bareHost, findForbiddenHost, guardLookup } from "./forbidden-addresses.js";

export interface HttpProbeOptions {
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Body bytes read at most before the connection is dropped (default 64 KiB). */
  maxBodyBytes?: number;
  /** Resolves a host name to its addresses (default: the system resolver); tests use it to act out DNS answers. */
  resolveHost?: (hostname: string) => Promise<LookupAddress[]>;
}

export type ProbeError = EvidenceError & { code: ProbeFailure };

const REFUSED_FIX =
  "probe the service's own address; link-local and cloud metadata addresses are refused on purpose so a probe cannot read cloud credentials";

/** One GET per call with the guards of `Http`: refused addresses, same-host redirects, capped body. */
export function createHttpProbe(options: HttpProbeOptions = {}): Http {
  const settings = {
    maxRedirects: options.maxRedirects ?? 5,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    lookup: guardLookup(
      options.resolveHost ?? ((hostname) => dnsLookup(hostname, { all: true })),
      (hostname, address, found) =>
        probeError(
          "address-refused",
          `${hostname} resolves to ${address}, ${found}, refused on purpose`,
          REFUSED_FIX,
        ),
    ),
  };
  return { get: (url, getOptions) => probe(url, getOptions, settings) };
}

export const httpProbe: Http = createHttpProbe();

interface ProbeSettings {
  maxRedirects: number;
  maxBodyBytes: number;
  lookup: LookupFunction;
}

interface Hop {
  status: number;
  headersAt: number;
  location: string | undefined;
}

async function probe(
  url: string,
  options: { timeoutMs: number; headers?: Record<string, string>; signal?: AbortSignal },
  settings: ProbeSettings,
): Promise<HttpAnswer> {
  let target = parseTarget(url);
  const started = performance.now();
  const stop = new AbortController();
  const timer = setTimeout(
    () => stop.abort(probeError("timeout", `no answer from ${target.host} within ${options.timeoutMs} ms`)),
    Math.min(options.timeoutMs, 2 ** 31 - 1),
  );
  const onAbort = () => stop.abort(probeError("aborted", `stopped before ${target.host} answered`));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    for (let redirects = 0; ; redirects++) {
      refuseForbiddenTarget(target);
      const hop = await requestOnce(target, options.headers ?? {}, stop.signal, settings);
      const answer = { status: hop.status, latencyMs: Math.round(hop.headersAt - started) };
      if (hop.status < 300 || hop.status >= 400 || hop.location === undefined) return answer;
      const next = URL.canParse(hop.location, target.href) ? new URL(hop.location, target) : null;
      const refusal = whyNotFollow(target, next, redirects, settings.maxRedirects);
      if (refusal !== null || next === null) return { ...answer, note: `redirect ${refusal} not followed` };
      target = next;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Why a redirect is not followed, as the end of "redirect ... not followed"; null to follow it. */
function whyNotFollow(from: URL, next: URL | null, redirects: number, maxRedirects: number): string | null {
  if (next === null) return "to an invalid location";
  if (next.protocol !== "http:" && next.protocol !== "https:") return `to a ${next.protocol} URL`;
  // Only the host the user configured is trusted; anywhere else could be an internal service.
  if (next.hostname !== from.hostname) return `to another host (${next.hostname})`;
  if (from.protocol === "https:" && next.protocol === "http:") return "from https to http";
  if (redirects >= maxRedirects) return `beyond ${maxRedirects} redirects`;
  return null;
}

function parseTarget(url: string): URL {
  if (!URL.canParse(url)) {
    throw probeError(
      "bad-url",
      "the URL cannot be parsed",
      "write a full URL such as https://example.com/health",
    );
  }
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw probeError(
      "bad-url",
      `only http: and https: URLs can be probed, not ${target.protocol}`,
      "use an http or https URL",
    );
  }
  return target;
}

/** Host names and literal addresses are refused before any connection; resolved names in the lookup. */
function refuseForbiddenTarget(target: URL): void {
  const found = findForbiddenHost(target.hostname);
  if (found !== null) {
    throw probeError(
      "address-refused",
      `${bareHost(target.hostname)} is ${found}, refused on purpose`,
      REFUSED_FIX,
    );
  }
}

function requestOnce(
  target: URL,
  headers: Record<string, string>,
  stop: AbortSignal,
  settings: ProbeSettings,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    if (stop.aborted) {
      reject(stop.reason);
      return;
    }
    let done = false;
    const finish = (error: EvidenceError | null, hop?: Hop) => {
      if (done) return;
      done = true;
      stop.removeEventListener("abort", onStop);
      // Nothing more is read; destroying also drops whatever body is left.
      request.destroy();
      if (error) reject(error);
      else resolve(hop!);
    };
    const onStop = () => finish(stop.reason as EvidenceError);
    const client = target.protocol === "https:" ? https : http;
    let request: http.ClientRequest;
    try {
      request = client.request(
        {
          protocol: target.protocol,
          hostname: bareHost(target.hostname),
          port: target.port || undefined,
          path: `${target.pathname}${target.search}`,
          method: "GET",
          headers: { "user-agent": "shipready", accept: "*/*", ...headers },
          ...(target.username !== "" && {
            auth: `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`,
          }),
          agent: false,
          lookup: settings.lookup,
        },
        (response) => {
          const hop: Hop = {
            status: response.statusCode ?? 0,
            headersAt: performance.now(),
            location: response.headers.location,
          };
          if (hop.status >= 300 && hop.status < 400) {
            finish(null, hop);
            return;
          }
          let bytes = 0;
          response.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes >= settings.maxBodyBytes) finish(null, hop);
          });
          response.on("end", () => finish(null, hop));
          response.on("error", (error) => finish(describeFailure(error, target)));
          response.on("close", () => {
            if (!response.complete)
              finish(describeFailure(Object.assign(new Error("aborted"), { code: "ECONNRESET" }), target));
          });
        },
      );
    } catch (error) {
      // Invalid header names or values throw before any connection; the message names no value.
      done = true;
      const code = (error as NodeJS.ErrnoException).code ?? "an invalid option";
      reject(
        probeError(
          "bad-request",
          `the request could not be made: ${code}`,
          "check the headers in shipready.yml",
        ),
      );
      return;
    }
    request.on("error", (error) => finish(describeFailure(error, target)));
    stop.addEventListener("abort", onStop, { once: true });
    request.end();
  });
}

function describeFailure(error: Error, target: URL): EvidenceError {
  if (error instanceof EvidenceError) return error;
  const host = target.host;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "ECONNREFUSED") return probeError("connection-refused", `${host} refused the connection`);
  if (code === "ECONNRESET" || code === "EPIPE" || error.message === "socket hang up") {
    return probeError("connection-reset", `${host} closed the connection before answering`);
  }
  if (code === "ENOTFOUND" || code.startsWith("EAI_")) {
    return probeError("dns", `could not resolve ${target.hostname}`, "check the host name in the URL");
  }
  if (["EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "ETIMEDOUT", "EHOSTDOWN"].includes(code)) {
    return probeError("unreachable", `${host} is unreachable (${code})`);
  }
  if (/^ERR_(TLS|SSL)_|CERT|SELF_SIGNED|UNABLE_TO_|^EPROTO$/.test(code)) {
    return probeError("tls", `the TLS handshake with ${host} failed: ${error.message}`);
  }
  if (code.startsWith("HPE_")) return probeError("protocol", `${host} sent an invalid HTTP response`);
  return probeError("other", `the request to ${host} failed: ${code || error.message}`);
}

function probeError(code: ProbeFailure, message: string, fix?: string): ProbeError {
  return Object.assign(new EvidenceError(message, fix), { code });
}
