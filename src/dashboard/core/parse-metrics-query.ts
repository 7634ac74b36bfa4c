import { parsePeriod } from "../../metrics/core/parse-period.js";
import { ORG_SORT_KEYS, type OrgSortKey } from "../types.js";

/** A page's query as asked: ?since=90d&env=production&repo=o/a&sort=score&dir=desc. */
export type PageQuery = Readonly<Record<string, string | undefined>>;

export interface MetricsQuery {
  /** As asked (shown back in the form). */
  since: string;
  period: { since: number; until: number };
  /** null: the default environment. */
  env: string | null;
  /** null: the served repository. */
  repo: string | null;
  sort: OrgSortKey;
  descending: boolean;
}

export type MetricsQueryResult =
  { ok: true; query: MetricsQuery } | { ok: false; problem: string; fix: string };

const ENVIRONMENT = /^[\w][\w .:/-]{0,99}$/;
const REPOSITORY = /^[\w.-]{1,100}(\/[\w.-]{1,100})?$/;

/**
 * The query of the metrics and organisation pages, checked before anything is read: a period as
 * `metrics --since` takes it (default 90d), an environment and a repository by name, a sort column.
 * Anything else is refused with what is wrong and what to ask instead.
 */
export function parseMetricsQuery(query: PageQuery, now: number, defaultSince = "90d"): MetricsQueryResult {
  const since = (query.since ?? "").trim() || defaultSince;
  const period = parsePeriod(since, query.until?.trim() || undefined, now);
  if (!period.ok) {
    const name = period.flag === "--since" ? "since" : "until";
    return {
      ok: false,
      problem: `?${name}=: ${period.problem}`,
      fix: period.fix.replace(/--(since|until)/g, "?$1="),
    };
  }
  const env = query.env?.trim() || null;
  if (env !== null && !ENVIRONMENT.test(env)) {
    return {
      ok: false,
      problem: `?env= is not an environment's name`,
      fix: "Give the name of an environment, such as ?env=production (letters, digits, . _ - / : and spaces, at most 100).",
    };
  }
  const repo = query.repo?.trim() || null;
  if (repo !== null && !REPOSITORY.test(repo)) {
    return {
      ok: false,
      problem: `?repo= is not a repository's name`,
      fix: "Give owner/name as the store knows it, such as ?repo=acme/shop.",
    };
  }
  const sort = query.sort?.trim() || "repo";
  if (!(ORG_SORT_KEYS as readonly string[]).includes(sort)) {
    return {
      ok: false,
      problem: `?sort= cannot sort by that`,
      fix: `Sort by one of ${ORG_SORT_KEYS.join(", ")}.`,
    };
  }
  const dir = query.dir?.trim() || "asc";
  if (dir !== "asc" && dir !== "desc") {
    return { ok: false, problem: `?dir= is neither asc nor desc`, fix: "Give ?dir=asc or ?dir=desc." };
  }
  return {
    ok: true,
    query: {
      since,
      period: { since: period.since, until: period.until },
      env,
      repo,
      sort: sort as OrgSortKey,
      descending: dir === "desc",
    },
  };
}
