/** owner/name from git@host:owner/name.git, https://host/owner/name, ssh://git@host/owner/name. */
export function parseRemote(url: string): { host: string; repo: string } | null {
  const scp = /^[\w.-]+@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return { host: scp[1]!.toLowerCase(), repo: `${scp[2]}/${scp[3]}` };
  try {
    const parsed = new URL(url);
    const parts = parsed.pathname
      .replace(/^\/+|\/+$/g, "")
      .replace(/\.git$/, "")
      .split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
    return { host: parsed.hostname.toLowerCase(), repo: `${parts[0]}/${parts[1]}` };
  } catch {
    return null;
  }
}
