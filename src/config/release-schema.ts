import { z } from "zod";
import { expecting, NOT_BLANK } from "./schema-wording.js";

const versionFile = z
  .union(
    [
      z.string().regex(NOT_BLANK),
      z.strictObject({
        path: z.string().regex(NOT_BLANK).meta({ description: "The file, relative to shipready.yml." }),
        pattern: z.string().regex(NOT_BLANK).optional().meta({
          description:
            'A regular expression whose first group is the version; every match is rewritten (app_version = "([^"]+)").',
        }),
        marker: z.string().regex(NOT_BLANK).optional().meta({
          description:
            "Text that marks the lines holding the version (x-release-version); the version on each such line is rewritten.",
        }),
      }),
    ],
    expecting(
      "a file path, or { path, pattern } or { path, marker }",
      'Write - package.json, or - { path: config.py, pattern: \'app_version = "([^"]+)"\' }.',
    ),
  )
  .meta({
    description:
      "A file whose version a release bumps: package.json, pyproject.toml, Cargo.toml, a VERSION file, or any file with a pattern or a marker.",
  });

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
      versionFiles: z
        .array(versionFile, expecting("a list of files", "Write versionFiles: [package.json, VERSION]."))
        .optional()
        .meta({
          description:
            "The files `shipready release` writes the new version into. Defaults to package.json and VERSION, those of them that exist.",
        }),
      commitMessage: z
        .string(
          expecting(
            "a commit message holding {version}",
            'Write commitMessage: "chore(release): {version}".',
          ),
        )
        .regex(/\{version\}/)
        .optional()
        .meta({ description: 'The message of the release commit. Defaults to "chore(release): {version}".' }),
      push: z
        .boolean(expecting("true or false", "Write push: true or push: false."))
        .optional()
        .meta({ description: "Push the release commit and the tag (default true)." }),
      remote: z
        .string(expecting("a git remote's name", "Write remote: origin."))
        .regex(/^[^\s-][^\s]*$/)
        .optional()
        .meta({ description: 'The git remote releases are pushed to. Defaults to "origin".' }),
      githubRelease: z
        .boolean(expecting("true or false", "Write githubRelease: true or githubRelease: false."))
        .optional()
        .meta({
          description:
            "Create a GitHub Release for the tag, with the notes and the readiness verdict (default true when the repository is on GitHub).",
        }),
      changelog: z
        .strictObject(
          {
            file: z
              .string(expecting("a file path", "Write file: CHANGELOG.md."))
              .regex(NOT_BLANK)
              .optional()
              .meta({
                description:
                  "The changelog `shipready release` prepends the new section to (default CHANGELOG.md), relative to shipready.yml.",
              }),
            format: z
              .enum(
                ["release-please", "conventional-changelog"],
                expecting(
                  "release-please or conventional-changelog",
                  "Write format: release-please (the default) or format: conventional-changelog.",
                ),
              )
              .optional()
              .meta({
                description:
                  "The changelog's layout and commit reading: release-please (as release-please writes it, byte for byte) or conventional-changelog (the conventionalcommits preset's own output). Defaults to release-please.",
              }),
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
