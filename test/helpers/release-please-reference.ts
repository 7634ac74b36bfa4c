/**
 * release-please's own reading of commit messages (src/commit.ts of googleapis/release-please:
 * splitMessages, toConventionalChangelogFormat, postProcessCommits), over the reference parser it
 * uses, `@conventional-commits/parser`. Copied as it is, with a small tree walk in place of
 * unist-util-visit, so tests can compare shipready's single-pass reading with it.
 */
import * as parser from "@conventional-commits/parser";

interface Node {
  type: string;
  value?: string;
  children?: Node[];
}

/** Preorder walk of the nodes whose type is in `types`, with their ancestors (nearest last). */
function visitParents(tree: Node, types: string[], fn: (node: Node, ancestors: Node[]) => void): void {
  const walk = (node: Node, ancestors: Node[]) => {
    if (types.includes(node.type)) fn(node, [...ancestors]);
    for (const child of node.children ?? []) walk(child, [...ancestors, node]);
  };
  walk(tree, []);
}

function visit(tree: Node | undefined, types: string[], fn: (node: Node) => void): void {
  if (tree) visitParents(tree, types, (node) => fn(node));
}

interface Note {
  title: string;
  text: string;
}
interface Reference {
  prefix: string;
  action: string;
  issue: string;
}
interface Parsed {
  body: string;
  subject: string;
  type: string;
  scope: string | null;
  notes: Note[];
  references: Reference[];
  header: string;
  footer: string | null;
}

function toConventionalChangelogFormat(ast: Node): Parsed[] {
  const commits: Parsed[] = [];
  const headerCommit: Parsed = {
    body: "",
    subject: "",
    type: "",
    scope: null,
    notes: [],
    references: [],
    header: "",
    footer: null,
  };
  let body: Node | undefined;
  let summary: Node | undefined;
  visit(ast, ["body", "summary"], (node) => {
    if (node.type === "body") body = node;
    else summary = node;
  });
  visit(summary, ["type", "scope", "breaking-change", "text"], (node) => {
    switch (node.type) {
      case "type":
        headerCommit.type = node.value!;
        headerCommit.header += node.value;
        break;
      case "scope":
        headerCommit.scope = node.value!;
        headerCommit.header += `(${node.value})`;
        break;
      case "breaking-change":
        headerCommit.header += "!";
        break;
      case "text":
        headerCommit.subject = node.value!;
        headerCommit.header += `: ${node.value}`;
        break;
    }
  });
  if (body) visit(body, ["text", "newline"], (node) => (headerCommit.body += node.value));
  const breaking: Note = { title: "BREAKING CHANGE", text: "" };
  visitParents(ast, ["breaking-change"], (node, ancestors) => {
    let hitBreakingMarker = false;
    let parent = ancestors.pop();
    if (!parent) return;
    switch (parent.type) {
      case "summary":
        breaking.text = headerCommit.subject;
        break;
      case "body":
        breaking.text = "";
        visit(parent, ["breaking-change", "text", "newline"], (n) => {
          if (n.type === "breaking-change") {
            hitBreakingMarker = true;
            return;
          }
          if (!hitBreakingMarker) return;
          breaking.text += n.value;
        });
        break;
      case "token":
        if (!node.value!.includes("BREAKING")) return;
        parent = ancestors.pop();
        visit(parent, ["text", "newline"], (n) => (breaking.text = n.value!));
        break;
    }
  });
  if (breaking.text !== "") headerCommit.notes.push(breaking);
  visit(ast, ["footer"], (footer) => {
    const reference: Reference = { prefix: "#", action: "", issue: "" };
    let hasRefSepartor = false;
    visit(footer, ["type", "separator", "text"], (n) => {
      switch (n.type) {
        case "type":
          reference.action = n.value!;
          break;
        case "separator":
          if (n.value!.includes("#")) hasRefSepartor = true;
          break;
        case "text":
          if (n.value!.charAt(0) === "#") {
            hasRefSepartor = true;
            reference.issue = n.value!.substring(1);
          } else reference.issue = n.value!;
          break;
      }
    });
    if (hasRefSepartor && /^[0-9]+$/.test(reference.issue)) headerCommit.references.push(reference);
  });
  visitParents(ast, ["type"], (node, ancestors) => {
    let parent = ancestors.pop();
    if (!parent || parent.type !== "token") return;
    parent = ancestors.pop();
    let footerText = "";
    const semanticFooter = node.value!.toLowerCase() === "release-as";
    visit(parent, ["type", "scope", "breaking-change", "separator", "text", "newline"], (n) => {
      switch (n.type) {
        case "scope":
          footerText += `(${n.value})`;
          break;
        case "separator":
          if (n.value!.includes("#")) return;
          footerText += `${n.value} `;
          break;
        default:
          footerText += n.value;
      }
    });
    if (semanticFooter) {
      let releaseAs = "";
      visit(parent, ["text"], (n) => (releaseAs = n.value!));
      headerCommit.notes.push({ title: "RELEASE AS", text: releaseAs });
    }
    try {
      commits.push(...toConventionalChangelogFormat(parser.parser(footerText) as unknown as Node));
    } catch {
      // not a message of its own
    }
  });
  commits.push(headerCommit);
  return commits;
}

