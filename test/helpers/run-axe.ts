/// <reference lib="dom" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** One rule axe found broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is and returns what it finds (WCAG 2.x A and AA, and axe's best
 * practices). The page's Content-Security-Policy lets only its own script run, by hash (the static
 * report runs none), and the test must check that very page: putting axe's hash or a nonce into the
 * policy would test another page than the one shipped, and page.addScriptTag adds a <script> element
 * the policy refuses. page.evaluate hands the source to the browser over its debugging protocol
 * (Runtime.evaluate), which runs it as the debugger's code, not as a script the page loads: the
 * policy governs the page's own scripts and loads, so it stays as strict as shipped while axe runs.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
    ).axe;
    const results = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
}

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** The views every page is checked in: a desktop and a phone, light and dark. */
export const VIEWS = [
  { width: 1440, dark: false },
  { width: 1440, dark: true },
  { width: 390, dark: false },
  { width: 390, dark: true },
] as const;

/**
 * Runs axe in every view and returns what it found, one entry per view with violations (so an empty
 * list is a pass). `show` brings the page into the view (a new page, or the same one resized and
 * recoloured); `done`, when given, is told each page after axe ran.
 */
export async function axeInEveryView(
  show: (width: number, dark: boolean) => Promise<Page>,
  done?: (page: Page) => Promise<void>,
): Promise<string[]> {
  const found: string[] = [];
  for (const { width, dark } of VIEWS) {
    const page = await show(width, dark);
    const violations = await runAxe(page);
    if (violations.length > 0)
      found.push(`${width}px${dark ? ", dark" : ""}:\n${describeViolations(violations)}`);
    await done?.(page);
  }
  return found;
}

/** The violations as lines a person reads in a failed assertion. */
function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.targets.slice(0, 5).join("\n  ")}`)
    .join("\n");
}
