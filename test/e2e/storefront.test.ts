// The storefront example in headless Chromium against the emulator: visitor, reload, hosted login, logout, bad state.

import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { DEMO_MEMBER_EMAIL, DEMO_MEMBER_ID, DEMO_MEMBER_PASSWORD } from "wix-authz/emulator";
import { SCREENSHOT_ROOT, slug } from "./browser.js";
import { RequestWindow, StorefrontPage, startHarness, type Harness } from "./harness.js";

let h: Harness;
let store: StorefrontPage;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

beforeEach(async (ctx) => {
  store = await StorefrontPage.open(h.browser, h.site.url);
  const page = store;
  // A teardown, not onTestFailed: those run after teardowns, when the page is already closed.
  return async () => {
    const failed = ctx.task.result?.state === "fail";
    if (failed) await page.shots.take("at failure").catch(() => undefined);
    if (failed || process.env.E2E_SCREENSHOTS === "always") {
      const paths = await page.shots.writeTo(join(SCREENSHOT_ROOT, slug(ctx.task.name)));
      if (failed) console.error(`Screenshots of each step:\n  ${paths.join("\n  ")}`);
    }
    await page.close();
  };
});

/** Opens the shop as a new visitor and puts one mug in the cart. */
async function visitorWithMug(log: RequestWindow): Promise<string> {
  await store.page.goto(`${h.site.url}/`);
  await store.settled("visitor session on load");
  expect(log.tokenGrants()).toEqual(["anonymous"]);
  await store.addToCart("Ceramic Mug");
  await store.page.locator("#cart li", { hasText: "Ceramic Mug × 1" }).waitFor();
  await store.settled("mug added to the cart");
  return store.cartId();
}

/** The visitor id (emulator log subject) behind every visitor call in the window; expects exactly one. */
function visitorSubject(log: RequestWindow): string {
  const subjects = new Set(
    log
      .entries()
      .filter((r) => r.identity === "visitor")
      .map((r) => r.subject),
  );
  expect(subjects.size).toBe(1);
  return [...subjects][0]!;
}

