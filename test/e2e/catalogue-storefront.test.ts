// The catalogue's storefront flow in headless Chromium (issue 16): a page bundled with esbuild from the clients
// generated from catalogue/spec — V3 products → cart V2 → checkout URL → ecomCheckout redirect session → the emulator's
// checkout page → order — as a visitor and as a member logged in on the hosted login page (redirect + PKCE); the
// order is then found as admin, on the server side of the test.

import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate } from "wix-authz";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_ID,
  DEMO_MEMBER_PASSWORD,
  type RunningEmulator,
  startEmulator,
} from "wix-authz/emulator";
import { launchChromium } from "./browser.js";
import { RequestWindow } from "./harness.js";

const APP_DIR = fileURLToPath(new URL("catalogue-storefront/", import.meta.url));
const REPO = fileURLToPath(new URL("../../", import.meta.url));

let emulator: RunningEmulator;
let browser: Browser;
let site: { url: string; server: Server };
let work: string;

beforeAll(async () => {
  // Under the repository's .tmp/, so `@wix-authz/runtime` resolves by the package's self-reference, as in a user's app.
  await mkdir(join(REPO, ".tmp"), { recursive: true });
  work = await mkdtemp(join(REPO, ".tmp", "e2e-catalogue-"));
  const outdir = join(work, "site");
  // The clients of the whole catalogue, generated next to a copy of the page, as a user's app would have them.
  await generate({ spec: "catalogue/spec", out: join(work, "generated"), cwd: REPO });
  await copyFile(join(APP_DIR, "page.ts"), join(work, "page.ts"));
  emulator = await startEmulator({ spec: join(REPO, "catalogue/spec") });
  await build({
    entryPoints: [join(work, "page.ts")],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
    conditions: ["wix-authz-source"],
    define: { __WIX_CLIENT_ID__: JSON.stringify(DEFAULT_CLIENT_ID), __WIX_BASE_URL__: JSON.stringify(emulator.url) },
  });
  await copyFile(join(APP_DIR, "index.html"), join(outdir, "index.html"));
  site = await serve(outdir);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([browser?.close(), emulator?.close(), new Promise((r) => site?.server.close(r))]);
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

/** index.html for every page path (/, /thank-you, /callback), the bundle's files by name. */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const file = extname(path) === "" ? "index.html" : path.slice(1);
    if (file.includes("/") || file.startsWith(".")) return void res.writeHead(404).end();
    const type = file.endsWith(".html") ? "text/html" : "text/javascript";
    readFile(join(root, file)).then(
      (body) => res.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function ready(page: Page): Promise<void> {
  await page.locator('body[data-state="ready"]').waitFor({ timeout: 20_000 });
  const error = page.locator("#error");
  if (await error.isVisible()) throw new Error(`the page shows an error: ${await error.textContent()}`);
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(`${selector} li span`).allTextContents();
}

async function add(page: Page, label: string): Promise<void> {
  await page.locator("#products li", { hasText: label }).getByRole("button", { name: "Add to cart" }).click();
  await ready(page);
}

/** Shops (two mugs in two colours, one bumped, one removed, a tote bag), checks out on the hosted page; the order id. */
async function shopAndCheckOut(page: Page): Promise<{ orderId: string; orderNumber: string }> {
  expect(await texts(page, "#categories")).toEqual(["Home & Kitchen (3)", "Digital (1)"]);
  expect(await texts(page, "#products")).toEqual([
    "Ceramic Mug White · $12.50",
    "Ceramic Mug Blue · $12.50",
    "Linen Tote Bag White · $24.00",
    "Linen Tote Bag Blue · $24.00",
    "Pottery Class E-Book · $9.99",
  ]);
  await add(page, "Ceramic Mug Blue");
  await add(page, "Ceramic Mug White");
  await add(page, "Linen Tote Bag White");
  await page.locator("#cart li", { hasText: "Ceramic Mug (Blue)" }).getByRole("button", { name: "+" }).click();
  await ready(page);
  await page.locator("#cart li", { hasText: "Ceramic Mug (White)" }).getByRole("button", { name: "Remove" }).click();
  await ready(page);
  expect(await texts(page, "#cart")).toEqual(["Ceramic Mug (Blue) × 2 = 25.00", "Linen Tote Bag (White) × 1 = 24.00"]);
  expect(await page.locator("#total").textContent()).toBe("$49.00");
  expect(await page.locator("#checkout-url").textContent()).toMatch(
    new RegExp(`^${emulator.url}/checkout\\?checkoutId=`),
  );

  await page.getByRole("button", { name: "Checkout" }).click();
  await page.waitForURL(`${emulator.url}/checkout?**`);
  expect(await page.locator("#total").textContent()).toBe("Total $49.00");
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(`${site.url}/thank-you?**`);
  await ready(page);
  const order = page.locator("#order");
  const orderNumber = /^Order #(\d+) placed$/.exec((await order.textContent()) ?? "")?.[1];
  expect(orderNumber).toBeDefined();
  expect(await texts(page, "#cart")).toEqual([]); // the cart became the order
  return { orderId: (await order.getAttribute("data-order-id")) ?? "", orderNumber: orderNumber! };
}

/** The server side of a shop: the order as the admin API key sees it. */
async function adminOrder(orderId: string): Promise<Record<string, any>> {
  const res = await fetch(`${emulator.url}/ecom/v1/orders/search`, {
    method: "POST",
    headers: { authorization: DEFAULT_API_KEY, "wix-site-id": DEFAULT_SITE_ID, "content-type": "application/json" },
    body: JSON.stringify({ search: { filter: { id: orderId } } }),
  });
  const body = (await res.json()) as { orders: Record<string, any>[] };
  expect(body.orders).toHaveLength(1);
  return body.orders[0]!;
}

describe("catalogue storefront in headless Chromium (generated catalogue clients)", () => {
  test("the page type-checks against the generated catalogue clients (strict, moduleResolution bundler)", async () => {
    const compilerOptions = {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "bundler",
      lib: ["ES2023", "DOM"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      customConditions: ["wix-authz-source"],
    };
    await writeFile(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["page.ts"] }));
    const tsc = join(REPO, "node_modules", "typescript", "bin", "tsc");
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [tsc, "-p", join(work, "tsconfig.json")], (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), out: stdout + stderr }),
      );
    });
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
  }, 120_000);

  test("a visitor: V3 products → cart V2 → checkout URL → redirect session → checkout page → order", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const log = new RequestWindow(emulator);
    await page.goto(`${site.url}/`);
    await ready(page);
    expect(await page.locator("#who").textContent()).toBe("Visitor");
    const { orderId, orderNumber } = await shopAndCheckOut(page);
    const order = await adminOrder(orderId);
    expect(order).toMatchObject({
      number: orderNumber,
      paymentStatus: "PAID",
      priceSummary: { total: { amount: "49.00" } },
    });
    expect(order["buyerInfo"]).toEqual({ visitorId: expect.any(String) });
    const calls = new Set(log.calls());
    for (const call of [
      "stores.productsV3.queryProducts visitor",
      "categories.categories.queryCategories visitor",
      "ecom.currentCartV2.addLineItemsToCurrentCart visitor",
      "ecom.currentCartV2.updateLineItemsInCurrentCart visitor",
      "ecom.currentCartV2.removeLineItemsFromCurrentCart visitor",
      "ecom.currentCartV2.estimateCurrentCart visitor",
      "ecom.cartV2.getCheckoutUrl visitor",
      "ecom.currentCart.createCheckoutFromCurrentCart visitor",
    ])
      expect(calls).toContain(call);
    const session = log.entries().filter((r) => r.path === "/_api/redirects-api/v1/redirect-session");
    expect(session.map((r) => [r.identity, r.status])).toEqual([["visitor", 200]]);
    expect(log.entries().filter((r) => r.status >= 500)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("a member logged in on the page keeps the visitor's cart, checks out, and the order is the member's", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const log = new RequestWindow(emulator);
    await page.goto(`${site.url}/`);
    await ready(page);
    await add(page, "Pottery Class E-Book");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${emulator.url}/_api/oauth2/authorize?**`); // the emulator's hosted login page
    await page.locator("#email").fill(DEMO_MEMBER_EMAIL);
    await page.locator("#password").fill(DEMO_MEMBER_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${site.url}/`); // /callback#code=…, exchanged, then replaced by /
    await ready(page);
    expect(await page.locator("#who").textContent()).toBe(`Member ${DEMO_MEMBER_EMAIL}`);
    expect(await texts(page, "#cart")).toEqual(["Pottery Class E-Book × 1 = 9.99"]); // the cart followed the login
    await page.locator("#cart li", { hasText: "E-Book" }).getByRole("button", { name: "Remove" }).click();
    await ready(page);
    const { orderId } = await shopAndCheckOut(page);
    const order = await adminOrder(orderId);
    expect(order["buyerInfo"]).toEqual({ memberId: DEMO_MEMBER_ID });
    expect(order["priceSummary"].total.amount).toBe("49.00");
    const memberCalls = log.calls().filter((c) => c.endsWith(" member"));
    expect(memberCalls).toEqual(expect.arrayContaining(["ecom.currentCart.createCheckoutFromCurrentCart member"]));
    const sessions = log.entries().filter((r) => r.path === "/_api/redirects-api/v1/redirect-session");
    // The login's redirect session (as the visitor, so the cart follows), then the checkout's (as the member).
    expect(sessions.map((r) => r.identity)).toEqual(["visitor", "member"]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
