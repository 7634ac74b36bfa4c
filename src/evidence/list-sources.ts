// Provenance fits in a table cell; the details name every file.
const MAX_SOURCES_SHOWN = 5;

/** Sources as one provenance string: the first five, then how many more. */
export function listSources(sources: string[]): string {
  const rest = sources.length - MAX_SOURCES_SHOWN;
  const head = sources.slice(0, MAX_SOURCES_SHOWN).join(", ");
  return rest > 0 ? `${head} and ${rest} more` : head;
}
