/** Block Kit text for Slack's incoming webhooks: escaped, and within Slack's limits. */

/** Slack's limits on Block Kit messages (https://api.slack.com/reference/block-kit). */
export const LIMITS = {
  blocks: 50,
  header: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  url: 3000,
  contextElements: 10,
  fallbackText: 3000,
};

export type Text = { type: "plain_text"; text: string; emoji?: boolean } | { type: "mrkdwn"; text: string };
export type SlackBlock =
  | { type: "header"; text: Text }
  | { type: "section"; text?: Text; fields?: Text[] }
  | { type: "context"; elements: Text[] }
  | { type: "divider" }
  | {
      type: "actions";
      elements: { type: "button"; text: Text; url: string; action_id: string; style?: "primary" }[];
    };

/** An incoming webhook's payload: blocks, and the text notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Slack's three control characters become entities, which also stops `<!channel>`, `<@U123>` and
 * links from being read out of a gate's name. A bare @channel cannot mention in Block Kit, but a word
 * joiner keeps it from being read as one by clients that link names.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, "@\u2060$1");
}

/** A heading and as many lines as fit in one section, the rest counted as "and N more". */
export function list(heading: string, lines: string[], max: number): string {
  const shown: string[] = [];
  let length = heading.length;
  const tail = (rest: number) => `\n…and ${rest} more`;
  for (const [i, line] of lines.entries()) {
    // Room for the longest "and N more" too, unless this is the last line.
    const room = LIMITS.sectionText - length - 1 - (i < lines.length - 1 ? tail(lines.length).length : 0);
    if (shown.length >= max || line.length > room) break;
    shown.push(line);
    length += line.length + 1;
  }
  const more = lines.length - shown.length;
  return [heading, ...shown].join("\n") + (more > 0 ? tail(more) : "");
}

export function field(name: string, value: string): Text {
  return mrkdwn(`*${name}*\n${value}`.slice(0, LIMITS.fieldText));
}

export function mrkdwn(text: string): Text {
  return {
    type: "mrkdwn",
    text: text.length > LIMITS.sectionText ? text.slice(0, LIMITS.sectionText) : text,
  };
}

export function plain(text: string): Text {
  return { type: "plain_text", text: cut(text, LIMITS.buttonText), emoji: true };
}

/**
 * Text on one line cut to `max` UTF-16 units (the stricter way to count Slack's limits), with an
 * ellipsis when cut; whole code points only, so no emoji is split.
 */
export function cut(text: string, max: number): string {
  const flat = text.replace(/[\r\n\t]+/g, " ");
  if (flat.length <= max) return flat;
  let kept = "";
  for (const point of flat) {
    if (kept.length + point.length > max - 1) break;
    kept += point;
  }
  return `${kept}…`;
}

/** An http(s) URL Slack can link to, or null; `|` would end a mrkdwn link's address early. */
export function safeUrl(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const href = parsed.href.replace(/\|/g, "%7C");
  return href.length <= LIMITS.url ? href : null;
}
