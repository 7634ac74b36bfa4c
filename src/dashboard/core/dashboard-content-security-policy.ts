/**
 * The dashboard page's Content-Security-Policy: nothing loads from anywhere, and the only script
 * that may run is the live page's own, by its hash (the static report runs none). Markup that got
 * past escaping still could not run as script. The page carries it in a meta tag, which a file
 * opened from disk obeys; the server sends it as a header too. `scriptHash` is the live script's
 * (`sha256-…`); null for a page that runs no script.
 */
export function dashboardContentSecurityPolicy(scriptHash: string | null): string {
  const live = scriptHash !== null;
  return [
    "default-src 'none'",
    // The chart and the gauge carry style attributes; styles cannot run code.
    "style-src 'unsafe-inline'",
    live ? `script-src '${scriptHash}'` : "script-src 'none'",
    ...(live ? ["connect-src 'self'"] : []),
    "img-src data:",
    "form-action 'self'",
    "base-uri 'none'",
  ].join("; ");
}
