/** A record's id: `<env>-<start, compact ISO with milliseconds>-<short commit>`, unique per environment. */
export function deployRecordId(environment: string, startedAt: Date, commit: string | null): string {
  const compact = startedAt.toISOString().replace(/[-:]/g, "").replace(".", "");
  return `${environment}-${compact}-${(commit ?? "nocommit").slice(0, 7)}`;
}
