import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { repoRoot } from "./repo-paths.js";

/** Where browser tests keep their screenshots; CI keeps this folder as an artifact. */
export const screenshotsDir = join(repoRoot, "test-artifacts", "screenshots");

/**
 * Headless chromium from the system (Debian's `chromium`), not a downloaded build: the tests run
 * offline and CI installs the package itself. Each browser gets a fresh temporary profile folder
 * (playwright-core creates one per launch and removes it on close; it refuses a `--user-data-dir`
 * argument), so no state leaks between test files.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.SHIPREADY_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `chromium not found at ${executablePath}. Install it with "apt-get install chromium" or set SHIPREADY_CHROMIUM to its path.`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Writes `test-artifacts/screenshots/<name>.png` under the repository root and returns its path: the
 * whole page, or one part of it (a locator) where that is what a person should look at.
 */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  if ("goto" in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
  return path;
}
