/** Where the workflow `shipready init --github` writes takes the Action from. */
export const ACTION_REF = "shipready/shipready@v0";

/**
 * The workflow `shipready init --github` writes: the seed updater's triggers (push to main and
 * develop, daily at 09:00 UTC, a manual run choosing the branch, whether to commit and whether to
 * gate), pull requests for the readiness comment, and the least permissions that does it.
 */
export function renderGitHubWorkflow(): string {
  return `# Keeps the release checklist's readiness current: on every push to main or develop, every day at
# 09:00 UTC and on demand; on a pull request it keeps one comment with the readiness.
name: Release readiness

on:
  push:
    branches: [main, develop]
  pull_request:
    branches: [main, develop]
  schedule:
    - cron: "0 9 * * *"
  workflow_dispatch:
    inputs:
      branch:
        description: "Branch to update (default: the one the run starts on)"
        required: false
        type: string
      commit_changes:
        description: Commit the updated checklist and history
        required: false
        default: true
        type: boolean
      enforce_gate:
        description: Fail the run when the release is not ready
        required: false
        default: false
        type: boolean

# Least privilege, each for one thing the Action does:
#   contents: write         commit and push the updated checklist and history (read is enough with commit: false)
#   pull-requests: write    keep the readiness comment on a pull request
#   actions: read           github-actions evidence and the CI snapshot read workflow runs
#   checks: read            github-checks evidence reads check runs
#   statuses: read          github-checks evidence reads commit statuses
#   security-events: read   github-security evidence reads code scanning alerts
# (Dependabot alerts need a token with the vulnerability-alerts permission, which GITHUB_TOKEN cannot be given.)
permissions:
  contents: write
  pull-requests: write
  actions: read
  checks: read
  statuses: read
  security-events: read

# One run per branch at a time, so that two updates never race to push.
concurrency:
  group: shipready-\${{ github.event.inputs.branch || github.ref }}
  cancel-in-progress: false

jobs:
  readiness:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ inputs.branch || '' }}
          fetch-depth: 0
      - name: Release readiness
        id: readiness
        uses: ${ACTION_REF}
        with:
          mode: update
          # Pushes and the daily run commit; a manual run as chosen; a pull request never does.
          commit: \${{ github.event_name == 'push' || github.event_name == 'schedule' || (github.event_name == 'workflow_dispatch' && inputs.commit_changes) }}
          branch: \${{ inputs.branch || '' }}
          fail-on-not-ready: \${{ github.event_name == 'workflow_dispatch' && inputs.enforce_gate }}
          comment: true
          notify: false
          # notify: true
          # slack-webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
`;
}
