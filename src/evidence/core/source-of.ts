import type { EvidenceSpec } from "../types.js";

/** Where a piece of evidence comes from, before anything is known about it. */
export function sourceOf(spec: EvidenceSpec): string {
  switch (spec.kind) {
    case "github-actions":
      return spec.workflow;
    case "github-checks":
      return spec.ref;
    case "github-security":
      return "security alerts";
    case "github-branch-protection":
      return `branch ${spec.branch ?? "(default)"}`;
    case "repo-kit":
      return ".github";
    case "junit":
    case "coverage":
    case "sarif":
      return spec.files;
    case "command":
      return spec.run;
    case "http":
      return spec.url.replace(/\/\/[^/@]*@/, "//").replace(/\?.*$/, "");
    case "file":
      return spec.path ?? spec.sameVersion?.map((s) => s.path).join(", ") ?? "";
    case "hooks":
      return `git hooks: ${spec.installed.join(", ")}`;
  }
}

/**
 * The name a piece of evidence's figures are recorded under in history: its kind and where it reads
 * from, not its thresholds, so a changed target still finds the figures of the last release.
 */
export function figureKeyOf(spec: EvidenceSpec): string {
  return `${spec.kind}:${sourceOf(spec)}`;
}
