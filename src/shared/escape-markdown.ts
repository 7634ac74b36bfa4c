/**
 * Makes outside text (gate and category names) safe inside a markdown line or table cell: no
 * markup, no HTML (so no marker comment can be smuggled in), no line breaks, no cell-splitting pipes.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_[\]{}<>|#!~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;");
}
