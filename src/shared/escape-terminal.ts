/**
 * Makes outside text safe to print: control characters (escape sequences that could move the
 * cursor, retitle the window or hide text) are shown as \xNN instead of being obeyed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function escapeTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
