import { FETCH_METADATA, LABELER, STALE, usesPinned } from "./pinned-actions.js";

/**
 * The workflows of the repository kit. Each runs with the least permissions it needs, pins its
 * third-party action to a commit, and passes whatever came from an event to a shell only through
 * environment variables, never spliced into the script.
 */

export function renderLabelerWorkflow(): string {
  return `# Labels each pull request by the files it changes, as .github/labeler.yml says.
# pull_request_target runs this workflow as it is on the default branch, with a token that may
# label pull requests from forks too; it never checks out or runs the pull request's code.
name: Label pull requests

on:
  pull_request_target:
    types: [opened, synchronize, reopened]

permissions:
  contents: read
  pull-requests: write

jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: ${usesPinned(LABELER)}
        with:
          sync-labels: true
`;
}

export function renderStaleWorkflow(): string {
  return `# Marks issues and pull requests with no activity for 60 days as stale, and closes them 14 days
# later unless someone comments. Pinned, security and in-progress work is never marked.
name: Stale issues and pull requests

on:
  schedule:
    - cron: "30 1 * * *"
  workflow_dispatch:

permissions:
  issues: write
  pull-requests: write

jobs:
  stale:
    runs-on: ubuntu-latest
    steps:
      - uses: ${usesPinned(STALE)}
        with:
          days-before-stale: 60
          days-before-close: 14
          stale-issue-label: stale
          stale-pr-label: stale
          exempt-issue-labels: pinned,security,in-progress
          exempt-pr-labels: pinned,security,in-progress
          stale-issue-message: >-
            This issue has had no activity for 60 days. It will be closed in 14 days unless
            someone comments or removes the stale label.
          stale-pr-message: >-
            This pull request has had no activity for 60 days. It will be closed in 14 days unless
            someone comments or removes the stale label.
`;
}

export function renderDependabotAutoMergeWorkflow(): string {
  return `# Turns on auto-merge for Dependabot's patch updates. GitHub merges them only once every check and
# review the branch requires has passed (Settings > Rules, or Settings > Branches): without required
# checks, auto-merge would merge at once, so require them first (shipready's github-branch-protection
# evidence checks that). Minor and major updates wait for a person.
name: Dependabot auto-merge

on:
  pull_request_target:
    types: [opened, synchronize, reopened]

permissions:
  contents: write
  pull-requests: write

jobs:
  auto-merge:
    runs-on: ubuntu-latest
    if: github.event.pull_request.user.login == 'dependabot[bot]'
    steps:
      - name: Dependabot metadata
        id: metadata
        uses: ${usesPinned(FETCH_METADATA)}
      - name: Auto-merge a patch update once the required checks pass
        if: steps.metadata.outputs.update-type == 'version-update:semver-patch'
        run: gh pr merge --auto --squash "$PR_URL"
        env:
          PR_URL: \${{ github.event.pull_request.html_url }}
          GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
`;
}
