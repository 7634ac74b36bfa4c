import type { Clock, Files, GitHubApi, Http, RepoRef, Shell } from "../ports.js";
import type { Redact } from "../shared/create-redactor.js";
import type { HookFolder } from "../hooks/ports.js";
import type { Baseline } from "./types.js";

/** Everything a collector may use. Built once per run by run.ts; collectors never reach further. */
export interface EvidenceContext {
  /** The folder relative paths in evidence specs are resolved against (the config file's folder). */
  root: string;
  files: Files;
  clock: Clock;
  shell: Shell;
  http: Http;
  /** null when no GitHub evidence is configured. */
  github: { api: GitHubApi; repo: RepoRef } | null;
  /** The local HEAD commit (what `sha: HEAD` means); null outside a repository. */
  headSha: string | null;
  /** Aborted when the collector's timeout passes or the run is interrupted. */
  signal: AbortSignal;
  /** Environment variables (for ${NAME} in http headers, and what commands may be given). */
  env: Readonly<Record<string, string | undefined>>;
  /** Hides the run's secrets; every result is redacted with it, a command's output as it is read. */
  redact: Redact;
  /** This clone's git hooks, for hooks evidence; absent where the run cannot read them. */
  hooks?: HookFolder;
  /** The figures recorded at the last release; looked up once, on the first call, for the collectors that compare. */
  baseline(): Promise<Baseline>;
}
