/** A package ecosystem Dependabot updates, as dependabot.yml names it. */
export type DependabotEcosystem =
  | "github-actions"
  | "npm"
  | "pip"
  | "gomod"
  | "cargo"
  | "docker"
  | "bundler"
  | "maven"
  | "gradle"
  | "composer";

/** Which manifest at the top of the repository shows which ecosystem. */
export const ECOSYSTEM_MANIFESTS: readonly [string, DependabotEcosystem][] = [
  ["package.json", "npm"],
  ["requirements.txt", "pip"],
  ["pyproject.toml", "pip"],
  ["go.mod", "gomod"],
  ["Cargo.toml", "cargo"],
  ["Dockerfile", "docker"],
  ["Gemfile", "bundler"],
  ["pom.xml", "maven"],
  ["build.gradle", "gradle"],
  ["build.gradle.kts", "gradle"],
  ["composer.json", "composer"],
];

/**
 * `.github/dependabot.yml`: weekly version updates for the workflows' actions and each ecosystem found,
 * one pull request per update (so that a patch update stays a patch update, which auto-merge takes).
 */
export function renderDependabotConfig(ecosystems: readonly DependabotEcosystem[]): string {
  const all = ["github-actions" as const, ...ecosystems.filter((e) => e !== "github-actions")];
  const unique = [...new Set(all)];
  const entries = unique.map(
    (ecosystem) => `  - package-ecosystem: ${ecosystem}
    directory: /
    schedule:
      interval: weekly
`,
  );
  return `# Dependabot version updates; .github/workflows/dependabot-auto-merge.yml merges the patch ones
# once the required checks pass.
version: 2
updates:
${entries.join("")}`;
}
