/**
 * Headers as shipready.yml writes them, `${NAME}` replaced by the environment variable NAME, so a
 * token never has to be written in the file: `Authorization: "Bearer ${GRAFANA_TOKEN}"`.
 * The variables that are missing or empty are named (never the values: headers carry credentials).
 */
export function fillHeaderTemplates(
  templates: Readonly<Record<string, string>> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { headers: Record<string, string>; missing: string[] } {
  const headers: Record<string, string> = {};
  const missing = new Set<string>();
  for (const [name, template] of Object.entries(templates ?? {})) {
    headers[name] = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string) => {
      const value = env[variable];
      if (value === undefined || value === "") missing.add(variable);
      return value ?? "";
    });
  }
  return { headers, missing: [...missing] };
}

/** "the header needs SENTRY_TOKEN, which is not set; set it where shipready runs" */
export function describeMissingVariables(missing: readonly string[]): string {
  const names = missing.join(", ");
  return `the headers need the environment variable${missing.length === 1 ? "" : "s"} ${names}, which ${missing.length === 1 ? "is" : "are"} not set; set ${missing.length === 1 ? "it" : "them"} where shipready runs`;
}
