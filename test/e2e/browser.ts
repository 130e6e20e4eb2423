// Headless Chromium for e2e tests (Debian's /usr/bin/chromium via playwright-core) and per-step screenshots.

import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots of failed tests land here (gitignored); E2E_SCREENSHOTS=always keeps them for passing tests too. */
export const SCREENSHOT_ROOT = join(process.cwd(), "test-results", "e2e");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH to its binary.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium calls Google hosts and logs every refused connection.
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

/** Screenshots taken at each step, kept in memory and written out only when asked (on failure). */
export class StepScreenshots {
  readonly #shots: { name: string; png: Buffer }[] = [];

  constructor(private readonly page: Page) {}

  async take(step: string): Promise<void> {
    this.#shots.push({ name: step, png: await this.page.screenshot() });
  }

  get steps(): readonly string[] {
    return this.#shots.map((s) => s.name);
  }

  /** Writes `NN-step.png` files into a fresh `dir` and returns their paths. */
  async writeTo(dir: string): Promise<string[]> {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const paths = this.#shots.map((shot, i) => join(dir, `${String(i + 1).padStart(2, "0")}-${slug(shot.name)}.png`));
    await Promise.all(this.#shots.map((shot, i) => writeFile(paths[i]!, shot.png)));
    return paths;
  }
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}
