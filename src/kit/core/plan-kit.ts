import type { DependabotEcosystem } from "./render-dependabot-config.js";
import { renderDependabotConfig } from "./render-dependabot-config.js";
import { renderBugReportForm, renderFeatureRequestForm } from "./render-issue-forms.js";
import {
  renderDependabotAutoMergeWorkflow,
  renderLabelerWorkflow,
  renderStaleWorkflow,
} from "./render-kit-workflows.js";
import { renderLabelerConfig } from "./render-labeler-config.js";
import { renderPullRequestTemplate } from "./render-pull-request-template.js";

/** One file of the kit: where it goes, the other places GitHub reads it from, and its text. */
export interface KitFile {
  path: string;
  /** Paths that, when present, mean the repository has this file already (the kit keeps them). */
  alsoAt: readonly string[];
  text: string;
}

/** What the kit is made from: the repository's top-level folders, its ecosystems, the CODEOWNERS suggestion. */
export interface KitInputs {
  folders: readonly string[];
  ecosystems: readonly DependabotEcosystem[];
  codeowners: string;
}

/** Where GitHub reads a pull request template from. */
export const PULL_REQUEST_TEMPLATE_PATHS = [
  ".github/pull_request_template.md",
  ".github/PULL_REQUEST_TEMPLATE.md",
  "pull_request_template.md",
  "PULL_REQUEST_TEMPLATE.md",
  "docs/pull_request_template.md",
  "docs/PULL_REQUEST_TEMPLATE.md",
  ".github/PULL_REQUEST_TEMPLATE",
] as const;

/** Where GitHub reads CODEOWNERS from, in the order it looks. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

/** Every file of the repository kit, in the order they are reported. */
export function planKit(inputs: KitInputs): KitFile[] {
  return [
    {
      path: ".github/ISSUE_TEMPLATE/bug_report.yml",
      alsoAt: [".github/ISSUE_TEMPLATE/bug_report.md", ".github/ISSUE_TEMPLATE/bug_report.yaml"],
      text: renderBugReportForm(),
    },
    {
      path: ".github/ISSUE_TEMPLATE/feature_request.yml",
      alsoAt: [".github/ISSUE_TEMPLATE/feature_request.md", ".github/ISSUE_TEMPLATE/feature_request.yaml"],
      text: renderFeatureRequestForm(),
    },
    {
      path: ".github/pull_request_template.md",
      alsoAt: PULL_REQUEST_TEMPLATE_PATHS.slice(1),
      text: renderPullRequestTemplate(),
    },
    // GitHub reads the first CODEOWNERS it finds in .github/, the top folder, then docs/.
    { path: CODEOWNERS_PATHS[0], alsoAt: CODEOWNERS_PATHS.slice(1), text: inputs.codeowners },
    {
      path: ".github/labeler.yml",
      alsoAt: [".github/labeler.yaml"],
      text: renderLabelerConfig(inputs.folders),
    },
    {
      path: ".github/workflows/labeler.yml",
      alsoAt: [".github/workflows/labeler.yaml"],
      text: renderLabelerWorkflow(),
    },
    {
      path: ".github/workflows/stale.yml",
      alsoAt: [".github/workflows/stale.yaml"],
      text: renderStaleWorkflow(),
    },
    {
      path: ".github/dependabot.yml",
      alsoAt: [".github/dependabot.yaml"],
      text: renderDependabotConfig(inputs.ecosystems),
    },
    {
      path: ".github/workflows/dependabot-auto-merge.yml",
      alsoAt: [".github/workflows/dependabot-auto-merge.yaml"],
      text: renderDependabotAutoMergeWorkflow(),
    },
  ];
}
