import type { AlertInfo, AlertList } from "../ports.js";
import type { AlertSeverity, EvidenceResult, GitHubSecuritySpec } from "./types.js";
import type { Outcome } from "../types.js";
import type { EvidenceContext } from "./evidence-context.js";
import { requireGitHub } from "./require-github.js";

const LEVELS: readonly AlertSeverity[] = ["low", "medium", "high", "critical"];

/**
 * Open Dependabot and code scanning alerts at or above their severities fail the gate. A feature that
 * is off, or that the token may not read, makes the gate inconclusive: a gap is never a pass.
 */
export async function collectGitHubSecurity(
  spec: GitHubSecuritySpec,
  context: EvidenceContext,
): Promise<EvidenceResult> {
  const { api, repo } = requireGitHub(context);
  const web = api.webUrl(repo);
  const checks: { feature: string; path: string; min: AlertSeverity; list: Promise<AlertList> }[] = [];
  if (spec.dependabot) {
    checks.push({
      feature: "Dependabot",
      path: "security/dependabot",
      min: spec.dependabot,
      list: api.listDependabotAlerts(repo),
    });
  }
  if (spec.codeScanning) {
    checks.push({
      feature: "code scanning",
      path: "security/code-scanning",
      min: spec.codeScanning,
      list: api.listCodeScanningAlerts(repo),
    });
  }
  const lists = await Promise.all(checks.map((c) => c.list));
  let outcome: Outcome = "pass";
  let source = `${web}/security`;
  const messages: string[] = [];
  const details: string[] = [];
  checks.forEach((check, i) => {
    const list = lists[i]!;
    if (!list.available) {
      if (outcome === "pass") {
        outcome = "inconclusive";
        source = `${web}/${check.path}`;
      }
      messages.push(`${check.feature} alerts could not be read: ${list.reason}`);
      return;
    }
    const blocking = list.alerts.filter((a) => atLeast(a, check.min));
    if (blocking.length === 0) return;
    outcome = "fail";
    source = `${web}/${check.path}`;
    const bySeverity = LEVELS.slice()
      .reverse()
      .map((level) => [level, blocking.filter((a) => a.severity === level).length] as const)
      .filter(([, n]) => n > 0)
      .map(([level, n]) => `${n} ${level}`)
      .join(", ");
    messages.push(
      `${blocking.length} open ${check.feature} alerts at ${check.min} or above (${bySeverity}); fix or dismiss them`,
    );
    for (const alert of blocking.slice(0, 5))
      details.push(`${alert.severity ?? "?"}: ${alert.summary} ${alert.url}`);
    if (blocking.length > 5) details.push(`and ${blocking.length - 5} more ${check.feature} alerts`);
  });
  return {
    outcome,
    provenance: {
      kind: "github-security",
      source,
      observedAt: context.clock.now().toISOString(),
      ...(messages.length ? { message: messages.join("; ") } : {}),
    },
    ...(details.length ? { details } : {}),
  };
}

function atLeast(alert: AlertInfo, min: AlertSeverity): boolean {
  // An alert without a severity is counted: not knowing how bad it is must not let it through.
  return alert.severity === null || LEVELS.indexOf(alert.severity) >= LEVELS.indexOf(min);
}
