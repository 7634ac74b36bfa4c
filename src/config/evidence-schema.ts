import { z } from "zod";
import { ENV_NAME, expecting, NOT_BLANK } from "./schema-wording.js";

/**
 * The evidence a gate can be bound to, as shipready.yml writes it: one list item per piece of
 * evidence, keyed by its kind (`- junit: { files: ... }`). Input shape only; parseConfig turns
 * durations into milliseconds and fills in defaults.
 */

/** 300s, 3d, 500ms, 1.5h; a bare number is seconds. */
export const DURATION = /^\d+(\.\d+)?(ms|s|m|h|d)$/;

/** A duration field: a number of seconds, or a number with a unit; `what` names it in messages. */
export const duration = (what: string, example: string) => {
  const wording = expecting(
    "a duration such as 300s, 10m or 3d",
    `Write the ${what} with a unit (ms, s, m, h, d), such as ${example}.`,
  );
  return z
    .union([z.number(wording).positive(), z.string(wording).regex(DURATION)], wording)
    .meta({ description: `The ${what}: a number of seconds, or a number with a unit (ms, s, m, h, d).` });
};

const timeout = duration("longest time collecting may take", "timeout: 300s")
  .optional()
  .meta({ description: "How long collecting may take before the gate is inconclusive; defaults to 300s." });

const text = (what: string, example: string) =>
  z.string(expecting(what, `Write it as text, such as ${example}.`)).regex(NOT_BLANK);

const severity = z
  .enum(
    ["low", "medium", "high", "critical"],
    expecting("low, medium, high or critical", "Write the lowest severity that should fail, such as high."),
  )
  .meta({ description: "The lowest alert severity that fails the gate." });

const githubActionsSchema = z.strictObject(
  {
    workflow: text("the workflow's file name or name", "workflow: ci.yml").meta({
      description: "The workflow's file name (ci.yml) or its name as GitHub shows it.",
    }),
    branch: text("a branch name", "branch: main")
      .optional()
      .meta({ description: "Only runs on this branch; the repository's default branch when absent." }),
    sha: text("HEAD or a commit SHA", "sha: HEAD")
      .regex(/^(HEAD|[0-9a-fA-F]{7,40})$/)
      .optional()
      .meta({ description: "Only runs of this commit: HEAD (the commit being released) or a SHA." }),
    event: text("an event name", "event: push")
      .optional()
      .meta({ description: "Only runs triggered by this event (push, pull_request, schedule...)." }),
    maxAge: duration("oldest a run may be", "maxAge: 3d")
      .optional()
      .meta({ description: "A run older than this is stale, and the gate inconclusive." }),
    timeout,
  },
  expecting("settings written as keys", "Write them as { workflow: ci.yml, branch: main }."),
);

const githubChecksSchema = z.strictObject(
  {
    ref: text("a branch, tag or commit", "ref: HEAD").optional().meta({
      description: "The branch, tag or commit whose checks count; HEAD (the default) is the local HEAD.",
    }),
    names: z
      .union(
        [text("a check name", "names: build"), z.array(text("a check name", "build")).min(1)],
        expecting("a check name or a list of them", 'Write names: ["build", "lint"].'),
      )
      .optional()
      .meta({
        description: "Check-run names or status contexts that must succeed; all of them when absent.",
      }),
    timeout,
  },
  expecting("settings written as keys", "Write them as { ref: HEAD, names: [build] }."),
);

const githubSecuritySchema = z.strictObject(
  {
    dependabot: severity.optional(),
    codeScanning: severity.optional(),
    timeout,
  },
  expecting("settings written as keys", "Write them as { dependabot: high, codeScanning: medium }."),
);

