import { resolve } from "node:path";
import { pickReleaseNotes } from "./core/pick-release-notes.js";
import type { ReleaseStepDefinition } from "./core/run-release-steps.js";
import { readIfExists } from "./plan-release-files.js";
import type { ReleaseState } from "./release-state.js";
import { writeFilesStep } from "./write-files-step.js";

const writeChangelog = writeFilesStep("changelog");

/**
 * The changelog step: prepends the version's section to the changelog (see writeFilesStep). It also
 * settles the release notes, that section as the release leaves the changelog.
 */
export const changelogStep: ReleaseStepDefinition<ReleaseState> = {
  name: "changelog",
  async check(s) {
    const found = await writeChangelog.check(s);
    for (const t of s.tags) {
      const planned = s.changelogs.find(
        (f) => t.changelogFile !== null && resolve(s.top, f.path) === t.changelogFile,
      );
      const text = planned
        ? planned.after
        : t.changelogFile === null
          ? null
          : await readIfExists(s.ports, t.changelogFile);
      t.notes = pickReleaseNotes(text, t.version, t.markdown);
    }
    s.report.notes = s.tags[0]!.notes;
    return found;
  },
};
