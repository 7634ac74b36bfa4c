import { z } from "zod";
import { expecting } from "./schema-wording.js";

/** Text holding only the placeholders the message knows; a typo such as {scor} would be committed as it is. */
const MESSAGE = /^(?=[\s\S]*\S)(?:[^{}]|\{(?:score|band|checklist)\})*$/;

/** How `shipready update --commit` commits the checklist and the history record, and pushes them. */
export const commitSchema = z
  .strictObject(
    {
      via: z
        .enum(
          ["git", "api"],
          expecting(
            "git or api",
            "Write via: git (commit here and git push) or via: api (commit through GitHub's API, signed by GitHub).",
          ),
        )
        .optional()
        .meta({
          description:
            "git (the default) commits in the checkout and pushes with git; api makes the commit on GitHub through its API, signed by GitHub, for branches that require signed commits.",
        }),
      message: z
        .string(
          expecting(
            "a commit message",
            'Write message: "chore(readiness): update {checklist} to {score} {band}".',
          ),
        )
        .regex(MESSAGE)
        .optional()
        .meta({
          description:
            'The commit message; {score} (92.5%), {band} and {checklist} (its path in the repository) are filled in, and no other braces may appear. Defaults to "chore(readiness): update {checklist} to {score} {band}".',
        }),
      skipCi: z.boolean(expecting("true or false", "Write skipCi: true or skipCi: false.")).optional().meta({
        description:
          "Append [skip ci] to the message, so that the commit starts no workflow (default true: with a PAT or GitHub App token, a workflow on push that runs update would otherwise start itself again).",
      }),
      remote: z
        .string(expecting("a git remote's name", "Write remote: origin."))
        .regex(/^[^\s-][^\s]*$/)
        .optional()
        .meta({ description: 'The git remote --push pushes to. Defaults to "origin".' }),
      retries: z
        .int(expecting("a whole number from 0 to 10", "Write retries: 3."))
        .min(0)
        .max(10)
        .optional()
        .meta({
          description:
            "How many times a push refused because the branch moved is rebased (or, with via: api, made again on the new head) and tried again; defaults to 3.",
        }),
    },
    expecting("commit settings written as keys", "Write them as keys under commit:, such as via: git."),
  )
  .meta({
    description: "How update --commit commits the checklist and the history record, and pushes them.",
  });