const githubBranchProtectionSchema = z.strictObject(
  {
    branch: text("a branch name", "branch: main")
      .optional()
      .meta({ description: "The branch; the repository's default branch when absent." }),
    requireChecks: z
      .union(
        [text("a check name", "requireChecks: ci"), z.array(text("a check name", "ci")).min(1)],
        expecting("a check name or a list of them", 'Write requireChecks: ["ci", "lint"].'),
      )
      .optional()
      .meta({
        description:
          "Status checks (check-run names or status contexts) the branch must require before a merge, by branch protection or a ruleset.",
      }),
    reviews: z
      .int(expecting("a whole number", "Write the fewest approving reviews, such as reviews: 1."))
      .min(0)
      .max(10)
      .optional()
      .meta({ description: "Fewest approving reviews the branch must require; defaults to 1." }),
    timeout,
  },
  expecting("settings written as keys", "Write them as { branch: main, requireChecks: [ci], reviews: 1 }."),
);

const repoKitSchema = z.strictObject(
  {
    github: z
      .boolean(expecting("true or false", "Write github: true to ask GitHub about CODEOWNERS too."))
      .optional()
      .meta({
        description:
          "Also ask GitHub for the errors it finds in CODEOWNERS (needs a token); defaults to false.",
      }),
    timeout,
  },
  expecting("settings written as keys", "Write them as { github: true }, or {} for the files alone."),
);

const junitSchema = z.strictObject(
  {
    files: text("a glob of JUnit XML files", 'files: "reports/**/*.xml"').meta({
      description: "JUnit XML reports, as a glob relative to shipready.yml.",
    }),
    minTests: z
      .int(expecting("a whole number", "Write the fewest tests that must run, such as minTests: 1."))
      .min(0)
      .optional()
      .meta({ description: "Fewer tests than this fail the gate; defaults to 1." }),
    maxSkippedRatio: z
      .number(expecting("a share from 0 to 1", "Write it as a fraction, such as maxSkippedRatio: 0.1."))
      .min(0)
      .max(1)
      .optional()
      .meta({ description: "A larger share of skipped tests than this (0-1) warns." }),
    timeout,
  },
  expecting("settings written as keys", 'Write them as { files: "reports/**/*.xml" }.'),
);

const percent = (what: string, example: string) =>
  z
    .number(expecting("a percentage from 0 to 100", `Write the ${what}, such as ${example}.`))
    .min(0)
    .max(100);

const coverageSchema = z.strictObject(
  {
    files: text("a glob of coverage reports", 'files: "coverage/lcov.info"').meta({
      description:
        "lcov, Cobertura XML or Istanbul json-summary reports, as a glob relative to shipready.yml.",
    }),
    format: z
      .enum(
        ["lcov", "cobertura", "istanbul"],
        expecting("lcov, cobertura or istanbul", "Write the report format, or remove format: to detect it."),
      )
      .optional()
      .meta({ description: "The report format; detected from the content when absent." }),
    minLines: percent("lowest line coverage that passes", "minLines: 80").meta({
      description: "The lowest line coverage (0-100) that passes.",
    }),
    warnBelow: percent("lowest line coverage that only warns", "warnBelow: 70")
      .optional()
      .meta({ description: "Line coverage from this up to minLines warns instead of failing." }),
    maxDrop: percent("most line coverage may fall since the last release", "maxDrop: 0.5").optional().meta({
      description:
        "The most line coverage may fall below the last release's, in percentage points; with no release recorded yet the gate warns.",
    }),
    timeout,
  },
  expecting("settings written as keys", 'Write them as { files: "coverage/lcov.info", minLines: 80 }.'),
);

const commandSchema = z.strictObject(
  {
    run: text("a shell command", 'run: "npm run loadtest"').meta({
      description: "A shell command; exit 0 passes, and its last lines of output are kept.",
    }),
    cwd: text("a folder", "cwd: services/api")
      .optional()
      .meta({ description: "The folder to run in, relative to shipready.yml." }),
    warnExitCodes: z
      .array(z.int().min(1).max(255), expecting("a list of exit codes", "Write warnExitCodes: [2]."))
      .optional()
      .meta({ description: "Exit codes that warn instead of failing." }),
    env: z
      .array(
        z
          .string(expecting("a variable's name", "Write the name alone, such as DATABASE_URL."))
          .regex(ENV_NAME),
        expecting("a list of variable names", "Write env: [DATABASE_URL, NODE_ENV]."),
      )
      .optional()
      .meta({
        description:
          "Environment variables the command is given, besides a safe base (PATH, HOME, USER, LANG, LC_*, TZ, TMPDIR, SHELL, TERM, CI and GitHub's description of the run). Nothing else is passed: GITHUB_TOKEN, GH_TOKEN and SLACK_WEBHOOK_URL only when named here.",
      }),
    timeout,
  },
  expecting("settings written as keys", 'Write them as { run: "npm run loadtest", timeout: 600s }.'),
);

