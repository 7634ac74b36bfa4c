import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** HTML that is already escaped: what `markup` returns, and what it inserts as it is. */
export type Html = HtmlEscapedString;

/**
 * hono's auto-escaping `html` tagged template, for synchronous use: every interpolated string is
 * escaped (& < > " '), arrays are joined, null/undefined/false vanish, and only `Html` values go in
 * unescaped. The pages never interpolate promises, so the result is always a finished string. (Named
 * apart from `html` so that the formatter leaves the markup's whitespace as written.)
 */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return html(strings, ...values) as Html;
}

export { raw };
