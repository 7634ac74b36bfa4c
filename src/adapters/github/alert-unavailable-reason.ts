import {
  githubMessage,
  httpFailureOf,
  isPrimaryRateLimit,
  isSecondaryRateLimit,
} from "./github-http-failure.js";
import { describeRepo, type Reading } from "./map-github-error.js";

export type AlertFeature = "dependabot" | "code-scanning";

/**
 * Why alerts cannot be read, when the answer means the feature is off or the token may not see it;
 * null for every other failure, which is an error.
 */
export function unavailableReason(error: unknown, feature: AlertFeature, reading: Reading): string | null {
  const failure = httpFailureOf(error);
  if (failure === null || !failure.hasResponse) return null;
  if (isPrimaryRateLimit(failure) || isSecondaryRateLimit(failure)) return null;
  const said = githubMessage(failure);
  const repo = describeRepo(reading.repo);
  if (feature === "dependabot" && failure.status === 403) {
    if (/disabled/i.test(said)) {
      return `Dependabot alerts are disabled for ${repo} (GitHub: "${said}"); turn them on in Settings > Code security > Dependabot alerts.`;
    }
    return `The token may not read the Dependabot alerts of ${repo} (GitHub: "${said}"); grant it ${reading.permission}.`;
  }
  if (feature === "code-scanning") {
    if (failure.status === 404 && /no analysis found/i.test(said)) {
      return `Code scanning has never analysed ${repo} (GitHub: "${said}"); set it up in Settings > Code security > Code scanning, or run CodeQL in a workflow.`;
    }
    if (failure.status === 403 && /advanced security/i.test(said)) {
      return `Code scanning needs GitHub Advanced Security (Code Security), which is off for ${repo} (GitHub: "${said}"); enable it in Settings > Code security.`;
    }
    if (failure.status === 403 && /not enabled/i.test(said)) {
      return `Code scanning is not enabled for ${repo} (GitHub: "${said}"); enable it in Settings > Code security > Code scanning.`;
    }
    if (failure.status === 403) {
      return `The token may not read the code scanning alerts of ${repo} (GitHub: "${said}"); grant it ${reading.permission}.`;
    }
  }
  return null;
}
