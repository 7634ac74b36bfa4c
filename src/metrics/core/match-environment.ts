/** Which environment names sources use for the environment measured. */

export interface EnvironmentMatch {
  /** The configured name (production), or the name asked for when it is configured nowhere. */
  name: string;
  /** Every name that counts as it, lower-cased, the name first. */
  matches: string[];
}

/**
 * `--env prod` with `environments: { production: [prod, production] }` measures production: the name
 * asked for is looked up among the configured names and their aliases (case ignored); a name
 * configured nowhere matches itself only.
 */
export function matchEnvironment(asked: string, configured: Record<string, string[]>): EnvironmentMatch {
  const wanted = asked.trim().toLowerCase();
  for (const [name, aliases] of Object.entries(configured)) {
    const all = [name, ...aliases].map((n) => n.trim().toLowerCase());
    if (all.includes(wanted)) return { name, matches: [...new Set(all)] };
  }
  return { name: asked.trim(), matches: [wanted] };
}

/** Whether a source's environment name is one of `matches` (lower-cased). */
export function isEnvironment(name: string | null, matches: readonly string[]): boolean {
  return name !== null && matches.includes(name.trim().toLowerCase());
}
