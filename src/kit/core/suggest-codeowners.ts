/** One commit as the suggestion reads it: who wrote it and which files it touched. */
export interface AuthoredChange {
  name: string;
  email: string;
  files: readonly string[];
}

/** An author of a folder, by how many of the recent commits touching it are theirs. */
export interface FolderAuthor {
  name: string;
  email: string;
  /** @login when the email is a GitHub noreply address; null when it must be filled in. */
  handle: string | null;
  commits: number;
}

/** The suggested owners of one pattern ("*" for the whole repository, "/src/" for a folder). */
export interface OwnerSuggestion {
  pattern: string;
  authors: FolderAuthor[];
}

/**
 * The GitHub login hidden in a noreply address (`12345+octocat@users.noreply.github.com` or the older
 * `octocat@users.noreply.github.com`); null for any other address, whose login cannot be known.
 */
export function handleOfEmail(email: string): string | null {
  const match =
    /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})@users\.noreply\.github\.com$/i.exec(
      email.trim(),
    );
  return match ? `@${match[1]}` : null;
}

/**
 * The `top` most frequent authors of the whole repository and of each top-level folder, over the
 * changes given (the recent history). Ties go to the author seen first (the more recent), so the
 * suggestion is the same for the same history.
 */
export function suggestCodeowners(changes: readonly AuthoredChange[], top: number): OwnerSuggestion[] {
  const byPattern = new Map<string, Map<string, FolderAuthor>>();
  const count = (pattern: string, change: AuthoredChange) => {
    const authors = byPattern.get(pattern) ?? new Map<string, FolderAuthor>();
    byPattern.set(pattern, authors);
    const key = change.email.toLowerCase();
    const known = authors.get(key);
    if (known) known.commits += 1;
    else
      authors.set(key, {
        name: change.name,
        email: change.email,
        handle: handleOfEmail(change.email),
        commits: 1,
      });
  };
  for (const change of changes) {
    if (change.files.length === 0) continue;
    count("*", change);
    const folders = new Set(
      change.files
        .filter((file) => file.includes("/"))
        .map((file) => file.slice(0, file.indexOf("/")))
        .filter(canBeNamed)
        .map((folder) => `/${folder}/`),
    );
    for (const folder of folders) count(folder, change);
  }
  const patterns = [...byPattern.keys()].sort((a, b) =>
    a === "*" ? -1 : b === "*" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return patterns.map((pattern) => ({
    pattern,
    // A stable sort keeps first-seen order among equals.
    authors: [...byPattern.get(pattern)!.values()].sort((a, b) => b.commits - a.commits).slice(0, top),
  }));
}

/**
 * CODEOWNERS text for the suggestions: a rule per pattern with the owners whose handles are known,
 * and a comment naming each author whose handle must be filled in. A pattern with no known handle is
 * written commented out, for the user to complete.
 */
export function renderCodeowners(suggestions: readonly OwnerSuggestion[], commitsRead: number): string {
  const lines = [
    `# Suggested by shipready from the last ${commitsRead} commits: the most frequent recent authors of`,
    "# the repository and of each top-level folder. Edit before committing: GitHub uses the last",
    "# matching line, and every owner needs write access to the repository.",
    "# Authors whose GitHub handle could not be known from their email are named in comments:",
    "# replace them with their @handle (or a @org/team).",
  ];
  for (const { pattern, authors } of suggestions) {
    const handles = authors.flatMap((a) => (a.handle ? [a.handle] : []));
    const unknown = authors.filter((a) => a.handle === null);
    lines.push("");
    for (const author of unknown) {
      lines.push(
        `# ${pattern}: fill in the handle of ${oneLine(author.name)} <${oneLine(author.email)}> (${author.commits} commits)`,
      );
    }
    lines.push(handles.length > 0 ? `${pattern} ${handles.join(" ")}` : `# ${pattern} @handle`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A folder a CODEOWNERS pattern can name as it is: GitHub supports neither an escaped leading #, nor
 * negation, nor character ranges, and a space would end the pattern. Others are left to the user.
 */
function canBeNamed(folder: string): boolean {
  return !/^[#!]|[\s[\]\\]/.test(folder);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}
