import { html as honoHtml, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** HTML that is already escaped: what `html` returns, and what it inserts as it is. */
export type Html = HtmlEscapedString;

/**
 * hono's auto-escaping tagged template, for synchronous use: every interpolated string is escaped
 * (& < > " '), arrays are joined, null/undefined/false vanish, and only `Html` values go in unescaped.
 * The pages never interpolate promises, so the result is always a finished string.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html;
}

export { raw };
