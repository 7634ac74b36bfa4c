import { z } from "zod";
import { expecting, NOT_BLANK } from "./schema-wording.js";

/** Where the repository lives on GitHub, when the git remote and the environment do not say. */
export const githubSchema = z
  .strictObject(
    {
      repo: z
        .string(expecting("owner/name", "Write the repository as repo: octo-org/octo-app."))
        .regex(/^[\w.-]+\/[\w.-]+$/)
        .optional()
        .meta({
          description:
            "The repository as owner/name; by default --repo, GITHUB_REPOSITORY or the git remote origin.",
        }),
      apiUrl: z
        .string(
          expecting(
            "an https URL",
            "Write the API's URL, such as apiUrl: https://github.example.com/api/v3.",
          ),
        )
        .regex(/^https?:\/\/\S+$/)
        .optional()
        .meta({
          description:
            "The REST API's URL, for GitHub Enterprise Server; by default --api-url, GITHUB_API_URL or https://api.github.com.",
        }),
      deadline: z
        .number(
          expecting(
            "a number of seconds above 0",
            "Write how long a chain of GitHub requests may take, retries included, such as deadline: 60.",
          ),
        )
        .positive()
        .optional()
        .meta({
          description:
            "How long one chain of GitHub requests (a reading with its pages and retries) may take, in seconds; past it the gate is inconclusive. Defaults to 60.",
        }),
      cache: z
        .string(
          expecting(
            "a file path",
            "Write a path relative to this file, such as cache: .shipready/cache/github.db.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The local cache of GitHub answers and their ETags, relative to this file; defaults to .shipready/cache/github.db.",
        }),
    },
    expecting(
      "GitHub settings written as keys",
      "Write them as keys under github:, such as repo: owner/name.",
    ),
  )
  .meta({ description: "How to reach the repository on GitHub." });

/** The CI snapshot between the CI_SNAPSHOT markers. */
export const ciSnapshotSchema = z
  .strictObject(
    {
      enabled: z
        .boolean(expecting("true or false", "Write enabled: true or enabled: false."))
        .optional()
        .meta({
          description:
            "Regenerate the CI snapshot from GitHub Actions when the checklist has its markers; defaults to true.",
        }),
      branch: z
        .string(expecting("a branch name", "Write the branch, such as branch: main."))
        .regex(NOT_BLANK)
        .optional()
        .meta({ description: "The branch whose runs count; the repository's default branch when absent." }),
      runs: z
        .int(
          expecting(
            "a whole number from 1 to 1000",
            "Write how many recent runs to look at, such as runs: 20.",
          ),
        )
        .min(1)
        .max(1000)
        .optional()
        .meta({ description: "How many recent runs per workflow the pass rate covers; defaults to 20." }),
      workflows: z
        .array(
          z.string().regex(NOT_BLANK),
          expecting("a list of workflows", "Write workflows: [ci.yml, release.yml], or remove it for all."),
        )
        .min(1)
        .optional()
        .meta({ description: "Workflows to show, by file name or name; all active workflows when absent." }),
      healthy: z
        .number(expecting("a success rate from 0 to 100", "Remove healthy:."))
        .min(0)
        .max(100)
        .optional()
        .meta({
          deprecated: true,
          description:
            "No longer used: the health follows each workflow's latest run. Accepted so that older files load; remove it.",
        }),
      degraded: z
        .number(expecting("a success rate from 0 to 100", "Remove degraded:."))
        .min(0)
        .max(100)
        .optional()
        .meta({
          deprecated: true,
          description:
            "No longer used: the health follows each workflow's latest run. Accepted so that older files load; remove it.",
        }),
    },
    expecting(
      "CI snapshot settings written as keys",
      "Write them as keys under ciSnapshot:, such as runs: 20.",
    ),
  )
  .meta({
    description:
      "The CI snapshot: per workflow, the last run and the pass rate, with the overall health from each workflow's latest run.",
  });
