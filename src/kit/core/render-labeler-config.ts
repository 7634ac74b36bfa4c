/**
 * `.github/labeler.yml` for actions/labeler (v5 and later: `changed-files` match objects): a label
 * for each kind of change most repositories have, and one per top-level folder the history shows.
 */
export function renderLabelerConfig(folders: readonly string[]): string {
  const fixed: [string, string[]][] = [
    ["documentation", ["docs/**", "**/*.md"]],
    ["ci", [".github/**"]],
    ["tests", ["test/**", "tests/**", "**/*.test.*", "**/*_test.*"]],
    [
      "dependencies",
      [
        "package.json",
        "package-lock.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "requirements*.txt",
        "pyproject.toml",
        "poetry.lock",
        "go.mod",
        "go.sum",
        "Cargo.toml",
        "Cargo.lock",
      ],
    ],
  ];
  const taken = new Set(["docs", "test", "tests", ".github"]);
  const areas: [string, string[]][] = folders
    .filter((folder) => !taken.has(folder))
    .map((folder) => [`area: ${folder}`, [`${folder}/**`]]);
  const blocks = [...fixed, ...areas].map(
    ([label, globs]) =>
      `${quote(label)}:\n  - changed-files:\n      - any-glob-to-any-file:\n${globs.map((g) => `          - ${quote(g)}\n`).join("")}`,
  );
  return `# Labels pull requests by the files they change (actions/labeler, .github/workflows/labeler.yml).
# Each key is a label; create the labels in the repository, or let the action create them.
${blocks.join("")}`;
}

/** A YAML double-quoted scalar: folder names may hold anything. */
function quote(text: string): string {
  return JSON.stringify(text);
}
