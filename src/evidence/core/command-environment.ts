/**
 * The environment a `command` evidence runs with: a fixed safe base, and the variables its `env:`
 * names. Nothing else is inherited, so credentials (GITHUB_TOKEN, GH_TOKEN, SLACK_WEBHOOK_URL, the
 * token given to shipready, cloud keys) reach a command only when shipready.yml names them for it.
 * The command line and the Action both build a command's environment here.
 */

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What ordinary programs expect to find: where programs are (PATH), whose they are and where their
 * files go (HOME, USER, LOGNAME, TMPDIR), language, encoding and time zone (LANG, LANGUAGE, LC_*, TZ),
 * the shell and terminal (SHELL, TERM), and whether this is CI (CI). None of them grants anything.
 */
const BASE = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "SHELL", "TERM", "CI"];
const BASE_PREFIXES = ["LC_"];

/** What Windows needs to start programs at all (cmd.exe finds nothing without SystemRoot and PATHEXT). */
const WINDOWS = [
  "SYSTEMROOT",
  "WINDIR",
  "SYSTEMDRIVE",
  "COMSPEC",
  "PATHEXT",
  "TEMP",
  "TMP",
  "USERPROFILE",
  "USERNAME",
  "APPDATA",
  "LOCALAPPDATA",
  "PROGRAMDATA",
  "PROGRAMFILES",
  "PROGRAMFILES(X86)",
  "PROGRAMW6432",
  "COMMONPROGRAMFILES",
  "OS",
  "PROCESSOR_ARCHITECTURE",
  "NUMBER_OF_PROCESSORS",
];

/**
 * GitHub Actions' description of the run: which repository, commit, ref, event, workflow, job and
 * runner, and where the API and the workspace are. They are what a check may want to know about the
 * run, and none is a credential. Withheld: GITHUB_TOKEN (a credential); GITHUB_EVENT_PATH (the whole
 * event payload, dispatch inputs and pull-request text included); GITHUB_ENV, GITHUB_PATH,
 * GITHUB_OUTPUT, GITHUB_STATE and GITHUB_STEP_SUMMARY (files through which a command would change later
 * steps, this step's outputs or its summary); and every ACTIONS_* variable (the runner's own tokens and
 * the URLs of its cache, results and OIDC services). Name any of them in `env:` to pass it.
 */
const GITHUB_CONTEXT = [
  "GITHUB_ACTIONS",
  "GITHUB_ACTION",
  "GITHUB_ACTION_REPOSITORY",
  "GITHUB_ACTOR",
  "GITHUB_ACTOR_ID",
  "GITHUB_TRIGGERING_ACTOR",
  "GITHUB_API_URL",
  "GITHUB_GRAPHQL_URL",
  "GITHUB_SERVER_URL",
  "GITHUB_REPOSITORY",
  "GITHUB_REPOSITORY_ID",
  "GITHUB_REPOSITORY_OWNER",
  "GITHUB_REPOSITORY_OWNER_ID",
  "GITHUB_SHA",
  "GITHUB_REF",
  "GITHUB_REF_NAME",
  "GITHUB_REF_TYPE",
  "GITHUB_REF_PROTECTED",
  "GITHUB_HEAD_REF",
  "GITHUB_BASE_REF",
  "GITHUB_EVENT_NAME",
  "GITHUB_WORKFLOW",
  "GITHUB_WORKFLOW_REF",
  "GITHUB_WORKFLOW_SHA",
  "GITHUB_JOB",
  "GITHUB_RUN_ID",
  "GITHUB_RUN_NUMBER",
  "GITHUB_RUN_ATTEMPT",
  "GITHUB_RETENTION_DAYS",
  "GITHUB_WORKSPACE",
  "RUNNER_OS",
  "RUNNER_ARCH",
  "RUNNER_NAME",
  "RUNNER_ENVIRONMENT",
  "RUNNER_TEMP",
  "RUNNER_TOOL_CACHE",
  "RUNNER_DEBUG",
];

const SAFE = new Set([...BASE, ...WINDOWS, ...GITHUB_CONTEXT]);

/** The base every command gets, for the README and for tests. */
export const COMMAND_BASE_ENVIRONMENT: readonly string[] = [...BASE, "LC_*", ...GITHUB_CONTEXT];

/**
 * The environment of one command: the variables of `parent` that are in the safe base or named in
 * `listed` (the evidence's `env:`). Names are compared without regard to case, as Windows does; a
 * listed name that is not set is left out.
 */
export function commandEnvironment(parent: Env, listed: readonly string[]): Record<string, string> {
  const named = new Set(listed.map((name) => name.toUpperCase()));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    if (named.has(upper) || SAFE.has(upper) || BASE_PREFIXES.some((prefix) => upper.startsWith(prefix))) {
      env[name] = value;
    }
  }
  return env;
}
