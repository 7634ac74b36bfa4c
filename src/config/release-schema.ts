import { z } from "zod";
import { expecting } from "./schema-wording.js";

/** How releases are named and described: tags, version bumps, the changelog. */
export const releaseSchema = z
  .strictObject(
    {
      tagPattern: z
        .string(expecting("a tag pattern holding {version}", 'Write it as tagPattern: "v{version}".'))
        .regex(/\{version\}/)
        .optional()
        .meta({
          description:
            'How release tags are written; {version} stands for the version. Defaults to "v{version}".',
        }),
      preMajor: z
        .enum(
          ["minor", "major"],
          expecting("minor or major", "Write preMajor: minor (the default) or preMajor: major."),
        )
        .optional()
        .meta({
          description:
            "What a breaking change bumps while the major version is 0: minor (the default, as semver allows) or major.",
        }),
      commitTypes: z
        .array(
          z.string().regex(/^[a-z]+$/),
          expecting("a list of lower-case types", "Write commitTypes: [feat, fix, docs, chore]."),
        )
        .min(1)
        .optional()
        .meta({
          description:
            "The commit types lint-commits accepts; defaults to those of @commitlint/config-conventional (build, chore, ci, docs, feat, fix, perf, refactor, revert, style, test).",
        }),
      changelog: z
        .strictObject(
          {
            showAll: z
              .boolean(expecting("true or false", "Write showAll: true or showAll: false."))
              .optional()
              .meta({
                description:
                  "List every commit type (docs, chore, refactor...), not only features, fixes, performance and reverts.",
              }),
            others: z
              .enum(
                ["list", "drop"],
                expecting("list or drop", "Write others: list (under Other Changes) or others: drop."),
              )
              .optional()
              .meta({
                description:
                  "Commits that are not conventional: list them under Other Changes, or drop them (they are counted either way). Defaults to drop.",
              }),
          },
          expecting("changelog settings written as keys", "Write them as { showAll: false, others: drop }."),
        )
        .optional()
        .meta({ description: "What the changelog shows." }),
    },
    expecting(
      "release settings written as keys",
      'Write them as keys under release:, such as tagPattern: "v{version}".',
    ),
  )
  .meta({ description: "How releases are tagged, versioned and described." });
