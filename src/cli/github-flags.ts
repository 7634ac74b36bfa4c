/** The GitHub flags every command that may reach GitHub takes (see gitHubOptions in main.ts). */
export interface GitHubFlags {
  token?: string;
  repo?: string;
  apiUrl?: string;
}

/** --token, --repo and --api-url as the GitHub access options, leaving out the ones not given. */
export function gitHubAccessOf(opts: GitHubFlags): GitHubFlags {
  return {
    ...(opts.token !== undefined && { token: opts.token }),
    ...(opts.repo !== undefined && { repo: opts.repo }),
    ...(opts.apiUrl !== undefined && { apiUrl: opts.apiUrl }),
  };
}
