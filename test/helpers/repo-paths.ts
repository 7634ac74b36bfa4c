import { fileURLToPath } from "node:url";

/** The repository root, found from this compiled file (dist/test/helpers/). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The shared seeds folder beside the repository. */
export const seedsDir = fileURLToPath(new URL("../../../../shared/seeds/", import.meta.url));

export const seedDashboard = `${seedsDir}000_036b06e9d9f9e5c3.txt`;
