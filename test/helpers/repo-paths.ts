import { fileURLToPath } from "node:url";

/** The repository root, found from this compiled file (dist/test/helpers/). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The project's seed documents, copied into the repository's fixtures under their own names. */
export const seedsDir = fileURLToPath(new URL("../../../test/fixtures/seeds/", import.meta.url));

/** The seed release dashboard: the checklist shipready was first written to score. */
export const seedDashboard = `${seedsDir}000_036b06e9d9f9e5c3.txt`;
