import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { UsageError } from "../../errors.js";
import type { Git, GitHubApi, RepoRef } from "../../ports.js";
import { parseRemote } from "../../shared/parse-remote.js";
import type { SecretKeeper } from "../../shared/secret-keeper.js";
import type { GitHubSettings } from "../../types.js";
import type { GitHubApiOptions } from "./create-github-client.js";

const run = promisify(execFile);

/** What the command line and the environment say about GitHub; each wins over shipready.yml. */
export interface GitHubAccessOptions {
  token?: string;
  repo?: string;
  apiUrl?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Told once when SQLite cannot be loaded and GitHub is asked without the answer cache; default: stderr. */
  onNotice?: (message: string) => void;
  /** Told the token found, wherever it came from (`gh auth token` too), so that no output shows it. */
  secrets?: SecretKeeper;
}

export interface GitHubAccess {
  api: GitHubApi;
  repo: RepoRef;
  /** Where the token came from (--token, GITHUB_TOKEN, GH_TOKEN, gh auth token): never the token. */
  tokenSource: string;
}

const PUBLIC_API = "https://api.github.com";

/**
 * Builds the GitHub client of a run: token from --token, GITHUB_TOKEN, GH_TOKEN or `gh auth token`;
 * repository from --repo, shipready.yml, GITHUB_REPOSITORY or the git remote; API URL from --api-url,
 * shipready.yml, GITHUB_API_URL or the remote's host (GitHub Enterprise Server). `why` says what needs
 * GitHub, for the message when something is missing.
 */
export async function openGitHub(
  settings: GitHubSettings,
  dir: string,
  options: GitHubAccessOptions,
  git: Git,
  why: string,
): Promise<GitHubAccess> {
  const found = await findGitHubAccess(settings, dir, options, git, why);
  if (found.repo === null) {
    throw new UsageError(
      `${why}, but which repository is not known: there is no --repo, no github.repo in shipready.yml, no GITHUB_REPOSITORY and no git remote "origin"`,
      "Pass --repo owner/name, or set github: { repo: owner/name } in shipready.yml.",
    );
  }
  const { createGitHubApi } = await import("./github-rest.js");
  const api = createGitHubApi(found.client);
  return { api, repo: found.repo, tokenSource: found.tokenSource };
}

/** How to reach GitHub, found as openGitHub finds it: the client's options, the repository when known, where the token came from. */
export interface FoundGitHubAccess {
  client: GitHubApiOptions;
  repo: RepoRef | null;
  tokenSource: string;
}

/**
 * The token, API URL and repository as openGitHub finds them, for a caller that builds its own
 * client over them (`metrics sync`). Throws a UsageError naming where a token is looked for when none is.
 */
export async function findGitHubAccess(
  settings: GitHubSettings,
  dir: string,
  options: GitHubAccessOptions,
  git: Git,
  why: string,
): Promise<FoundGitHubAccess> {
  const remote = await git.remoteUrl(dir);
  const fromRemote = remote === null ? null : parseRemote(remote);
  const repoText = options.repo ?? settings.repo ?? options.env.GITHUB_REPOSITORY ?? fromRemote?.repo ?? null;
  const repo = repoText === null ? null : parseRepo(repoText);
  const apiUrl = (
    options.apiUrl ??
    settings.apiUrl ??
    options.env.GITHUB_API_URL ??
    (fromRemote && fromRemote.host !== "github.com" ? `https://${fromRemote.host}/api/v3` : PUBLIC_API)
  ).replace(/\/+$/, "");
  const host = new URL(apiUrl).hostname;
  const found = await findToken(options, host === "api.github.com" ? "github.com" : host);
  if (found === null) {
    throw new UsageError(
      `${why}, but no GitHub token was found (--token, GITHUB_TOKEN, GH_TOKEN, gh auth token)`,
      "Set GITHUB_TOKEN (in Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}), or run `gh auth login`; the token needs actions: read, checks: read and security-events: read.",
    );
  }
  options.secrets?.add([found.token]);
  const { canUseSqlite } = await import("../sqlite/probe-sqlite.js");
  const cached = canUseSqlite();
  if (!cached) {
    const notice = options.onNotice ?? ((message: string) => process.stderr.write(`shipready: ${message}\n`));
    notice("SQLite is not available here, so GitHub's answers are not cached between runs");
  }
  return {
    client: {
      token: found.token,
      baseUrl: apiUrl,
      webUrl: webUrlOf(apiUrl),
      cache: cached ? settings.cache : null,
      deadlineMs: settings.deadlineMs,
    },
    repo,
    tokenSource: found.source,
  };
}

async function findToken(
  options: GitHubAccessOptions,
  host: string,
): Promise<{ token: string; source: string } | null> {
  if (options.token) return { token: options.token, source: "--token" };
  if (options.env.GITHUB_TOKEN) return { token: options.env.GITHUB_TOKEN, source: "GITHUB_TOKEN" };
  if (options.env.GH_TOKEN) return { token: options.env.GH_TOKEN, source: "GH_TOKEN" };
  try {
    const { stdout } = await run("gh", ["auth", "token", "--hostname", host], { timeout: 10_000 });
    const token = stdout.trim();
    return token ? { token, source: "gh auth token" } : null;
  } catch {
    // No gh, or not logged in: the caller says how to provide a token.
    return null;
  }
}

function parseRepo(text: string): RepoRef {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `${JSON.stringify(text)} is not a repository written owner/name`,
      "Write it as owner/name, such as octo-org/octo-app.",
    );
  }
  return { owner: match[1]!, repo: match[2]! };
}

/** Where people see repositories: github.com for the public API, the server itself for GHES. */
function webUrlOf(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/api\/v3\/?$/, "")}`.replace(/\/+$/, "");
}
