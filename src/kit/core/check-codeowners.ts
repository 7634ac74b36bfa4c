/** A problem in a file of the kit, at a line (1-based), and whether it only warns. */
export interface KitProblem {
  line: number;
  message: string;
  warning?: boolean;
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The syntax errors GitHub would skip a CODEOWNERS line for: gitignore features it does not support
 * (negation, character ranges, an escaped #) and owners that are neither @user, @org/team nor an
 * email address. GitHub's own check (the codeowners/errors endpoint) also knows whether owners exist.
 */
export function checkCodeowners(text: string): KitProblem[] {
  const problems: KitProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/(^|\s)#.*$/, "").trim();
    if (content === "") return;
    // A pattern ends at the first space that is not escaped.
    const match = /^((?:\\.|\S)+)\s*(.*)$/.exec(content);
    if (!match) return;
    const pattern = match[1]!;
    const owners = match[2]!.split(/\s+/).filter((o) => o !== "");
    if (pattern.startsWith("!")) {
      problems.push({
        line,
        message: `${pattern}: CODEOWNERS does not support negation (!); list the paths to own instead`,
      });
    } else if (/[[\]]/.test(pattern)) {
      problems.push({
        line,
        message: `${pattern}: CODEOWNERS does not support character ranges ([ ]); write each path`,
      });
    } else if (pattern.startsWith("\\#")) {
      problems.push({ line, message: `${pattern}: CODEOWNERS does not support escaping a leading #` });
    }
    for (const owner of owners) {
      if (USER.test(owner) || TEAM.test(owner) || EMAIL.test(owner)) continue;
      problems.push({
        line,
        message: `${owner} is not an owner: write @user, @org/team or an email address (GitHub skips the whole line)`,
      });
    }
  });
  return problems;
}
