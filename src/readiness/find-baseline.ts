import type { ShipreadyConfig } from "../config/types.js";
import { ShipreadyError } from "../errors.js";
import type { Baseline } from "../evidence/types.js";
import { listChecklistHistory } from "./checklist-history.js";
import { chooseBaseline } from "./core/choose-baseline.js";
import type { ReadinessPorts } from "./ports.js";

/**
 * The figures recorded at the last release for this checklist: git names the last release tag on the
 * history of the commit judged, history gives the record chosen for it (core/choose-baseline.ts).
 * When git cannot tell (not a repository, a shallow clone), the baseline is missing and says why.
 */
export async function findBaseline(
  input: { checklistPath: string; config: ShipreadyConfig; dir: string; commit: string | null },
  ports: Pick<ReadinessPorts, "releaseTags" | "git" | "files" | "openHistory">,
): Promise<Baseline> {
  let release;
  try {
    release = await ports.releaseTags.findLastRelease(
      input.dir,
      input.commit ?? "HEAD",
      input.config.release.tagPattern,
    );
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    const why = error.message.replace(/\.$/, "");
    return {
      release: null,
      record: null,
      missing: `the last release cannot be found (${why})${error.fix ? `; ${error.fix.replace(/\.$/, "")}` : ""}`,
      figures: {},
      findings: {},
    };
  }
  const records = await listChecklistHistory(
    input.checklistPath,
    input.config.history,
    input.config.root,
    ports,
  );
  return chooseBaseline(records, release);
}
