import type { AlertSeverity } from "../types.js";
import { shortDigest } from "../../shared/short-digest.js";

/** What of a SARIF rule (reportingDescriptor) decides its findings' severity and link. */
export interface SarifRuleFacts {
  id: string;
  /** properties["security-severity"]: a CVSS-like score, as text or a number. */
  securitySeverity?: unknown;
  /** defaultConfiguration.level. */
  level?: string;
  helpUri?: string;
}

/** What of a SARIF result decides whether it counts, its severity and its identity. */
export interface SarifResultFacts {
  ruleId: string;
  /** The result's own level, else its rule's default level, else SARIF's default: warning. */
  level?: string;
  /** kind: only "fail" (the default) is a finding; pass, review, open... are not. */
  kind?: string;
  /** properties["security-severity"] of the result itself (Snyk, some Trivy versions). */
  securitySeverity?: unknown;
  partialFingerprints?: Record<string, unknown>;
  uri?: string;
  line?: number;
  /** Suppressed in the source or by a reviewer (a suppression that is not rejected or under review). */
  suppressed: boolean;
}

export const SEVERITIES: readonly AlertSeverity[] = ["critical", "high", "medium", "low"];

const SEVERITY_RANK: Record<AlertSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** True when `severity` is `floor` or worse. */
export function isAtLeast(severity: AlertSeverity, floor: AlertSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[floor];
}

/** Worse first, for the findings a message shows. */
export function compareSeverity(a: AlertSeverity, b: AlertSeverity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

/**
 * The severity of a SARIF result as GitHub code scanning reads it: a `security-severity` score (the
 * result's, else its rule's) over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low;
 * without one, the level: error is high, warning medium, note low. `none` when it is not a finding
 * (level none, a kind other than fail, a suppression).
 */
export function severityOf(
  result: SarifResultFacts,
  rule: SarifRuleFacts | undefined,
): AlertSeverity | "none" {
  if (result.suppressed || (result.kind !== undefined && result.kind !== "fail")) return "none";
  const score = readScore(result.securitySeverity) ?? readScore(rule?.securitySeverity);
  if (score !== null) {
    if (score === 0) return "none";
    if (score >= 9.0) return "critical";
    if (score >= 7.0) return "high";
    if (score >= 4.0) return "medium";
    return "low";
  }
  switch (result.level ?? rule?.level ?? "warning") {
    case "error":
      return "high";
    case "warning":
      return "medium";
    case "note":
      return "low";
    default:
      return "none";
  }
}

function readScore(raw: unknown): number | null {
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 10 ? value : null;
}

/**
 * What identifies a finding across runs: its rule and its partialFingerprints (every one the scanner
 * gave, in key order), else its rule and location, hashed to 16 hex digits. Without fingerprints a
 * finding that moves to another line reads as new.
 */
export function fingerprintFinding(result: SarifResultFacts): string {
  const prints = Object.entries(result.partialFingerprints ?? {})
    .filter(([, value]) => typeof value === "string" || typeof value === "number")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${String(value)}`);
  const identity =
    prints.length > 0
      ? `${result.ruleId}\u0000${prints.join("\u0000")}`
      : `${result.ruleId}\u0000${result.uri ?? ""}\u0000${result.line ?? ""}`;
  return shortDigest(identity);
}
