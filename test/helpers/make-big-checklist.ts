/** A checklist of `gates` table rows in 20 sections, large enough that an update takes a noticeable time. */
export function makeBigChecklist(gates: number): string {
  const perSection = Math.ceil(gates / 20);
  let text = "# Big release\n\n<!-- READINESS_SCORE_START -->\nold\n<!-- READINESS_SCORE_END -->\n\n";
  for (let made = 0, section = 0; made < gates; section++) {
    text += `## Section ${section}\n\n| Gate | Status | Notes |\n|---|---|---|\n`;
    for (let i = 0; i < perSection && made < gates; i++, made++) {
      text += `| Gate ${section}-${i} | ${made % 3 === 0 ? "🟡 PENDING" : "🟢 PASS"} | note with \`code\` ${made} |\n`;
    }
    text += "\n";
  }
  return text;
}
