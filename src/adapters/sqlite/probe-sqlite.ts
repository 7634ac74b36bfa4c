import Database from "better-sqlite3";

let probed: { usable: boolean } | undefined;

/**
 * Whether SQLite can be used in this process. Its native addon may be missing (the bundled GitHub
 * Action runs without node_modules) or built for another Node; what SQLite only speeds up (the
 * history index, the GitHub answer cache) then works without it. Asked once per process.
 */
export function canUseSqlite(): boolean {
  if (probed === undefined) {
    try {
      new Database(":memory:").close();
      probed = { usable: true };
    } catch {
      probed = { usable: false };
    }
  }
  return probed.usable;
}
