import { z } from "zod";
import { BADGE_COLORS } from "../delivery/core/choose-badge-color.js";
import { expecting, NOT_BLANK } from "./schema-wording.js";

const COLOR_NAMES = Object.keys(BADGE_COLORS) as [
  keyof typeof BADGE_COLORS,
  ...(keyof typeof BADGE_COLORS)[],
];

const colorWording = expecting(
  `a colour name (${COLOR_NAMES.join(", ")}) or a hex colour`,
  // Unquoted, YAML reads #4c1 as a comment and the colour as missing.
  'Write a name such as color: green, or a hex colour in quotes, such as color: "#44cc11".',
);

/** A band's badge colour: one of shields.io's names, or #rgb / #rrggbb. */
export const badgeColorSchema = z
  .union(
    [z.enum(COLOR_NAMES, colorWording), z.string(colorWording).regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/)],
    colorWording,
  )
  .meta({
    description: `The band's colour on the readiness badge: ${COLOR_NAMES.join(", ")}, or a hex colour such as "#44cc11". When omitted, a default band's name gives its colour, and any other band is coloured by its place among the bands, from bright green (highest) to red (lowest).`,
  });

/** The SVG readiness badge: where it is written and whether `update` keeps it current. */
export const badgeSchema = z
  .strictObject(
    {
      file: z
        .string(
          expecting("a file path", "Write a path relative to this file, such as file: .shipready/badge.svg."),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "The SVG file `shipready badge` writes, relative to this file; defaults to .shipready/badge.svg.",
        }),
      label: z
        .string(expecting("the label as text", "Write the badge's left-hand text, such as label: readiness."))
        .regex(NOT_BLANK)
        .optional()
        .meta({ description: 'The badge\'s left-hand text; defaults to "readiness".' }),
      update: z.boolean(expecting("true or false", "Write update: true or update: false.")).optional().meta({
        description:
          "Rewrite the badge on every `shipready update` (not on --dry-run), so it shows the score the checklist does; defaults to false.",
      }),
    },
    expecting("badge settings written as keys", "Write them as keys under badge:, such as update: true."),
  )
  .meta({ description: "The SVG readiness badge for a README: score and band colour." });