describe("storefront example in headless Chromium", () => {
  test("a visitor session starts on load and a reload keeps the same visitor and cart", async () => {
    const log = new RequestWindow(h.emulator);
    const cartId = await visitorWithMug(log);
    expect(await store.who()).toBe("Browsing as a visitor");
    expect(await store.productNames()).toEqual(["Ceramic Mug", "Linen Tote Bag", "Pottery Class E-Book"]);
    expect(await store.cartLines()).toEqual(["Ceramic Mug × 1 | $12.50"]);
    expect(cartId).not.toBe("");
    expect(log.calls()).toEqual(
      expect.arrayContaining([
        "stores.products.queryProducts visitor",
        "ecom.currentCart.getCurrentCart visitor",
        "ecom.currentCart.addToCurrentCart visitor",
      ]),
    );
    const visitorId = visitorSubject(log);

    log.restart();
    await store.page.reload();
    await store.settled("after reload");
    expect(log.tokenGrants()).toEqual([]); // the stored session is reused: no new anonymous token
    expect(visitorSubject(log)).toBe(visitorId);
    expect(await store.cartId()).toBe(cartId);
    expect(await store.cartLines()).toEqual(["Ceramic Mug × 1 | $12.50"]);
    expect(await store.storedRole()).toBe("visitor");
    expect(store.pageErrors).toEqual([]);
  });

  test("log in on the hosted page keeps the cart; log out returns to a visitor", async () => {
    const log = new RequestWindow(h.emulator);
    const cartId = await visitorWithMug(log);
    const visitorId = visitorSubject(log);

    log.restart();
    await store.page.getByRole("button", { name: "Log in" }).click();
    await store.page.waitForURL(`${h.emulator.url}/_api/oauth2/authorize?**`);
    await store.page.locator("#email").fill(DEMO_MEMBER_EMAIL);
    await store.page.locator("#password").fill(DEMO_MEMBER_PASSWORD);
    await store.shots.take("emulator login page filled in");
    await store.page.getByRole("button", { name: "Log in" }).click();
    await store.page.waitForURL(`${h.site.url}/`); // /callback#code=… then replaced by /
    await store.settled("back from the callback as the member");
    expect(await store.who()).toBe(`Logged in as Demo Member (${DEMO_MEMBER_EMAIL})`);
    expect(await store.cartId()).toBe(cartId);
    expect(await store.cartLines()).toEqual(["Ceramic Mug × 1 | $12.50"]);
    expect(await store.page.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
    expect(await store.storedRole()).toBe("member");
    // The redirect session is made as the visitor (so the cart can follow), then one code exchange, then member calls.
    const redirect = log.entries().filter((r) => r.path === "/_api/redirects-api/v1/redirect-session");
    expect(redirect.map((r) => [r.identity, r.subject, r.status])).toEqual([["visitor", visitorId, 200]]);
    expect(log.tokenGrants()).toEqual(["authorization_code"]);
    const afterLogin = log.entries().filter((r) => r.methodId !== undefined);
    expect(new Set(afterLogin.map((r) => `${r.identity} ${r.subject}`))).toEqual(new Set([`member ${DEMO_MEMBER_ID}`]));
    expect(log.calls()).toEqual(expect.arrayContaining(["members.members.getCurrentMember member"]));

    log.restart();
    await store.page.reload();
    await store.settled("member after reload");
    expect(await store.who()).toContain("Logged in as Demo Member");
    expect(log.tokenGrants()).toEqual([]);

    log.restart();
    await store.page.getByRole("button", { name: "Log out" }).click();
    await store.page.waitForURL(`${h.site.url}/`);
    await store.page.locator("#who", { hasText: "Browsing as a visitor" }).waitFor();
    await store.settled("logged out: a visitor again");
    const logoutSession = log.entries().filter((r) => r.path === "/_api/redirects-api/v1/redirect-session");
    expect(logoutSession.map((r) => [r.identity, r.subject])).toEqual([["member", DEMO_MEMBER_ID]]);
    expect(log.entries().some((r) => r.path === "/_api/iam/authentication/v1/logout")).toBe(true);
    expect(log.tokenGrants()).toEqual(["anonymous"]); // a new visitor session, minted once
    expect(visitorSubject(log)).not.toBe(visitorId);
    expect(await store.cartLines()).toEqual(["Your cart is empty"]);
    expect(await store.page.getByRole("button", { name: "Log in" }).isVisible()).toBe(true);
    expect(await store.storedRole()).toBe("visitor");
    expect(store.pageErrors).toEqual([]);
  });

  test("a callback with a tampered state is rejected with a visible error, and the code is never exchanged", async () => {
    const log = new RequestWindow(h.emulator);
    const cartId = await visitorWithMug(log);
    // Stand in for an attacker: the login form's answer redirects to the callback with a different state.
    await store.page.route(
      (url) => url.href.startsWith(`${h.emulator.url}/_api/oauth2/authorize`),
      async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        const answer = await route.fetch({ maxRedirects: 0 });
        const target = new URL(answer.headers()["location"]!);
        const params = new URLSearchParams(target.hash.slice(1));
        expect(params.get("code")).toBeTruthy();
        params.set("state", "forged-state");
        target.hash = params.toString();
        await route.fulfill({ status: 302, headers: { location: target.href } });
      },
    );

    log.restart();
    await store.page.getByRole("button", { name: "Log in" }).click();
    await store.page.waitForURL(`${h.emulator.url}/_api/oauth2/authorize?**`);
    await store.page.locator("#email").fill(DEMO_MEMBER_EMAIL);
    await store.page.locator("#password").fill(DEMO_MEMBER_PASSWORD);
    await store.page.getByRole("button", { name: "Log in" }).click();
    await store.page.waitForURL(`${h.site.url}/`);
    await store.page.locator("#error").waitFor({ state: "visible" });
    await store.settled("tampered callback rejected");
    expect(await store.visibleError()).toBe(
      "WixLoginError: The callback's state does not match this login's state (a stale or forged callback).",
    );
    expect(log.tokenGrants()).toEqual([]); // the code was never sent to the token endpoint
    expect(await store.who()).toBe("Browsing as a visitor");
    expect(await store.cartId()).toBe(cartId);
    expect(await store.storedRole()).toBe("visitor");
    expect(store.page.url()).toBe(`${h.site.url}/`); // the code does not stay in the address bar

    // Replaying the same callback is no better: the login data was used up.
    await store.page.goto(`${h.site.url}/callback#code=replayed&state=forged-state`);
    await store.page.locator("#error").waitFor({ state: "visible" });
    await store.settled("callback without a pending login");
    expect(await store.visibleError()).toBe(
      "Error: This login callback does not belong to a login started in this tab.",
    );
    expect(log.tokenGrants()).toEqual([]);
    expect(store.pageErrors).toEqual([]);
  });
});