function postProcessCommits(commit: Parsed): Parsed {
  for (const note of commit.notes) {
    let text = "";
    let i = 0;
    let extendedContext = false;
    for (const chunk of note.text.split(/\r?\n/)) {
      if (i > 0 && /^#### |^[*-] /.test(chunk) && !extendedContext) {
        text = `${text.trim()}\n`;
        extendedContext = true;
      }
      if (chunk === "") break;
      else if (extendedContext) text += `    ${chunk}\n`;
      else text += `${chunk} `;
      i++;
    }
    note.text = text.trim();
  }
  const match = commit.body?.match(/BREAKING-CHANGE:\s*(.*)/);
  if (match && match[1]) {
    const existing = commit.notes.find((note) => note.title === "BREAKING CHANGE");
    if (existing) existing.text += `\n${match[1].trim()}`;
    else commit.notes.push({ title: "BREAKING CHANGE", text: match[1].trim() });
  }
  return commit;
}

export function splitMessages(message: string): string[] {
  const parts = message.split("BEGIN_NESTED_COMMIT");
  const messages = [parts.shift()!];
  for (const part of parts) {
    const [newMessage, ...rest] = part.split("END_NESTED_COMMIT");
    messages.push(newMessage!);
    messages[0] = messages[0] + rest.join("END_NESTED_COMMIT");
  }
  const conventionalCommits = messages[0]!
    .split(/\r?\n\r?\n(?=(?:feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\(.*?\))?: )/)
    .filter(Boolean);
  return [...conventionalCommits, ...messages.slice(1)];
}

export interface ReferenceCommit {
  header: string;
  type: string;
  scope: string | null;
  subject: string;
  breaking: boolean;
  breakingNote: string | null;
  references: number[];
  releaseAs: string | null;
}

/** What release-please's parseConventionalCommits makes of one commit message. */
export function releasePleaseParse(message: string): ReferenceCommit[] {
  const out: ReferenceCommit[] = [];
  for (const part of splitMessages(message)) {
    let parsed: Parsed[];
    try {
      parsed = toConventionalChangelogFormat(parser.parser(part) as unknown as Node).map(postProcessCommits);
    } catch {
      continue;
    }
    for (const commit of parsed) {
      const note = commit.notes.find((n) => n.title === "BREAKING CHANGE");
      const releaseAs = commit.notes.filter((n) => n.title === "RELEASE AS").at(-1);
      out.push({
        header: commit.header,
        type: commit.type,
        scope: commit.scope,
        subject: commit.subject,
        breaking: note !== undefined,
        breakingNote: note ? note.text : null,
        references: commit.references.map((r) => Number(r.issue)),
        releaseAs: releaseAs ? releaseAs.text : null,
      });
    }
  }
  return out;
}
