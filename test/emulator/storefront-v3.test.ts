// The catalogue's storefront flow on the emulator: Catalog V3 products and variants, categories, current cart V2,
// checkout and its URL, the ecomCheckout redirect session's hosted page, and the order it becomes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_MEMBER_ID,
  type RunningEmulator,
  STORES_APP_ID,
  encodeQuery,
  startEmulator,
} from "../../emulator/index.js";
import { adminHeaders, call, memberTokens, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ spec: "catalogue/spec" });
});
afterAll(async () => {
  await em?.close();
});

const MUG = "b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e01";
const TEAPOT = "b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e04";

async function products(auth: { authorization: string } | typeof adminHeaders, query: Record<string, unknown> = {}) {
  return call(em, "GET", `/stores/v3/products/query?${packed({ query })}`, { headers: auth });
}

/** `.r=<base64url(JSON)>`: how the Wix runtime sends a GET request too complex for flat query parameters. */
function packed(request: Record<string, unknown>): string {
  return `.r=${Buffer.from(JSON.stringify(request)).toString("base64url")}`;
}

function item(productId: string, variantId: string | undefined, quantity: number) {
  const options = variantId === undefined ? {} : { options: { variantId } };
  return { catalogReference: { appId: STORES_APP_ID, catalogItemId: productId, ...options }, quantity };
}

