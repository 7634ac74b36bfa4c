import { join, relative } from "node:path";
import { checkCodeowners, type KitProblem } from "../kit/core/check-codeowners.js";
import {
  checkDependabotConfig,
  checkIssueForm,
  checkLabelerConfig,
  checkWorkflow,
} from "../kit/core/check-kit-yaml.js";
import { CODEOWNERS_PATHS, PULL_REQUEST_TEMPLATE_PATHS } from "../kit/core/plan-kit.js";
import type { Outcome } from "../types.js";
import type { EvidenceContext } from "./evidence-context.js";
import { requireGitHub } from "./require-github.js";
import type { EvidenceResult, RepoKitSpec } from "./types.js";

/** A file's problems, with the path they are in. */
type Found = KitProblem & { path: string };

/**
 * The repository kit is there and valid: issue forms (against the issue forms schema), a pull request
 * template, CODEOWNERS (its syntax; with `github: true`, GitHub's own errors), the labeler's config,
 * Dependabot's, and the labeling, stale and Dependabot auto-merge workflows. A missing part or an
 * error fails; an action not pinned to a commit, or an input spliced into a script, warns.
 */
export async function collectRepoKit(spec: RepoKitSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const { root, files } = context;
  const missing: string[] = [];
  const found: Found[] = [];
  const check = async (path: string, checker: (text: string) => KitProblem[]) => {
    for (const problem of checker(await files.readText(join(root, path)))) found.push({ ...problem, path });
  };
  const first = async (paths: readonly string[]) => {
    for (const path of paths) if (await files.exists(join(root, path))) return path;
    return null;
  };
  const relativeAll = (paths: string[]) => paths.map((p) => relative(root, p).split("\\").join("/"));

  const templates = relativeAll(await files.glob(".github/ISSUE_TEMPLATE/*.{yml,yaml,md}", root));
  const forms = templates.filter((p) => /\.ya?ml$/.test(p) && !/\/config\.ya?ml$/.test(p));
  if (templates.filter((p) => !/\/config\.ya?ml$/.test(p)).length === 0)
    missing.push("issue templates (.github/ISSUE_TEMPLATE/)");
  for (const form of forms) await check(form, checkIssueForm);

  if ((await first(PULL_REQUEST_TEMPLATE_PATHS)) === null) missing.push("a pull request template");

  const codeowners = await first(CODEOWNERS_PATHS);
  if (codeowners === null) missing.push("CODEOWNERS");
  else await check(codeowners, checkCodeowners);

  const labeler = await first([".github/labeler.yml", ".github/labeler.yaml"]);
  if (labeler === null) missing.push(".github/labeler.yml");
  else await check(labeler, checkLabelerConfig);

  const dependabot = await first([".github/dependabot.yml", ".github/dependabot.yaml"]);
  if (dependabot === null) missing.push(".github/dependabot.yml");
  else await check(dependabot, checkDependabotConfig);

  const workflows = relativeAll(await files.glob(".github/workflows/*.{yml,yaml}", root));
  const texts = new Map<string, string>();
  for (const path of workflows) texts.set(path, await files.readText(join(root, path)));
  const using = (pattern: RegExp) => [...texts].some(([, text]) => pattern.test(text));
  if (!using(/uses:\s*["']?actions\/labeler@/)) missing.push("a labeling workflow (actions/labeler)");
  if (!using(/uses:\s*["']?actions\/stale@/)) missing.push("a stale workflow (actions/stale)");
  if (!using(/gh pr merge[^\n]*--auto/))
    missing.push("a Dependabot auto-merge workflow (gh pr merge --auto)");
  for (const [path, text] of texts)
    for (const problem of checkWorkflow(text)) found.push({ ...problem, path });

  const remote = spec.github ? await askGitHub(context, codeowners) : null;
  if (remote) found.push(...remote);

  const errors = found.filter((p) => !p.warning);
  const warnings = found.filter((p) => p.warning);
  const outcome: Outcome =
    missing.length > 0 || errors.length > 0 ? "fail" : warnings.length > 0 ? "warn" : "pass";
  const parts: string[] = [];
  if (missing.length > 0)
    parts.push(`missing ${missing.join(", ")} (\`shipready init --kit\` writes what is missing)`);
  if (errors.length > 0)
    parts.push(`${errors.length} error${errors.length === 1 ? "" : "s"} in ${countFiles(errors)}`);
  if (warnings.length > 0) parts.push(`${warnings.length} warning${warnings.length === 1 ? "" : "s"}`);
  return {
    outcome,
    provenance: {
      kind: "repo-kit",
      source: ".github",
      observedAt: context.clock.now().toISOString(),
      ...(parts.length ? { message: `the repository kit: ${parts.join("; ")}` } : {}),
    },
    ...(found.length
      ? {
          details: [...errors, ...warnings].map(
            (p) => `${p.path}:${p.line}: ${p.warning ? "warning: " : ""}${p.message}`,
          ),
        }
      : {}),
  };
}

/** GitHub's own errors in CODEOWNERS on the default branch; a warning when it has none there yet. */
async function askGitHub(context: EvidenceContext, local: string | null): Promise<Found[]> {
  const { api, repo } = requireGitHub(context);
  const problems = await api.codeownersErrors(repo);
  if (problems === null) {
    return local === null
      ? []
      : [
          {
            path: local,
            line: 1,
            message: "GitHub finds no CODEOWNERS on the default branch yet; push it",
            warning: true,
          },
        ];
  }
  return problems.map((p) => ({
    path: p.path,
    line: p.line,
    message: `GitHub: ${p.kind}${p.suggestion ? ` (${p.suggestion})` : ""}`,
  }));
}

function countFiles(problems: readonly Found[]): string {
  const n = new Set(problems.map((p) => p.path)).size;
  return n === 1 ? problems[0]!.path : `${n} files`;
}