const httpSchema = z.strictObject(
  {
    url: text("an http or https URL", 'url: "https://staging.example.com/health"')
      .regex(/^https?:\/\//i)
      .meta({ description: "The health endpoint (http or https) to probe." }),
    expect: z
      .int(expecting("an HTTP status", "Write the healthy status, such as expect: 200."))
      .min(100)
      .max(599)
      .optional()
      .meta({ description: "The status that counts as healthy; defaults to 200." }),
    samples: z
      .int(expecting("a whole number", "Write how many probes to make, such as samples: 20."))
      .min(1)
      .max(10_000)
      .optional()
      .meta({ description: "How many probes to make; defaults to 10." }),
    interval: duration("time between probes", "interval: 3s")
      .optional()
      .meta({ description: "Time between probes; defaults to 1s." }),
    successRatio: z
      .number(expecting("a share from 0 to 1", "Write it as a fraction, such as successRatio: 0.99."))
      .min(0)
      .max(1)
      .optional()
      .meta({ description: "Share of probes (0-1) that must be healthy; defaults to 0.99." }),
    maxLatency: duration("slowest healthy answer", "maxLatency: 500ms")
      .optional()
      .meta({ description: "An answer slower than this is not healthy; defaults to 1s." }),
    headers: z
      .record(
        z.string(),
        z.string(),
        expecting("headers written as keys", 'Write them as { Authorization: "Bearer ${HEALTH_TOKEN}" }.'),
      )
      .optional()
      .meta({ description: "Headers to send; ${NAME} is replaced by the environment variable NAME." }),
    timeout,
  },
  expecting("settings written as keys", 'Write them as { url: "https://.../health", samples: 20 }.'),
);

const versionSource = z
  .union(
    [
      text("a file path", "version: package.json"),
      z.strictObject({
        path: text("a file path", "path: VERSION"),
        pattern: text("a regular expression", 'pattern: "version = \\"(.+)\\""')
          .optional()
          .meta({ description: "A regular expression whose first group is the version." }),
      }),
    ],
    expecting(
      "a file path, or { path, pattern }",
      'Write version: package.json, or version: { path: setup.cfg, pattern: "version = (.+)" }.',
    ),
  )
  .meta({
    description:
      "Where a version is read from: package.json, pyproject.toml, Cargo.toml, a VERSION file, or any file with a pattern.",
  });

const fileSchema = z.strictObject(
  {
    path: text("a file path", "path: CHANGELOG.md")
      .optional()
      .meta({ description: "The file that must exist, relative to shipready.yml." }),
    contains: text("the text to find", 'contains: "## [{version}]"')
      .optional()
      .meta({ description: "Text the file must contain; {version} is replaced by the version." }),
    matches: text("a regular expression", 'matches: "^## \\\\[?{version}"')
      .optional()
      .meta({ description: "A regular expression a line of the file must match; {version} is replaced." }),
    version: versionSource.optional(),
    sameVersion: z
      .array(versionSource, expecting("a list of files", "Write sameVersion: [VERSION, package.json]."))
      .min(2)
      .optional()
      .meta({ description: "Files whose versions must all agree." }),
    timeout,
  },
  expecting("settings written as keys", "Write them as { path: CHANGELOG.md, contains: ... }."),
);

const hookName = z
  .enum(
    ["pre-push", "commit-msg"],
    expecting("pre-push or commit-msg", "Write installed: [pre-push, commit-msg]."),
  )
  .meta({ description: "A git hook shipready writes: pre-push (preflight) or commit-msg (lint-commits)." });

const hooksSchema = z.strictObject(
  {
    installed: z
      .array(hookName, expecting("a list of hooks", "Write installed: [pre-push]."))
      .min(1)
      .optional()
      .meta({ description: "The hooks that must run shipready in this clone; both when absent." }),
    timeout,
  },
  expecting("settings written as keys", "Write them as { installed: [pre-push] }."),
);

const sarifSchema = z.strictObject(
  {
    files: text("a glob of SARIF logs", 'files: "reports/*.sarif"').meta({
      description: "SARIF 2.1.0 logs from any scanner, as a glob relative to shipready.yml.",
    }),
    failOn: severity.optional().meta({
      description: "The lowest finding severity that fails the gate; defaults to high.",
    }),
    new: z
      .boolean(
        expecting("true or false", "Write new: true to count only findings absent at the last release."),
      )
      .optional()
      .meta({
        description:
          "Count only findings absent at the last release (by partialFingerprints, else rule and location); defaults to false.",
      }),
    timeout,
  },
  expecting("settings written as keys", 'Write them as { files: "reports/*.sarif", failOn: high }.'),
);

/** The kinds, in the order messages list them. */
export const EVIDENCE_KINDS = [
  "github-actions",
  "github-checks",
  "github-security",
  "github-branch-protection",
  "repo-kit",
  "junit",
  "coverage",
  "command",
  "http",
  "file",
  "hooks",
  "sarif",
] as const;

/** One piece of evidence: a mapping with exactly one key, the kind. */
export const evidenceItemSchema = z
  .strictObject(
    {
      "github-actions": githubActionsSchema.optional().meta({
        description: "The latest run of a GitHub Actions workflow: success passes, failure fails.",
      }),
      "github-checks": githubChecksSchema
        .optional()
        .meta({ description: "Check runs and commit statuses on a ref." }),
      "github-security": githubSecuritySchema
        .optional()
        .meta({ description: "Open Dependabot and code scanning alerts at or above a severity fail." }),
      "github-branch-protection": githubBranchProtectionSchema.optional().meta({
        description: "A branch requires status checks and approving reviews (branch protection or rulesets).",
      }),
      "repo-kit": repoKitSchema.optional().meta({
        description:
          "The repository kit exists and is valid: issue forms, pull request template, CODEOWNERS, labeler, workflows, Dependabot.",
      }),
      junit: junitSchema.optional().meta({ description: "JUnit XML test reports." }),
      coverage: coverageSchema.optional().meta({ description: "A line coverage report and its minimum." }),
      command: commandSchema.optional().meta({ description: "A shell command; exit 0 passes." }),
      http: httpSchema.optional().meta({ description: "A health endpoint probed several times." }),
      file: fileSchema.optional().meta({ description: "A file exists, contains text, or versions agree." }),
      hooks: hooksSchema.optional().meta({
        description:
          "This clone's git hooks run shipready: pre-push runs preflight, commit-msg lint-commits.",
      }),
      sarif: sarifSchema.optional().meta({
        description:
          "SARIF logs from any scanner: findings at or above a severity fail, only new ones with new: true.",
      }),
    },
    expecting(
      "one evidence kind written as a key",
      "Write it as - junit: { files: reports/*.xml } (one kind per list item).",
    ),
  )
  // An item with no kind at all is reported by a rule on the raw file, where an unknown key is not lost.
  .refine((item) => Object.keys(item).length <= 1, {
    error: (issue) =>
      `${Object.keys((issue.input as object | null) ?? {}).join(" and ")} in one list item. Give each kind its own list item (a new - line).`,
  })
  .meta({
    description: "One piece of evidence, keyed by its kind.",
    minProperties: 1,
    maxProperties: 1,
  });

export type EvidenceItemInput = z.input<typeof evidenceItemSchema>;
