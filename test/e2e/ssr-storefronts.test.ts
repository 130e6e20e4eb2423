// The Next.js and Astro example storefronts (examples/next-storefront, examples/astro-storefront), built from the
// packed tarball with no bundler configuration for wix-authz, run as production servers against the emulator and
// driven in headless Chromium: visitor cart kept over a reload, hosted member login, a member call, logout, the
// admin route on the server, and no admin code in anything a browser is sent.
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  DEFAULT_CLIENT_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_ID,
  DEMO_MEMBER_PASSWORD,
  startEmulator,
  type RunningEmulator,
} from "wix-authz/emulator";
import { parseTokens } from "@wix-authz/runtime";
import { launchChromium } from "./browser.js";
import { createApp, installPacked, readTree, run } from "./frameworks/setup.js";
import { RequestWindow } from "./harness.js";
import { APPS, exampleFiles, startApp, type RunningApp, type StorefrontApp } from "./ssr-storefronts/apps.js";
import { searchWithTheIsland } from "./ssr-storefronts/island.js";

const BUILD = 400_000;
const API_KEY = "IST.wix-authz-emulator-admin-key";
const SITE_ID = "1c9d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
/** Access tokens live 80 s: inside the runtime's 60 s renewal margin 20 s after they are issued. */
const TOKEN_SECONDS = 80;
const MARGIN_MS = 60_000;
const QUIET = { NEXT_TELEMETRY_DISABLED: "1", ASTRO_TELEMETRY_DISABLED: "1", CI: "1" };

let root = "";
let bin = "";
let browser: Browser;
const timings: Record<string, number> = {};

beforeAll(async () => {
  const installed = await installPacked();
  root = installed.root;
  bin = join(root, "node_modules/.bin");
  Object.assign(timings, installed.timings);
  browser = await launchChromium();
}, BUILD);

