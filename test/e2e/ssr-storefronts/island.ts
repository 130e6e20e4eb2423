// The Astro storefront's product list is a React island (client:load): the checks that it hydrated in Chromium, that
// its search reached the emulator from the browser through the visitor client, and that its results still add to the
// cart of the server's session (the HttpOnly cookie), not of the island's own visitor.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { RunningEmulator } from "wix-authz/emulator";
import { RequestWindow } from "../harness.js";

/** The path the visitor client's `stores.products.queryProducts` is sent to (spec/stores.yaml). */
const QUERY_PRODUCTS = "/stores-reader/v1/products/query-platformized";

export async function searchWithTheIsland(page: Page, emulator: RunningEmulator, url: string): Promise<void> {
  const consoleErrors: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text())); // React's hydration mismatches
  await page.goto(`${url}/`);
  const search = page.locator("#search");
  // Server-rendered disabled; enabled by the island's effect, which runs only once React has hydrated it.
  await search.locator("button:enabled").waitFor();
  expect(await page.locator("astro-island[ssr]").count()).toBe(0); // Astro drops `ssr` when the island hydrates

  const log = new RequestWindow(emulator);
  const sent = page.waitForRequest((r) => r.url() === `${emulator.url}${QUERY_PRODUCTS}` && r.method() === "POST");
  await search.getByRole("searchbox", { name: "Search products" }).fill("Ceramic");
  await search.getByRole("button", { name: "Search" }).click();
  const request = await sent; // the browser's own request, not the server's
  expect(request.headers()["authorization"]).toMatch(/\S/);
  await page.locator("#search-status", { hasText: "1 found" }).waitFor();
  const found = await page.locator("#products li").allTextContents();
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/^Ceramic Mug · \S/);
  // The island's visitor starts on the first search (one anonymous grant) and makes the one call.
  expect(log.tokenGrants()).toEqual(["anonymous"]);
  expect(log.calls()).toEqual(["stores.products.queryProducts visitor"]);
  const islandVisitor = log.entries().find((r) => r.methodId !== undefined)?.subject;

  log.restart();
  await page.locator("#products li", { hasText: "Ceramic Mug" }).getByRole("button", { name: "Add to cart" }).click();
  await page.locator("#cart li", { hasText: "Ceramic Mug × 1" }).waitFor();
  const added = log.entries().find((r) => r.methodId === "ecom.currentCart.addToCurrentCart");
  expect(added?.status).toBe(200);
  expect(added?.subject).not.toBe(islandVisitor); // the cart is the cookie session's, from the server
  expect(consoleErrors).toEqual([]);
}
