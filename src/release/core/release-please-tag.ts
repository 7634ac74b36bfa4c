/** How release-please names a package's tag: its parts, as release-please-config.json sets them. */
export interface TagFormat {
  /** The component, or null/empty for none (include-component-in-tag false, or a package without one). */
  component: string | null;
  /** tag-separator: between the component and the version (default "-"). */
  separator: string;
  /** include-v-in-tag: a "v" before the version (default true). */
  includeV: boolean;
}

/** The tag of `version` as release-please writes it: my-lib-v1.2.3, v1.2.3, my-lib/1.2.3. */
export function releasePleaseTag(format: TagFormat, version: string): string {
  const v = `${format.includeV ? "v" : ""}${version}`;
  return format.component ? `${format.component}${format.separator}${v}` : v;
}

/** A tag pattern ({version} for the version) that finds the same tags, for the tag readers that take one. */
export function releasePleaseTagPattern(format: TagFormat): string {
  return releasePleaseTag(format, "{version}");
}

/**
 * The GitHub Release's name as release-please gives it: `my-lib: v1.2.3` when the tag holds the
 * component, else `v1.2.3` (without the v under include-v-in-release-name false).
 */
export function releasePleaseReleaseName(
  format: TagFormat & { includeVInName: boolean },
  version: string,
): string {
  const v = `${format.includeVInName ? "v" : ""}${version}`;
  return format.component ? `${format.component}: ${v}` : v;
}
