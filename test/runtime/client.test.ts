// Client construction from a method table, the runtime identity guard, option checks and the type-state contract.

import { describe, expect, it } from "vitest";
import {
  createMemberRuntime,
  createVisitorRuntime,
  WixConfigError,
  WixIdentityError,
  type Blocked,
  type MemberAuth,
  type MethodTable,
  type VisitorAuth,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, tokens, type TestClient } from "./helpers.js";

describe("client object", () => {
  it("nests methods by id segments, reserves auth, and is frozen", () => {
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch: fakeFetch({}) },
      table,
    ) as unknown as Record<string, any>;
    expect(Object.keys(client).sort()).toEqual(["auth", "members", "stores"]);
    expect(Object.keys(client.stores.products).sort()).toEqual(["deleteProduct", "getProduct", "queryProducts"]);
    expect(Object.isFrozen(client) && Object.isFrozen(client.stores.products)).toBe(true);
    expect(typeof client.auth.login).toBe("function");
    expect(client.auth.logout).toBeUndefined();
  });

  it("a hand-made table id never writes into a built-in (Object.prototype.__lookupGetter__ stays untouched)", () => {
    const builtin = (Object.prototype as unknown as Record<string, object>)["__lookupGetter__"]!;
    const before = Object.getOwnPropertyNames(builtin);
    createVisitorRuntime({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, {
      "__lookupGetter__.evil": table["stores.products.getProduct"],
    } as MethodTable);
    expect(Object.getOwnPropertyNames(builtin)).toEqual(before);
  });

  it("the visitor and member factories refuse a client type without the session API (checked by tsc)", () => {
    type AdminLike = { readonly stores: object };
    // @ts-expect-error An admin client type has no `auth`: createVisitorRuntime cannot build it.
    expect(() => createVisitorRuntime<AdminLike>({ clientId: "" }, table)).toThrow(WixConfigError);
    // @ts-expect-error The same for createMemberRuntime.
    expect(() => createMemberRuntime<AdminLike>({ clientId: "" } as never, table)).toThrow(WixConfigError);
  });

  it("lays a table out once: a second client from the same table does not split its ids again", () => {
    let reads = 0;
    const counted = new Proxy(table, {
      ownKeys: (target) => {
        reads++;
        return Reflect.ownKeys(target);
      },
    });
    createVisitorRuntime({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, counted);
    const first = reads;
    createVisitorRuntime({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, counted);
    expect(first).toBeGreaterThan(0);
    expect(reads).toBe(first);
  });

  it.each([
    [{ "auth.login": table["stores.products.getProduct"] }, /"auth" is reserved/],
    [{ toString: table["stores.products.getProduct"] }, /empty or reserved segments/],
    [{ "toJSON.x": table["stores.products.getProduct"] }, /empty or reserved segments/],
    // The spec rules' list (contract.ts): names that shadow object or promise members, at any level.
    [{ "a.then": table["stores.products.getProduct"] }, /empty or reserved segments/],
    [{ "a.valueOf": table["stores.products.getProduct"] }, /empty or reserved segments/],
    [
      { "a.b": table["stores.products.getProduct"], "a.b.c": table["stores.products.getProduct"] },
      /both a method and a namespace/,
    ],
    [{ "a..b": table["stores.products.getProduct"] }, /empty or reserved segments/],
    [{ "__proto__.x": table["stores.products.getProduct"] }, /empty or reserved segments/],
  ])("rejects a broken table %#", (bad, message) => {
    expect(() => createVisitorRuntime({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, bad as MethodTable)).toThrow(
      message,
    );
  });

  it.each([
    [{ clientId: "" }, /clientId: expected a non-empty string/],
    [{ clientId: CLIENT_ID, timeoutMs: 0 }, /timeoutMs: expected a number ≥ 1/],
    [{ clientId: CLIENT_ID, tokens: { accessToken: "x" } }, /tokens: refreshToken|tokens: expiresAt/],
    [
      { clientId: CLIENT_ID, tokens: tokens("visitor", 1), store: { get: () => null, set: () => {} } },
      /either tokens or store/,
    ],
    [{ clientId: CLIENT_ID, renewMarginMs: -1 }, /renewMarginMs/],
  ])("rejects bad options %#", (options, message) => {
    expect(() => createVisitorRuntime(options as never, table)).toThrow(WixConfigError);
    expect(() => createVisitorRuntime(options as never, table)).toThrow(message);
  });

  it("rejects a member client without a session source", () => {
    expect(() => createMemberRuntime({ clientId: CLIENT_ID } as never, table)).toThrow(
      /needs the member's tokens or a store/,
    );
  });

  it("reports a store that returns garbage with the store named", async () => {
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch: fakeFetch({}), store: { get: () => ({ accessToken: 1 }) as never, set: () => {} } },
      table,
    );
    await expect(client.stores.products.getProduct({ id: "p" })).rejects.toThrow(
      /store\.get\(\): the token store returned invalid tokens/,
    );
  });
});

describe("runtime identity guard", () => {
  it("refuses a disallowed call before any network traffic, naming method and identities", async () => {
    const fetch = fakeFetch({});
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch }, table);
    const error = await visitor.stores.products.deleteProduct({ id: "p" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixIdentityError);
    expect((error as Error).message).toBe(
      "stores.products.deleteProduct may only be called by: admin; this client is a visitor client. No request was sent.",
    );
    await expect(visitor.members.members.getCurrentMember()).rejects.toMatchObject({
      allowedIdentities: ["member"],
      identity: "visitor",
    });
    expect(fetch.calls).toEqual([]);
  });

  it("can be skipped with the loudly named option, so the server's 403 is visible", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "DELETE /stores/v1/products/p": () =>
        json(403, {
          message: "denied",
          details: { applicationError: { code: "PERMISSION_DENIED", description: "nope" } },
        }),
    });
    const visitor = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, dangerouslySkipIdentityGuard: true },
      table,
    );
    await expect(visitor.stores.products.deleteProduct({ id: "p" })).rejects.toMatchObject({
      name: "WixApiError",
      status: 403,
      identity: "visitor",
      allowedIdentities: ["admin"],
    });
  });
});

// Type-state contract: these lines are checked by `tsc -p tsconfig.json`.
interface V {
  readonly auth: VisitorAuth<M>;
  readonly del: Blocked<"del may only be called by: admin">;
}
interface M {
  readonly auth: MemberAuth<M, V>;
  readonly del: Blocked<"del may only be called by: admin">;
}
describe("type-state", () => {
  it("keeps a member client assignable to a visitor client, not the reverse", () => {
    const asVisitor = (m: M): V => m;
    // @ts-expect-error a visitor's auth has no logout, so a visitor client is not a member client
    const asMember = (v: V): M => v;
    type LoginReturns = Awaited<ReturnType<VisitorAuth<M>["loginWithCallback"]>>;
    type LogoutReturns = Awaited<ReturnType<MemberAuth<M, V>["logout"]>>;
    const checks: [
      LoginReturns extends M ? true : false,
      LogoutReturns extends { logoutUrl: string; visitor: V } ? true : false,
    ] = [true, true];
    expect([typeof asVisitor, typeof asMember, checks]).toEqual(["function", "function", [true, true]]);
  });
});
