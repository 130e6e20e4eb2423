// Stateful default-spec behaviour: products, the current cart per visitor/member, bookings with revisions, members.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SEED, DEMO_MEMBER_ID, STORES_APP_ID, type RunningEmulator } from "../../emulator/index.js";
import { adminHeaders, call, memberTokens, start, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
beforeEach(async () => ({ em } = await start()));
afterEach(() => em.close());

const products = DEFAULT_SEED.products!;
const visible = products.filter((p) => p.visible);
const hidden = products.find((p) => !p.visible)!;
const query = (headers: Record<string, string>, q: object = {}) =>
  call(em, "POST", "/stores-reader/v1/products/query-platformized", { headers, body: { query: q } });
const add = (auth: string, catalogItemId: string, quantity = 1) =>
  call(em, "POST", "/ecom/v1/carts/current/add-to-cart", {
    auth,
    body: { lineItems: [{ quantity, catalogReference: { catalogItemId, appId: STORES_APP_ID } }] },
  });

describe("products", () => {
  it("shows visitors only visible products and admins all of them", async () => {
    const visitor = (await visitorTokens(em)).access;
    const asVisitor = await query({ authorization: visitor });
    expect(asVisitor.body.products.map((p: { id: string }) => p.id)).toEqual(visible.map((p) => p.id));
    expect(asVisitor.body.metadata).toEqual({ count: visible.length, offset: 0, total: visible.length });
    expect((await query(adminHeaders)).body.totalResults).toBe(products.length);
    expect((await call(em, "GET", `/stores-reader/v1/products/${hidden.id}`, { auth: visitor })).status).toBe(404);
    expect((await call(em, "GET", `/stores-reader/v1/products/${hidden.id}`, { headers: adminHeaders })).status).toBe(
      200,
    );
  });

  it("filters, sorts and pages", async () => {
    const res = await query(adminHeaders, {
      filter: { productType: "physical", "priceData.price": { $lt: 40 } },
      sort: [{ fieldName: "priceData.price", order: "DESC" }],
      paging: { limit: 1, offset: 1 },
    });
    expect(res.body.products.map((p: { name: string }) => p.name)).toEqual(["Ceramic Mug"]);
    expect(res.body.metadata).toEqual({ count: 1, offset: 1, total: 2 });
    const startsWith = await query(adminHeaders, { filter: { name: { $startsWith: "lin" } } });
    expect(startsWith.body.products.map((p: { name: string }) => p.name)).toEqual(["Linen Tote Bag"]);
    const unsupported = await query(adminHeaders, { filter: { name: { $regex: "x" } } });
    expect([unsupported.status, unsupported.body.details.applicationError.code]).toEqual([400, "INVALID_FILTER"]);
  });

  it("creates products visible to visitors and deletes them", async () => {
    const created = await call(em, "POST", "/stores/v1/products", {
      headers: adminHeaders,
      body: { product: { name: "Ceramic Mug", productType: "physical", priceData: { price: 15 } } },
    });
    const product = created.body.product;
    expect(product).toMatchObject({
      name: "Ceramic Mug",
      slug: "ceramic-mug-1",
      visible: true,
      priceData: { price: 15, currency: "USD" },
    });
    const visitor = (await visitorTokens(em)).access;
    expect((await call(em, "GET", `/stores-reader/v1/products/${product.id}`, { auth: visitor })).body.product.id).toBe(
      product.id,
    );
    expect((await call(em, "DELETE", `/stores/v1/products/${product.id}`, { headers: adminHeaders })).body).toEqual({});
    expect((await call(em, "DELETE", `/stores/v1/products/${product.id}`, { headers: adminHeaders })).status).toBe(404);
  });
});

describe("current cart", () => {
  it("has no cart until something is added, then one cart per visitor token", async () => {
    const a = (await visitorTokens(em)).access;
    const b = (await visitorTokens(em)).access;
    const none = await call(em, "GET", "/ecom/v1/carts/current", { auth: a });
    expect([none.status, none.body.details.applicationError.code]).toEqual([404, "OWNED_CART_NOT_FOUND"]);
    await add(a, visible[0]!.id, 2);
    const again = await add(a, visible[0]!.id, 1);
    expect(again.body.cart.lineItems).toHaveLength(1);
    expect(again.body.cart.lineItems[0]).toMatchObject({ quantity: 3, productName: { original: visible[0]!.name } });
    expect(again.body.cart.subtotal.amount).toBe((visible[0]!.price * 3).toFixed(2));
    expect((await call(em, "GET", "/ecom/v1/carts/current", { auth: b })).status).toBe(404);
  });

  it("keeps a visitor's cart after refresh, and gives it to the member when that visitor logs in", async () => {
    const visitor = await visitorTokens(em);
    const cart = (await add(visitor.access, visible[1]!.id)).body.cart;
    const refreshed = await call(em, "POST", "/oauth2/token", {
      body: { grantType: "refresh_token", refreshToken: visitor.refresh },
    });
    expect((await call(em, "GET", "/ecom/v1/carts/current", { auth: refreshed.body.access_token })).body.cart.id).toBe(
      cart.id,
    );
    const member = await memberTokens(em, visitor.access);
    const memberCart = (await call(em, "GET", "/ecom/v1/carts/current", { auth: member.access })).body.cart;
    expect(memberCart).toMatchObject({ id: cart.id, buyerInfo: { memberId: DEMO_MEMBER_ID } });
    // The member's cart is the member's: a later login from another visitor finds it too.
    const elsewhere = await memberTokens(em, (await visitorTokens(em)).access);
    expect((await call(em, "GET", "/ecom/v1/carts/current", { auth: elsewhere.access })).body.cart.id).toBe(cart.id);
  });

  it("refuses unknown, hidden and foreign-catalog items without changing the cart", async () => {
    const visitor = (await visitorTokens(em)).access;
    for (const id of ["nope", hidden.id]) expect((await add(visitor, id)).status).toBe(404);
    const foreign = await call(em, "POST", "/ecom/v1/carts/current/add-to-cart", {
      auth: visitor,
      body: { lineItems: [{ quantity: 1, catalogReference: { catalogItemId: visible[0]!.id, appId: "other-app" } }] },
    });
    expect(foreign.status).toBe(404);
    expect((await call(em, "GET", "/ecom/v1/carts/current", { auth: visitor })).status).toBe(404);
  });
});

describe("bookings", () => {
  const create = (auth: string) =>
    call(em, "POST", "/_api/bookings-service/v2/bookings", {
      auth,
      body: { booking: { bookedEntity: { title: "Wheel class" } } },
    });
  const act = (id: string, action: string, revision: string, headers: Record<string, string>) =>
    call(em, "POST", `/_api/bookings-service/v2/bookings/${id}/${action}`, { headers, body: { revision } });

  it("creates in CREATED, confirms with the current revision, refuses stale revisions with 409", async () => {
    const booking = (await create((await visitorTokens(em)).access)).body.booking;
    expect(booking).toMatchObject({ status: "CREATED", revision: "1", totalParticipants: 1 });
    const confirmed = await act(booking.id, "confirm", "1", adminHeaders);
    expect(confirmed.body.booking).toMatchObject({ status: "CONFIRMED", revision: "2" });
    const stale = await act(booking.id, "cancel", "1", adminHeaders);
    expect([stale.status, stale.body.details.applicationError.code]).toEqual([409, "REVISION_MISMATCH"]);
    expect(stale.body.details.applicationError.data).toEqual({ currentRevision: "2" });
    expect((await act(booking.id, "cancel", "2", adminHeaders)).body.booking.status).toBe("CANCELED");
    const afterCancel = await act(booking.id, "confirm", "3", adminHeaders);
    expect([afterCancel.status, afterCancel.body.details.applicationError.code]).toEqual([
      400,
      "BOOKING_ALREADY_CANCELED",
    ]);
    expect((await act("missing", "confirm", "1", adminHeaders)).status).toBe(404);
  });

  it("lets members cancel only their own bookings", async () => {
    const member = await memberTokens(em, (await visitorTokens(em)).access);
    const own = (await create(member.access)).body.booking;
    const others = (await create((await visitorTokens(em)).access)).body.booking;
    const headers = { authorization: member.access };
    expect((await act(others.id, "cancel", "1", headers)).status).toBe(403);
    expect((await act(own.id, "cancel", "1", headers)).body.booking.status).toBe("CANCELED");
  });
});

describe("members", () => {
  it("returns the current member for a member token", async () => {
    const member = await memberTokens(em, (await visitorTokens(em)).access);
    const res = await call(em, "GET", "/members/v1/members/my", { auth: member.access });
    expect(res.body.member).toMatchObject({ id: DEMO_MEMBER_ID, loginEmail: "member@example.com", status: "APPROVED" });
  });

  it("answers 404 when approving an unknown member", async () => {
    const res = await call(em, "POST", "/members/v1/members/nobody/approve", { headers: adminHeaders, body: {} });
    expect(res.status).toBe(404);
  });
});
