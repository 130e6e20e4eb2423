// createBrowserTokenStore({ storage: "local" }) in real tabs: two pages of one Chromium context (one origin, one
// localStorage) running the storefront example share one session, and a login or logout in one tab reaches the
// other through the `storage` event, without a reload.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_MEMBER_EMAIL, DEMO_MEMBER_ID, DEMO_MEMBER_PASSWORD } from "wix-authz/emulator";
import { RequestWindow, StorefrontPage, startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Who the emulator saw behind the cart calls in the window: `identity subject`. */
const cartCallers = (log: RequestWindow) =>
  log
    .entries()
    .filter((r) => r.methodId === "ecom.currentCart.addToCurrentCart")
    .map((r) => `${r.identity} ${r.subject}`);

test("two tabs share one visitor, and a login then a logout in one tab is what the other tab's next call uses", async () => {
  const first = await StorefrontPage.open(h.browser, h.site.url);
  const second = await first.context.newPage(); // a second tab of the same context: same origin, same storage
  try {
    const log = new RequestWindow(h.emulator);
    await first.page.goto(`${h.site.url}/`);
    await first.settled("tab 1: a visitor");
    await second.goto(`${h.site.url}/`);
    await second.locator('body[data-state="ready"]').waitFor();
    expect(log.tokenGrants()).toEqual(["anonymous"]); // tab 2 found tab 1's session: no second visitor
    await second
      .locator("#products li", { hasText: "Ceramic Mug" })
      .getByRole("button", { name: "Add to cart" })
      .click();
    await second.locator("#cart li", { hasText: "Ceramic Mug × 1" }).waitFor();
    const visitor = cartCallers(log)[0]!;
    expect(visitor).toMatch(/^visitor /);

    // Log in on tab 1; tab 2 stays open and is not reloaded.
    await first.page.getByRole("button", { name: "Log in" }).click();
    await first.page.waitForURL(`${h.emulator.url}/_api/oauth2/authorize?**`);
    await first.page.locator("#email").fill(DEMO_MEMBER_EMAIL);
    await first.page.locator("#password").fill(DEMO_MEMBER_PASSWORD);
    await first.page.getByRole("button", { name: "Log in" }).click();
    await first.page.waitForURL(`${h.site.url}/`);
    await first.settled("tab 1: logged in");
    expect(await first.who()).toContain("Logged in as Demo Member");

    log.restart();
    await second
      .locator("#products li", { hasText: "Linen Tote Bag" })
      .getByRole("button", { name: "Add to cart" })
      .click();
    await second.locator("#cart li", { hasText: "Linen Tote Bag × 1" }).waitFor();
    expect(cartCallers(log)).toEqual([`member ${DEMO_MEMBER_ID}`]);
    expect(log.tokenGrants()).toEqual([]); // tab 2 used tab 1's member tokens as they were

    // Log out on tab 1: tab 2's next call is the new visitor's, not the member's.
    await first.page.getByRole("button", { name: "Log out" }).click();
    await first.page.waitForURL(`${h.site.url}/`);
    await first.page.locator("#who", { hasText: "Browsing as a visitor" }).waitFor();
    await first.settled("tab 1: logged out");
    log.restart();
    await second
      .locator("#products li", { hasText: "Ceramic Mug" })
      .getByRole("button", { name: "Add to cart" })
      .click();
    await second.locator('body[data-state="ready"]').waitFor();
    await expect.poll(() => cartCallers(log).length).toBe(1);
    const after = cartCallers(log)[0]!;
    expect(after).toMatch(/^visitor /);
    expect(after).not.toBe(visitor);
    expect(first.pageErrors).toEqual([]);
  } finally {
    await first.close();
  }
});
