/**
 * The deploy and rollback workflows `shipready init --github` writes: a deploy on each published
 * release (and on demand, choosing the environment), and a rollback one click away in GitHub's UI.
 * Both hold the same concurrency group per environment, so a rollback waits for a deploy to end.
 * Inputs reach the shell through environment variables, never spliced into the script, so a
 * crafted input cannot run as a command.
 */

const PERMISSIONS = `# Least privilege, each for one thing shipready does:
#   contents: read        check out the release and read its history (the incident's changelog)
#   deployments: write    the GitHub Deployment and its statuses (in_progress, success, failure, inactive)
#   issues: write         the incident issue when a rollback runs
permissions:
  contents: read
  deployments: write
  issues: write

# One deploy or rollback per environment at a time: the second waits for the first, never cancels it.
concurrency:
  group: shipready-deploy-\${{ inputs.environment || 'production' }}
  cancel-in-progress: false`;

const SETUP = `      - uses: actions/checkout@v4
        with:
          # The whole history and the tags: the version deployed, the one before it, and the changelog.
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20`;

const TELLING = `          # The deployment and the incident issue on GitHub.
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          # Deploy notifications to Slack (incident.notify in shipready.yml):
          # SLACK_WEBHOOK_URL: \${{ secrets.SLACK_WEBHOOK_URL }}`;

const KEEP_RECORDS = `      - name: Keep the deploy records
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: shipready-deploys-\${{ github.run_id }}
          path: .shipready/deploys.jsonl
          if-no-files-found: ignore`;

export function renderDeployWorkflow(): string {
  return `# Deploys with shipready: validate the release's readiness, run the deploy steps, verify over the
# window, and roll back by itself when verification fails (opening the incident issue). Runs when a
# release is published (to production), and on demand: Actions, Deploy, Run workflow.
# To use an environment's secrets and protection rules, add \`environment: \${{ inputs.environment || 'production' }}\`
# to the job; GitHub then records a deployment of its own beside shipready's.
name: Deploy

on:
  release:
    types: [published]
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to deploy to
        required: true
        default: production
        type: string

${PERMISSIONS}

jobs:
  deploy:
    # A pre-release is not deployed to production by itself; run the workflow by hand for it.
    if: github.event_name != 'release' || !github.event.release.prerelease
    runs-on: ubuntu-latest
    steps:
${SETUP}
      - name: Deploy, verify, and roll back on failure
        env:
          ENVIRONMENT: \${{ inputs.environment || 'production' }}
${TELLING}
        run: npx shipready deploy --env "$ENVIRONMENT"
${KEEP_RECORDS}
`;
}

export function renderRollbackWorkflow(): string {
  return `# Rolls an environment back with shipready, by hand: Actions, Rollback, Run workflow. Runs the
# strategy's rollback procedures (the manual_trigger), to the version named, else to the deploy before
# the live one, and keeps the incident issue and the GitHub deployment up to date.
name: Rollback

on:
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to roll back
        required: true
        default: production
        type: string
      to:
        description: "Version to go back to, such as 1.4.2 (default: the deploy before the live one)"
        required: false
        type: string
      reason:
        description: Why (kept on the record and the incident issue)
        required: true
        type: string

${PERMISSIONS}

jobs:
  rollback:
    runs-on: ubuntu-latest
    steps:
${SETUP}
      - name: Roll back
        env:
          ENVIRONMENT: \${{ inputs.environment }}
          TO: \${{ inputs.to }}
          REASON: \${{ inputs.reason }}
${TELLING}
        run: npx shipready rollback --env "$ENVIRONMENT" --reason "$REASON" \${TO:+--to "$TO"}
${KEEP_RECORDS}
`;
}
