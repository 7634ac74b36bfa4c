/** A list of repositories to sync, one owner/name a line; blank lines and # comments are skipped. */

export interface RepoList {
  repos: string[];
  /** Lines that are not owner/name: their number (from 1) and text. */
  problems: { line: number; text: string }[];
}

const REPO = /^[\w.-]+\/[\w.-]+$/;

/** Whether a text is a repository written owner/name. */
export function isRepoName(text: string): boolean {
  return REPO.test(text);
}

export function parseRepoList(text: string): RepoList {
  const repos: string[] = [];
  const problems: RepoList["problems"] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") return;
    if (isRepoName(line)) {
      if (!repos.some((r) => r.toLowerCase() === line.toLowerCase())) repos.push(line);
    } else {
      problems.push({ line: index + 1, text: raw.trim() });
    }
  });
  return { repos, problems };
}
