import { resolve } from "node:path";
import type { ReleaseStepDefinition, StepCheck } from "./core/run-release-steps.js";
import type { PlannedFile } from "./plan-release-files.js";
import type { ReleaseState } from "./release-state.js";

type FilesStep = "version-files" | "changelog";

/**
 * The version-files or the changelog step: writes the new version, or the version's changelog
 * section, into its files; done already when they hold it or the tag went out with them.
 */
export function writeFilesStep(name: FilesStep): ReleaseStepDefinition<ReleaseState> {
  return {
    name,
    check: async (s) => checkFiles(name, name === "changelog" ? s.changelogs : s.versionFiles, s),
  };
}

function checkFiles(name: FilesStep, files: PlannedFile[], s: ReleaseState): StepCheck {
  const what = name === "changelog" ? "the changelog" : "the version files";
  if (s.tagged) return { state: "already-done", summary: `${what} went out with the tag` };
  if (files.length === 0) {
    return {
      state: "skipped",
      summary: "no version file: package.json and VERSION do not exist and release.versionFiles names none",
    };
  }
  const reads = files.map((f) => f.label);
  const changing = files.filter((f) => f.before !== f.after);
  if (changing.length === 0) {
    const hold = name === "changelog" ? "has" : "hold";
    return { state: "already-done", summary: `${reads.join(", ")} already ${hold} ${s.version}`, reads };
  }
  const outcome = {
    summary: changing.map((f) => describeChange(name, f, s.version)).join("; "),
    reads,
    changes: changing.map((f) => f.label),
  };
  const write = async () => {
    for (const file of changing) await s.ports.files.writeAtomic(resolve(s.top, file.path), file.after);
    return outcome;
  };
  return { state: "to-do", plan: outcome, run: write };
}

function describeChange(name: FilesStep, f: PlannedFile, releaseVersion: string): string {
  const version = f.version ?? releaseVersion;
  if (name !== "changelog" && f.found.length === 0) return `${f.label}: ${version}`;
  return name === "changelog"
    ? `${f.label}: ${f.before === null ? "create it with" : "prepend"} the ${version} section`
    : `${f.label}: ${[...new Set(f.found)].join(", ")} -> ${version}`;
}
