// E2E harness: emulator + built storefront + static server + Chromium, a page object, and the emulator's request log.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parseTokens } from "@wix-authz/runtime";
import { DEFAULT_CLIENT_ID, startEmulator, type RequestLogEntry, type RunningEmulator } from "wix-authz/emulator";
import { buildStorefront } from "../../examples/storefront/build.js";
import { startStaticServer, type StaticServer } from "../../examples/storefront/server.js";
import { launchChromium, StepScreenshots } from "./browser.js";

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly site: StaticServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const outdir = await mkdtemp(join(tmpdir(), "wix-authz-storefront-"));
  const emulator = await startEmulator();
  await buildStorefront({
    outdir,
    clientId: DEFAULT_CLIENT_ID,
    baseUrl: emulator.url,
    conditions: ["wix-authz-source"],
  });
  const [site, browser] = await Promise.all([startStaticServer({ root: outdir }), launchChromium()]);
  return {
    emulator,
    site,
    browser,
    close: async () => {
      await Promise.allSettled([browser.close(), site.close(), emulator.close()]);
      await rm(outdir, { recursive: true, force: true });
    },
  };
}

/** The storefront in one fresh browser context (empty localStorage and cookies), seen as a user sees it. */
export class StorefrontPage {
  /** Uncaught exceptions in the page: a passing flow must have none. */
  readonly pageErrors: string[] = [];
  readonly shots: StepScreenshots;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly siteUrl: string,
  ) {
    this.shots = new StepScreenshots(page);
    page.on("pageerror", (error) => this.pageErrors.push(error.message));
  }

  static async open(browser: Browser, siteUrl: string): Promise<StorefrontPage> {
    const context = await browser.newContext();
    return new StorefrontPage(context, await context.newPage(), siteUrl);
  }

  /** Waits until the app finished its current action (body[data-state=ready]), then screenshots the step. */
  async settled(step: string): Promise<void> {
    await this.page.locator('body[data-state="ready"]').waitFor({ timeout: 10_000 });
    await this.shots.take(step);
  }

  async who(): Promise<string> {
    return (await this.page.locator("#who").textContent()) ?? "";
  }

  /** Each cart row's cells joined by " | ", e.g. "Ceramic Mug × 1 | $12.50". */
  async cartLines(): Promise<string[]> {
    return this.page
      .locator("#cart li")
      .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent).join(" | ")));
  }

  async cartId(): Promise<string> {
    return (await this.page.locator("#cart").getAttribute("data-cart-id")) ?? "";
  }

  async productNames(): Promise<string[]> {
    const rows = await this.page.locator("#products li").allTextContents();
    return rows.map((row) => row.split(" · ")[0]!);
  }

  /** The visible error text, or undefined when the error element is hidden. */
  async visibleError(): Promise<string | undefined> {
    const error = this.page.locator("#error");
    return (await error.isVisible()) ? ((await error.textContent()) ?? "") : undefined;
  }

  async addToCart(productName: string): Promise<void> {
    await this.page
      .locator("#products li", { hasText: productName })
      .getByRole("button", { name: "Add to cart" })
      .click();
  }

  /** The role of the session the page keeps in localStorage (what a reload starts from). */
  async storedRole(): Promise<string | undefined> {
    const raw = await this.page.evaluate(() => localStorage.getItem("wix-authz.session"));
    return raw === null ? undefined : parseTokens(raw).role;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** The emulator's request log from a mark on, without CORS preflights (they carry no identity). */
export class RequestWindow {
  #start: number;

  constructor(private readonly emulator: RunningEmulator) {
    this.#start = emulator.requests.length;
  }

  entries(): RequestLogEntry[] {
    return this.emulator.requests.slice(this.#start).filter((r) => r.method !== "OPTIONS");
  }

  tokenGrants(): (string | undefined)[] {
    return this.entries()
      .filter((r) => r.path === "/oauth2/token")
      .map((r) => r.grantType);
  }

  /** Spec method calls as `methodId identity`, in order. */
  calls(): string[] {
    return this.entries()
      .filter((r) => r.methodId !== undefined)
      .map((r) => `${r.methodId} ${r.identity}`);
  }

  /** Starts a new window at the current end of the log. */
  restart(): void {
    this.#start = this.emulator.requests.length;
  }
}
