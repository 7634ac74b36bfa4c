import type { HookName } from "../types.js";

/** The first comment line of every hook shipready writes: how it knows its own files. */
export const HOOK_MARK = "# shipready-hook:";

/** The revision of the scripts below: a script with another one is outdated. */
const REVISION = 1;

/** What each hook runs, and how a person skips it once. */
const HOOKS: Record<HookName, { run: string; skip: string }> = {
  "commit-msg": { run: 'lint-commits --message-file "$1"', skip: "git commit --no-verify" },
  "pre-push": { run: "preflight", skip: "git push --no-verify" },
};

/** The shipready command a hook runs, as a hook manager's line would write it. */
export function hookCommand(hook: HookName, argument: string): string {
  return hook === "commit-msg" ? `shipready lint-commits --message-file ${argument}` : "shipready preflight";
}

/** How a person skips a hook once. */
export function skipHint(hook: HookName): string {
  return HOOKS[hook].skip;
}

/**
 * The POSIX shell script `hooks install` writes. Git runs hooks from the top of the work tree, so a
 * fresh clone with shipready as a devDependency finds it in node_modules/.bin; else the one on PATH.
 * Without either the hook fails, saying how to install it or skip once: a hook that passes silently
 * would check nothing.
 */
export function renderHookScript(hook: HookName): string {
  const { run, skip } = HOOKS[hook];
  return [
    "#!/bin/sh",
    `${HOOK_MARK} ${hook} ${REVISION}`,
    "# Written by `shipready hooks install`: `shipready hooks status` compares it with what install",
    "# writes, and `shipready hooks uninstall` removes it.",
    `# Skip it once with: ${skip}`,
    "if [ -x node_modules/.bin/shipready ]; then",
    "  shipready=node_modules/.bin/shipready",
    "elif command -v shipready >/dev/null 2>&1; then",
    "  shipready=shipready",
    "else",
    `  echo "shipready ${hook} hook: shipready is not in node_modules/.bin nor on PATH." >&2`,
    `  echo "Install the project's dependencies (npm install), or skip this check once: ${skip}" >&2`,
    "  exit 1",
    "fi",
    `"$shipready" ${run} && exit 0`,
    "status=$?",
    `echo "shipready ${hook} hook: to skip this check once: ${skip}" >&2`,
    "exit $status",
    "",
  ].join("\n");
}
