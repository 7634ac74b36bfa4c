/** What the readiness run needs from the outside world beyond the shared ports. */
import type { Clock, Files, Git, GitHubApi, Http, RepoRef, Shell } from "../ports.js";
import type { SecretKeeper } from "../shared/secret-keeper.js";
import type { HookFolder } from "../hooks/ports.js";
import type { GitHubSettings } from "../types.js";
import type { ReleaseMark } from "./core/choose-baseline.js";
import type { HistoryRecord, HistorySettings } from "./types.js";

/** Where runs are remembered: a durable text record with a local index beside it. */
export interface HistoryStore {
  /** Appends records to the durable record (skipping any identical to one already there) and indexes them. */
  append(records: HistoryRecord[]): Promise<{ added: number }>;
  /** All records, oldest first. */
  list(): Promise<HistoryRecord[]>;
  /** Removes the last line holding exactly this record (undoing an append); false when there is none. */
  remove(record: HistoryRecord): Promise<boolean>;
  close(): void;
}

/** What a readiness run is given: the shared ports, the history store and, only when needed, GitHub. */
export interface ReadinessPorts {
  files: Files;
  git: Git;
  clock: Clock;
  shell: Shell;
  http: Http;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The secrets met so far (the environment's, --token, the Action's inputs), to which the run adds
   * shipready.yml's; evidence is redacted with it. A run without one redacts with its own.
   */
  secrets?: SecretKeeper;
  /** This clone's git hooks, for hooks evidence; hooks evidence is inconclusive without it. */
  hooks?: HookFolder;
  openHistory(settings: HistorySettings): Promise<HistoryStore>;
  /** The last release tag, for the baseline; git is asked only when a ratchet needs it. */
  releaseTags: ReleaseTags;
  /**
   * The GitHub client, built only when GitHub is needed; throws UsageError saying what is missing
   * (token, repository). `why` names what needs it, for that message.
   */
  openGitHub(settings: GitHubSettings, dir: string, why: string): Promise<{ api: GitHubApi; repo: RepoRef }>;
}

/** Release tags, for the baseline the ratchets compare with. */
export interface ReleaseTags {
  /**
   * The highest release tag (no pre-release) on the history of `to` in the repository holding `dir`,
   * with the commit it marks and when it was made; null before the first release. Throws a
   * ShipreadyError when git cannot tell (not a repository, a shallow clone).
   */
  findLastRelease(dir: string, to: string, tagPattern: string): Promise<ReleaseMark | null>;
}
