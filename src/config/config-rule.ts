/** The shape of a named config rule, and the helpers rules read the raw file with. */

export type ConfigPath = readonly PropertyKey[];

/** A problem (or remark) tied to a place in the file; `message` says what is wrong, then how to fix it. */
export interface Located {
  path: ConfigPath;
  message: string;
}

export interface RuleFinding extends Located {
  severity: "error" | "warning";
}

export interface RuleContext {
  /** The file as parsed, before validation: rules read it defensively so they can run beside the schema. */
  raw: Record<string, unknown>;
  lineOf: (path: ConfigPath) => number;
  /** The folder of shipready.yml, for rules about the paths it names. */
  root?: string;
}

/** A rule that spans fields, which the schema cannot say. Each returns every finding it has. */
export type ConfigRule = (context: RuleContext) => RuleFinding[];

export interface ListItem {
  index: number;
  item: Record<string, unknown>;
}

export function error(at: ConfigPath, message: string): RuleFinding {
  return { severity: "error", path: at, message };
}

/** The entries of a list that are mappings; the schema reports the others. */
export function listItems(raw: Record<string, unknown>, key: string): ListItem[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown, index) => (isRecord(item) ? [{ index, item }] : []));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
