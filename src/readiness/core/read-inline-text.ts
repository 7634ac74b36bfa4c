import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import frontMatter from "markdown-it-front-matter";

// CommonMark with GFM tables and strikethrough; HTML on so comments become tokens we can skip.
export const markdown = new MarkdownIt("commonmark", { html: true })
  .enable(["table", "strikethrough"])
  .use(frontMatter, () => undefined);
// Block structure for the whole document; inline markup only for the few cells whose text we
// read (names and statuses), which is most of the speed on checklists with thousands of gates.
markdown.core.ruler.disable(["inline", "text_join"]);

/**
 * Plain text of an inline token's markdown, as a reader sees it: markup and HTML tags removed (the
 * text inside kept), link texts and code spans kept, struck-through text withdrawn.
 */
export function inlineText(token: Token | undefined): string {
  return inlineTextOf(token?.content ?? "");
}

/** Plain text of a piece of inline markdown (see inlineText). */
export function inlineTextOf(content: string): string {
  // Text without markup characters reads as itself; most cells are like that.
  if (!/[\\`*_[\]<&!~]/.test(content)) return content;
  const children: Token[] = [];
  markdown.inline.parse(content, markdown, {}, children);
  return plainText(children);
}

function plainText(children: Token[]): string {
  let out = "";
  let struck = 0;
  for (const child of children) {
    // Struck-through text is withdrawn ("~~FAIL~~ PASS" says PASS); a line break or a comment separates
    // words, while other tags do not (Web<b>Socket</b> reads WebSocket).
    if (child.type === "s_open") struck++;
    else if (child.type === "s_close") struck--;
    else if (struck > 0) continue;
    else if (child.type === "text" || child.type === "code_inline") out += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") out += " ";
    else if (child.type === "html_inline") out += /^<(br|hr|!--)/i.test(child.content) ? " " : "";
    else if (child.type === "image") out += plainText(child.children ?? []);
  }
  return out;
}
