/**
 * Advance widths of Verdana at 11px, in tenths of a pixel, for the printable ASCII characters
 * (space to ~), as shields.io measures badge text: a badge sized from them fits its text in the
 * browsers that draw it, with no font at hand here to measure against.
 */
// prettier-ignore
const ASCII_TENTHS = [
  39, 43, 50, 90, 70, 120, 80, 30, 50, 50, 70, 90, 40, 50, 40, 50, //  !"#$%&'()*+,-./
  70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 50, 50, 90, 90, 90, 60, // 0-9 :;<=>?
  116, 75, 75, 77, 85, 70, 63, 85, 83, 46, 50, 76, 61, 93, 82, 87, // @A-O
  66, 87, 76, 75, 68, 81, 75, 110, 75, 68, 75, 50, 50, 50, 90, 70, // P-Z [\]^_
  70, 66, 69, 57, 69, 66, 39, 69, 70, 30, 38, 65, 30, 110, 70, 67, // `a-o
  69, 69, 47, 57, 43, 70, 65, 90, 65, 65, 58, 70, 50, 70, 90, // p-z {|}~
];

// Characters beyond ASCII are taken as wide as "@", the widest here (emoji wider still), so that a
// badge never clips its text; a browser squeezes text into the width given, it never overflows it.
const WIDE_TENTHS = 116;
const ASTRAL_TENTHS = 140;

/** The width in pixels `text` takes in Verdana 11px. */
export function measureVerdana(text: string): number {
  let tenths = 0;
  // Decomposed, an accented letter is its base letter (measured) and marks that take no width.
  for (const char of text.normalize("NFD")) {
    const code = char.codePointAt(0)!;
    if (code >= 32 && code <= 126) tenths += ASCII_TENTHS[code - 32]!;
    else if (code < 32 || /[\p{M}\p{Cf}]/u.test(char)) continue;
    else tenths += code > 0xffff ? ASTRAL_TENTHS : WIDE_TENTHS;
  }
  return tenths / 10;
}
