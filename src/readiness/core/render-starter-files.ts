/** The checklist `shipready init` writes: the seed dashboard's shape, with shipready's markers. */
export function renderStarterChecklist(): string {
  return `# Release Readiness Checklist

<!-- READINESS_SCORE_START -->
_Run \`shipready update\` to compute the score here._
<!-- READINESS_SCORE_END -->

## Core Readiness Gates

Every gate here must pass (or carry a waiver in shipready.yml) before the release is tagged.

| Gate Name | Status | Last Run | Owner | Notes |
|-----------|--------|----------|-------|-------|
| Build & Unit Tests | 🟡 PENDING | | | |
| Security Audit | 🟡 PENDING | | | |
| Database Migration Tests | 🟡 PENDING | | | |
| API Contract Tests | 🟡 PENDING | | | |

## Optional / Post-Release Gates

| Gate Name | Status | Owner | Notes |
|-----------|--------|-------|-------|
| Load Testing | 🟡 PENDING | | |
| Rollback Procedure | 🟡 PENDING | | |

## Deployment & Release Automation

| Component | Status | Owner | Notes |
|-----------|--------|-------|-------|
| CHANGELOG Generation | 🟡 PENDING | | |
| Production Deployment Workflow | 🟡 PENDING | | |

## Final Sign-Off

- [ ] Release notes drafted and reviewed
- [ ] Rollback procedure tested
- [ ] On-call rotation confirmed for the release window
- [ ] Final sign-off from the release owner

<!-- CI_SNAPSHOT_START -->
<!-- CI_SNAPSHOT_END -->
`;
}

/** The shipready.yml `shipready init` writes, matching the starter checklist's headings. */
export function renderStarterConfig(checklist: string): string {
  return `# shipready configuration: https://shipready.dev/schema/shipready.schema.json
# yaml-language-server: $schema=node_modules/shipready/schema/shipready.schema.json
checklist: ${JSON.stringify(checklist)}
threshold: 90            # the score a release needs, besides every required gate passing

categories:              # weights are relative; a required category vetoes the release
  - { name: Core Gates, heading: "Core Readiness Gates", weight: 50, required: true }
  - { name: Optional Gates, heading: "Optional / Post-Release Gates", weight: 20 }
  - { name: Deployment Automation, heading: "Deployment & Release Automation", weight: 20 }
  - { name: Final Sign-Off, heading: "Final Sign-Off", weight: 10 }

gates: []                # bind gates to evidence, and their status comes from it instead of what is typed:
# gates:
#   - gate: Build & Unit Tests
#     evidence:
#       - github-actions: { workflow: ci.yml, sha: HEAD }     # needs GITHUB_TOKEN
#       - junit: { files: "reports/**/*.xml" }
#   - gate: Security Audit
#     evidence:
#       - github-security: { dependabot: high, codeScanning: medium }
#   - gate: Load Testing
#     evidence:
#       - command: { run: "npm run loadtest", timeout: 600s }

waivers: []              # - { gate: Load Testing, reason: "...", approver: "@qa-lead", expires: 2026-12-31 }

history:
  file: .shipready/history.jsonl   # commit this file: it is the durable record of every run
`;
}
