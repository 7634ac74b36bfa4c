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
    const text = s.changelog
      ? s.changelog.after
      : await readIfExists(s.ports, s.config.release.changelogFile);
    s.report.notes = pickReleaseNotes(text, s.version, s.plan.markdown);
    return found;
  },
};
