/**
 * A URL as messages and provenance may show it: no user, password or query values, which often
 * carry tokens (`https://***@host/path?key=***`). Text that is not a URL has the same parts hidden.
 */
export function redactUrl(raw: string): string {
  if (!URL.canParse(raw)) {
    return raw.replace(/\/\/[^/?#]*@/, "//***@").replace(/[?#][\s\S]*$/, "?***");
  }
  const url = new URL(raw);
  const userinfo = url.username !== "" || url.password !== "" ? "***@" : "";
  const query =
    url.search === ""
      ? ""
      : `?${url.search
          .slice(1)
          .split("&")
          .map((part) => {
            const equals = part.indexOf("=");
            // A bare part may be a token on its own (?abc123), so it is hidden as well.
            return equals === -1 ? (part === "" ? part : "***") : `${part.slice(0, equals)}=***`;
          })
          .join("&")}`;
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}${query}`;
}