/** The hosted checkout page's form fields (hidden inputs). */
async function checkoutForm(url: string): Promise<Record<string, string>> {
  const html = await (await fetch(url)).text();
  return Object.fromEntries([...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe("Catalog V3 and categories", () => {
  it("visitors see visible products only, with cursor paging; admins see the hidden one", async () => {
    const visitor = { authorization: (await visitorTokens(em)).access };
    const first = await products(visitor, { cursorPaging: { limit: 2 }, sort: [{ fieldName: "name" }] });
    expect(first.status).toBe(200);
    expect(first.body.products.map((p: { name: string }) => p.name)).toEqual(["Ceramic Mug", "Linen Tote Bag"]);
    expect(first.body.pagingMetadata.hasNext).toBe(true);
    const next = await products(visitor, {
      cursorPaging: { limit: 2, cursor: first.body.pagingMetadata.cursors.next },
      sort: [{ fieldName: "name" }],
    });
    expect(next.body.products.map((p: { name: string }) => p.name)).toEqual(["Pottery Class E-Book"]);
    expect(next.body.pagingMetadata.hasNext).toBe(false);
    const all = await products(adminHeaders);
    expect(all.body.products).toHaveLength(4);
    expect((await call(em, "GET", `/stores/v3/products/${TEAPOT}`, { headers: visitor })).status).toBe(404);
    expect((await call(em, "GET", `/stores/v3/products/${TEAPOT}`, { headers: adminHeaders })).status).toBe(200);
    const filtered = await products(visitor, { filter: { productType: "DIGITAL" } });
    expect(filtered.body.products.map((p: { name: string }) => p.name)).toEqual(["Pottery Class E-Book"]);
  });

  it("search matches words of the name or description; variants and categories are served", async () => {
    const visitor = { authorization: (await visitorTokens(em)).access };
    const search = packed({ search: { search: { expression: "linen" } } });
    const found = await call(em, "GET", `/stores/v3/products/search?${search}`, { headers: visitor });
    expect(found.body.products.map((p: { name: string }) => p.name)).toEqual(["Linen Tote Bag"]);
    const variants = await call(em, "POST", "/stores/v3/products/query-variants", {
      headers: visitor,
      body: { query: { filter: { "productData.productId": MUG } } },
    });
    expect(variants.status).toBe(200);
    const names = variants.body.variants.map(
      (v: { optionChoices: { optionChoiceNames: { choiceName: string } }[] }) =>
        v.optionChoices[0]?.optionChoiceNames.choiceName,
    );
    expect(names).toEqual(["White", "Blue"]);
    const tree = { treeReference: { appNamespace: "@wix/stores" } };
    const cats = await call(em, "POST", "/categories/v1/categories/query", { headers: visitor, body: tree });
    expect(cats.body.categories.map((c: { name: string }) => c.name)).toEqual(["Home & Kitchen", "Digital"]);
    const home = cats.body.categories[0];
    const listed = await call(em, "GET", `/categories/v1/categories/${home.id}/list-items?${encodeQuery(tree)}`, {
      headers: visitor,
    });
    expect(listed.body.items.map((i: { catalogItemId: string }) => i.catalogItemId)).toContain(MUG);
    const withHidden = await call(em, "POST", "/categories/v1/categories/query", {
      headers: adminHeaders,
      body: { ...tree, returnNonVisibleCategories: true },
    });
    expect(withHidden.body.categories).toHaveLength(3);
  });
});

describe("current cart V2 → checkout → redirect session → order", () => {
  it("a visitor adds, updates, removes and estimates; a bad item leaves the cart as it was", async () => {
    const visitor = { authorization: (await visitorTokens(em)).access };
    expect((await call(em, "GET", "/ecom/v2/carts/current", { headers: visitor })).status).toBe(404);
    const mug = (await call(em, "GET", `/stores/v3/products/${MUG}`, { headers: visitor })).body.product;
    const [white, blue] = mug.variantsInfo.variants;
    const added = await call(em, "POST", "/ecom/v2/carts/current/add-line-items", {
      headers: visitor,
      body: { catalogItems: [item(MUG, white.id, 1), item(MUG, blue.id, 2)] },
    });
    expect(added.status).toBe(200);
    expect(added.body.cart.subtotal.amount).toBe("37.50");
    expect(added.body.cart.lineItems.map((l: { name: { original: string } }) => l.name.original)).toEqual([
      "Ceramic Mug (White)",
      "Ceramic Mug (Blue)",
    ]);
    const noVariant = await call(em, "POST", "/ecom/v2/carts/current/add-line-items", {
      headers: visitor,
      body: { catalogItems: [item(MUG, undefined, 1)] },
    });
    expect(noVariant.status).toBe(400);
    expect(noVariant.body.details.applicationError.code).toBe("VARIANT_REQUIRED");
    const hidden = await call(em, "POST", "/ecom/v2/carts/current/add-line-items", {
      headers: visitor,
      body: { catalogItems: [item(MUG, white.id, 1), item(TEAPOT, undefined, 1)] },
    });
    expect(hidden.status).toBe(404);
    const [whiteLine, blueLine] = added.body.cart.lineItems;
    const updated = await call(em, "POST", "/ecom/v2/carts/current/update-line-items", {
      headers: visitor,
      body: { lineItems: [{ lineItemId: blueLine.id, quantity: { newQuantity: 4 } }] },
    });
    expect(updated.body.cart.subtotal.amount).toBe("62.50"); // the failed adds changed nothing
    const removed = await call(em, "POST", "/ecom/v2/carts/current/remove-line-items", {
      headers: visitor,
      body: { lineItemIds: [whiteLine.id] },
    });
    expect(removed.body.cart.lineItems).toHaveLength(1);
    const estimate = await call(em, "POST", "/ecom/v2/carts/current/estimate", { headers: visitor, body: {} });
    expect(estimate.body.summary.priceSummary.total.amount).toBe("50.00");
    const invalid = await call(em, "POST", "/ecom/v2/carts/current/remove-line-items", { headers: visitor, body: {} });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.validationError.fieldViolations[0].field).toBe("lineItemIds");
  });

  it("a visitor's checkout URL and redirect session open the hosted checkout; Place order makes the order", async () => {
    const visitor = { authorization: (await visitorTokens(em)).access };
    const added = await call(em, "POST", "/ecom/v2/carts/current/add-line-items", {
      headers: visitor,
      body: { catalogItems: [item("b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e03", undefined, 2)] },
    });
    const cartId = added.body.cart.id;
    const url = await call(em, "POST", `/ecom/v2/carts/${cartId}/get-checkout-url`, { headers: visitor, body: {} });
    expect(url.body.checkoutUrl).toMatch(new RegExp(`^${em.url}/checkout\\?checkoutId=`));
    const created = await call(em, "POST", "/ecom/v1/carts/current/create-checkout", {
      headers: visitor,
      body: { channelType: "WEB" },
    });
    const checkoutId = created.body.checkoutId;
    const checkout = await call(em, "GET", `/ecom/v1/checkouts/${checkoutId}`, { headers: visitor });
    expect(checkout.body.checkout.priceSummary.total.amount).toBe("19.98");
    const other = { authorization: (await visitorTokens(em)).access };
    expect((await call(em, "GET", `/ecom/v1/checkouts/${checkoutId}`, { headers: other })).status).toBe(404);
    const stranger = await call(em, "POST", "/_api/redirects-api/v1/redirect-session", {
      headers: other,
      body: { ecomCheckout: { checkoutId } },
    });
    expect(stranger.status).toBe(400);
    const offsite = await call(em, "POST", "/_api/redirects-api/v1/redirect-session", {
      headers: visitor,
      body: { ecomCheckout: { checkoutId }, callbacks: { thankYouPageUrl: "https://evil.example/thanks" } },
    });
    expect(offsite.status).toBe(400);
    const session = await call(em, "POST", "/_api/redirects-api/v1/redirect-session", {
      headers: visitor,
      body: { ecomCheckout: { checkoutId }, callbacks: { thankYouPageUrl: "http://localhost:5173/thanks" } },
    });
    expect(session.status).toBe(200);
    const fields = await checkoutForm(session.body.redirectSession.fullUrl);
    // A form post without the page's single-use token (from a browser) places nothing.
    const forged = await fetch(`${em.url}/checkout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:5173" },
      body: new URLSearchParams({ checkoutId }),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    const placed = await fetch(`${em.url}/checkout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
    expect(placed.status).toBe(302);
    const back = new URL(placed.headers.get("location")!);
    expect(back.origin + back.pathname).toBe("http://localhost:5173/thanks");
    const orderId = back.searchParams.get("orderId")!;
    const order = await call(em, "GET", `/ecom/v1/orders/${orderId}`, { headers: adminHeaders });
    expect(order.body.order).toMatchObject({
      number: back.searchParams.get("orderNumber"),
      paymentStatus: "PAID",
      status: "APPROVED",
      checkoutId,
      priceSummary: { total: { amount: "19.98" } },
      buyerInfo: { visitorId: expect.any(String) },
    });
    expect((await call(em, "GET", `/ecom/v1/orders/${orderId}`, { headers: visitor })).status).toBe(403);
    // The cart became the order: the visitor's next cart is a new one; the checkout is completed.
    expect((await call(em, "GET", "/ecom/v2/carts/current", { headers: visitor })).status).toBe(404);
    const done = await call(em, "GET", `/ecom/v1/checkouts/${checkoutId}`, { headers: visitor });
    expect(done.body.checkout.completed).toBe(true);
    const again = await fetch(`${em.url}/checkout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
    expect(again.status).toBe(403); // the page's form token was used up by the order
  });

  it("a visitor's cart follows the login; the member's order carries the member id and admin search finds it", async () => {
    const visitor = await visitorTokens(em);
    await call(em, "POST", "/ecom/v2/carts/current/add-line-items", {
      auth: visitor.access,
      body: { catalogItems: [item("b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e03", undefined, 1)] },
    });
    const member = await memberTokens(em, visitor.access);
    const cart = await call(em, "GET", "/ecom/v2/carts/current", { auth: member.access });
    expect(cart.status).toBe(200);
    expect(cart.body.cart.customerInfo).toEqual({ memberId: DEMO_MEMBER_ID });
    const { checkoutId } = (
      await call(em, "POST", "/ecom/v1/carts/current/create-checkout", { auth: member.access, body: {} })
    ).body;
    const order = await call(em, "POST", `/ecom/v1/checkouts/${checkoutId}/create-order`, {
      auth: member.access,
      body: {},
    });
    expect(order.status).toBe(200);
    const search = await call(em, "POST", "/ecom/v1/orders/search", {
      headers: adminHeaders,
      body: { search: { filter: { "buyerInfo.memberId": DEMO_MEMBER_ID } } },
    });
    expect(search.body.orders.map((o: { id: string }) => o.id)).toEqual([order.body.orderId]);
    expect(search.body.orders[0].paymentStatus).toBe("NOT_PAID");
    expect(em.internalErrors).toEqual([]);
  });
});
