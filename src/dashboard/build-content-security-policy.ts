import { createHash } from "node:crypto";

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The page's Content-Security-Policy: nothing loads from anywhere, and the only scripts that run are
 * the page's own inline ones, allowed by their hashes. Text that escaped escaping still could not
 * run as script.
 */
export function buildContentSecurityPolicy(html: string): string {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes ?? "")) continue;
    hashes.add(
      `'sha256-${createHash("sha256")
        .update(body ?? "", "utf8")
        .digest("base64")}'`,
    );
  }
  return [
    "default-src 'none'",
    `script-src ${hashes.size > 0 ? [...hashes].join(" ") : "'none'"}`,
    // The chart and the gauge carry style attributes; styles cannot run code.
    "style-src 'unsafe-inline'",
    "img-src data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