afterAll(async () => {
  console.log(`storefront app timings (s): ${JSON.stringify(timings)}`);
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Names and paths of the methods only admins may call, from the spec the packed package ships. */
function adminOnly(): { names: string[]; paths: string[] } {
  const spec = join(root, "node_modules/wix-authz/spec");
  const methods = readdirSync(spec)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => {
      const doc = load(readFileSync(join(spec, f), "utf8")) as { methods?: Record<string, unknown>[] };
      return (doc.methods ?? []) as { name: string; identities: string[]; http: { path: string } }[];
    });
  const admin = methods.filter((m) => m.identities.length === 1 && m.identities[0] === "admin");
  const site = methods.filter((m) => !admin.includes(m));
  // A name or path a visitor/member method also has (or contains) says nothing about admin code.
  const shared = (text: string, of: (m: (typeof site)[number]) => string) => site.some((m) => of(m).includes(text));
  return {
    names: [...new Set(admin.map((m) => m.name))].filter((n) => !shared(n, (m) => m.name)),
    paths: [...new Set(admin.map((m) => m.http.path))].filter((p) => !shared(p, (m) => m.http.path)),
  };
}

class Shop {
  readonly errors: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly url: string,
  ) {
    page.on("pageerror", (e) => this.errors.push(e.message));
  }
  static async open(url: string): Promise<Shop> {
    const context = await browser.newContext();
    return new Shop(context, await context.newPage(), url);
  }
  who = async () => (await this.page.locator("#who").textContent())?.trim() ?? "";
  cartId = async () => (await this.page.locator("#cart").getAttribute("data-cart-id")) ?? "";
  cartLines = async () =>
    (await this.page.locator("#cart li").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
  async session() {
    const cookie = (await this.context.cookies(this.url)).find((c) => c.name === "wix_session");
    return cookie && { cookie, tokens: parseTokens(decodeURIComponent(cookie.value)) };
  }
}

describe.each(APPS)(
  "$name",
  (app: StorefrontApp) => {
    let dir = "";
    let server: RunningApp;
    let shop: Shop;
    // One emulator per app: the demo member's cart from one app's login must not meet the other's.
    let emulator: RunningEmulator;
    const env = {
      ...QUIET,
      WIX_CLIENT_ID: DEFAULT_CLIENT_ID,
      WIX_API_KEY: API_KEY,
      WIX_SITE_ID: SITE_ID,
    };

    beforeAll(async () => {
      dir = await createApp(root, app.name, exampleFiles(app.name));
      const [cmd, ...args] = app.build;
      // The API key is in the build's environment too: nothing may inline it into a browser file.
      const built = await run(join(bin, cmd), args, dir, env);
      timings[`${app.name} build`] = built.seconds;
      if (!built.ok) throw new Error(`${cmd} build failed:\n${built.output}`);
      emulator = await startEmulator({ tokens: { accessTokenSeconds: TOKEN_SECONDS } });
      server = await startApp(app, dir, bin, { ...env, WIX_BASE_URL: emulator.url });
      shop = await Shop.open(server.url);
    }, BUILD);

    afterAll(async () => {
      await shop?.context.close();
      await server?.stop();
    });

    test("the browser output has no admin code, method name, path or API key; the server output has the admin client", () => {
      const { names, paths } = adminOnly();
      expect(names.length).toBeGreaterThan(0);
      const browserFiles = app.clientDirs
        .map((d) => readTree(join(dir, d), [".js", ".mjs", ".html", ".css", ".json"]))
        .join("\n");
      for (const text of [...names, ...paths, "createAdminClient", API_KEY, "@wix-authz/runtime/admin"])
        expect(browserFiles.includes(text), `${text} in ${app.clientDirs.join(", ")}`).toBe(false);
      const serverFiles = app.serverDirs.map((d) => readTree(join(dir, d), [".js", ".mjs"])).join("\n");
      for (const name of names) expect(serverFiles).toContain(name);
    });

    test("a visitor browses, adds to the cart, and a reload keeps the same visitor and cart (HttpOnly cookie)", async () => {
      const log = new RequestWindow(emulator);
      await shop.page.goto(`${server.url}/`);
      expect(await shop.who()).toBe("Browsing as a visitor");
      expect(await shop.page.locator("#products li").count()).toBeGreaterThan(0);
      expect(log.tokenGrants()).toEqual(["anonymous"]); // started by the middleware, once
      await shop.page
        .locator("#products li", { hasText: "Ceramic Mug" })
        .getByRole("button", { name: "Add to cart" })
        .click();
      await shop.page.locator("#cart li", { hasText: "Ceramic Mug × 1" }).waitFor();
      const cartId = await shop.cartId();
      expect(cartId).not.toBe("");
      const session = await shop.session();
      expect(session?.tokens.role).toBe("visitor");
      expect(session?.cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(await shop.page.evaluate(() => document.cookie)).not.toContain("wix_session"); // page scripts cannot read it
      expect(log.calls()).toEqual(expect.arrayContaining(["ecom.currentCart.addToCurrentCart visitor"]));

      log.restart();
      await shop.page.reload();
      expect(await shop.cartId()).toBe(cartId);
      expect(await shop.cartLines()).toEqual(["Ceramic Mug × 1"]);
      expect(log.tokenGrants()).toEqual([]);
      expect(shop.errors).toEqual([]);
    });

    test("an access token due for renewal is renewed once, in the middleware, and the page's calls use the new one", async () => {
      await shop.page.goto(`${server.url}/`); // a session, whatever ran before
      const lines = await shop.cartLines();
      const before = (await shop.session())!.tokens;
      // Wait until the token is inside the renewal margin (it is still valid at the emulator).
      await new Promise((r) => setTimeout(r, Math.max(0, before.expiresAt - MARGIN_MS - Date.now()) + 500));
      const log = new RequestWindow(emulator);
      await shop.page.reload();
      expect(await shop.cartLines()).toEqual(lines);
      // One refresh: the server component read the renewed cookie from the request instead of renewing again.
      expect(log.tokenGrants()).toEqual(["refresh_token"]);
      expect(log.entries().filter((r) => r.status === 401)).toEqual([]);
      const after = (await shop.session())!.tokens;
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.role).toBe("visitor");
    });

    test("a visitor logs in on the hosted page, keeps the cart, calls a member method, and logs out", async () => {
      const cartId = await shop.cartId();
      const log = new RequestWindow(emulator);
      await shop.page.getByRole("link", { name: "Log in" }).click();
      await shop.page.waitForURL(`${emulator.url}/_api/oauth2/authorize?**`);
      const authorize = new URL(shop.page.url());
      expect(authorize.searchParams.get("codeChallengeMethod")).toBe("S256");
      expect(authorize.searchParams.get("redirectUri")).toBe(`${server.url}/callback`);
      await shop.page.locator("#email").fill(DEMO_MEMBER_EMAIL);
      await shop.page.locator("#password").fill(DEMO_MEMBER_PASSWORD);
      await shop.page.getByRole("button", { name: "Log in" }).click();
      await shop.page.waitForURL(`${server.url}/`);
      expect(await shop.who()).toBe(`Logged in as Demo Member (${DEMO_MEMBER_EMAIL})`);
      expect(await shop.cartId()).toBe(cartId); // the visitor's cart carried over to the member
      expect(await shop.cartLines()).toEqual(["Ceramic Mug × 1"]);
      expect((await shop.session())?.tokens.role).toBe("member");
      expect((await shop.context.cookies(server.url)).map((c) => c.name)).not.toContain("wix_session_login");
      expect(log.tokenGrants()).toEqual(["authorization_code"]);
      expect(log.calls()).toEqual(expect.arrayContaining(["members.members.getCurrentMember member"]));
      const member = log.entries().filter((r) => r.identity === "member");
      expect(new Set(member.map((r) => r.subject))).toEqual(new Set([DEMO_MEMBER_ID]));

      log.restart();
      await shop.page.getByRole("button", { name: "Log out" }).click();
      await shop.page.waitForURL(`${server.url}/`);
      expect(await shop.who()).toBe("Browsing as a visitor");
      expect(log.entries().some((r) => r.path === "/_api/iam/authentication/v1/logout")).toBe(true);
      expect(log.tokenGrants()).toEqual(["anonymous"]); // a new visitor, started by the middleware
      expect(await shop.cartLines()).toEqual(["Your cart is empty"]);
      expect((await shop.session())?.tokens.role).toBe("visitor");
      expect(shop.errors).toEqual([]);
    });

    test("the admin route answers from the server with the admin client; the pages a browser gets carry no admin code", async () => {
      const log = new RequestWindow(emulator);
      const response = await shop.page.goto(`${server.url}/api/admin/products`);
      expect(response?.status()).toBe(200);
      const body = (await response!.json()) as { products: { name: string }[] };
      // The hidden product is what only an admin sees.
      expect(body.products.map((p) => p.name)).toContain("Unreleased Teapot");
      expect(log.calls()).toEqual(["stores.products.queryProducts admin (api-key)"]);
      await shop.page.goto(`${server.url}/`);
      const html = await shop.page.content();
      const { names, paths } = adminOnly();
      for (const text of [...names, ...paths, "createAdminClient", API_KEY]) expect(html).not.toContain(text);
      expect(server.log()).not.toContain(API_KEY);
    });

    // Last: it adds to the cart of whoever the earlier tests left (a new visitor after the logout).
    if (app.island)
      test("the product list is a React island (client:load): hydrated, its search calls Wix from the browser with the visitor client, its results add to the session's cart", async () => {
        await searchWithTheIsland(shop.page, emulator, server.url);
        expect(shop.errors).toEqual([]);
      });
  },
  120_000,
);
