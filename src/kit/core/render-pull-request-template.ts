/**
 * The pull request template `shipready init --kit` writes: what changed, the issue it closes (so
 * GitHub links and closes it), and the readiness and changelog checkboxes a reviewer looks for.
 */
export function renderPullRequestTemplate(): string {
  return `## What changed

<!-- A sentence or two on what this pull request does and why. -->

Closes #

## Checklist

- [ ] Release readiness holds: \`shipready check\` passes (or the readiness comment on this pull request is green)
- [ ] The title and commit messages follow Conventional Commits (\`feat:\`, \`fix:\`...), so the changelog is generated from them
- [ ] A change users will notice is described for the changelog (or \`CHANGELOG.md\` is updated)
- [ ] Tests cover the change
- [ ] Documentation is updated where behaviour changed
`;
}
