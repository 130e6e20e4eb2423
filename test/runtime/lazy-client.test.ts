// The client over a lazy table (the generated browser table): a namespace's descriptors load on its first call, once.

import { describe, expect, it } from "vitest";
import {
  createVisitorRuntime,
  WixConfigError,
  WixIdentityError,
  WixNetworkError,
  type LazyMethodTable,
  type MethodChunk,
  type MethodTable,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, type TestClient } from "./helpers.js";

/** `table` split by top-level namespace, as generated `site-methods.js` is; counts each namespace's loads. */
function lazyTable(overrides: Record<string, () => Promise<MethodChunk>> = {}) {
  const loads: string[] = [];
  const byTop: Record<string, Record<string, unknown>> = {};
  for (const [id, d] of Object.entries(table)) (byTop[id.split(".")[0]!] ??= {})[id] = d;
  const index: Record<string, () => Promise<MethodChunk>> = {};
  for (const top of Object.keys(byTop))
    index[top] =
      overrides[top] ??
      (async () => {
        loads.push(top);
        return { methods: byTop[top] as MethodTable };
      });
  return { index: index as LazyMethodTable, loads };
}

function visitor(index: LazyMethodTable) {
  const fetch = fakeFetch({
    "POST /oauth2/token": () => json(200, tokenBody()),
    "GET /stores-reader/v1/products/p1": () => json(200, { product: { id: "p1" } }),
  });
  const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock: new FakeClock() }, index);
  return { client, fetch };
}

describe("a client over a lazy table", () => {
  it("loads nothing until a call, then only the called namespace, once for concurrent calls", async () => {
    const { index, loads } = lazyTable();
    const { client, fetch } = visitor(index);
    expect(loads).toEqual([]);
    expect(Object.keys(client).sort()).toEqual(["auth", "members", "stores"]);
    const [a, b] = await Promise.all([
      client.stores.products.getProduct({ id: "p1" }),
      client.stores.products.getProduct({ id: "p1" }),
    ]);
    expect(a).toEqual({ product: { id: "p1" } });
    expect(b).toEqual(a);
    expect(loads).toEqual(["stores"]);
    expect(fetch.count("GET /stores-reader/v1/products/p1")).toBe(2);
    // A second client of the same table (a login's member client is one) reuses what was loaded.
    await visitor(index).client.stores.products.getProduct({ id: "p1" });
    expect(loads).toEqual(["stores"]);
  });

  it("methods are functions: bind, call and apply are Function.prototype's (names the spec reserves)", async () => {
    const { index } = lazyTable();
    const { client } = visitor(index);
    const get = client.stores.products.getProduct;
    expect(get.bind).toBe(Function.prototype.bind);
    expect(await get.bind(undefined)({ id: "p1" })).toEqual({ product: { id: "p1" } });
    expect(await get.call(undefined, { id: "p1" })).toEqual({ product: { id: "p1" } });
    expect(await get.apply(undefined, [{ id: "p1" }])).toEqual({ product: { id: "p1" } });
  });

  it("applies the identity guard from the loaded descriptor: no request to Wix", async () => {
    const { index } = lazyTable();
    const { client, fetch } = visitor(index);
    await expect(client.members.members.getCurrentMember()).rejects.toBeInstanceOf(WixIdentityError);
    await expect(client.stores.products.deleteProduct({ id: "p" })).rejects.toThrow(
      "stores.products.deleteProduct may only be called by: admin; this client is a visitor client. No request was sent.",
    );
    expect(fetch.calls).toEqual([]);
  });

  it("a namespace that fails to load is a network error naming it, and the next call loads it again", async () => {
    let attempts = 0;
    const { index } = lazyTable({
      stores: async () => {
        if (++attempts === 1) throw new TypeError("Failed to fetch dynamically imported module");
        return { methods: { "stores.products.getProduct": table["stores.products.getProduct"] } };
      },
    });
    const { client, fetch } = visitor(index);
    const error = await client.stores.products.getProduct({ id: "p1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixNetworkError);
    expect((error as Error).message).toBe("loading the stores methods could not reach the server (1 attempt).");
    expect(fetch.calls).toEqual([]);
    expect(await client.stores.products.getProduct({ id: "p1" })).toEqual({ product: { id: "p1" } });
    expect(attempts).toBe(2);
  });

  it("a name the spec does not have fails when called, naming it, without a request", async () => {
    const { index } = lazyTable();
    const { client, fetch } = visitor(index);
    const loose = client as unknown as { stores: { products: { nope(): Promise<unknown> }; (): Promise<unknown> } };
    await expect(loose.stores.products.nope()).rejects.toThrow(
      new WixConfigError(
        "stores.products.nope",
        "not a method of this client: its spec has no such method, or only a server-side identity may call it.",
      ),
    );
    await expect(loose.stores()).rejects.toThrow(/^stores: not a method of this client/);
    expect(fetch.calls).toEqual([]);
  });

  it("checks a loaded chunk like a table: ids outside its namespace or with reserved names are refused", async () => {
    for (const [methods, message] of [
      [{ "members.members.getCurrentMember": table["members.members.getCurrentMember"] }, /loaded for the "stores"/],
      [{ "stores.then.x": table["stores.products.getProduct"] }, /empty or reserved segments/],
      [undefined, /exports no `methods` table/],
    ] as const) {
      const { index } = lazyTable({ stores: async () => ({ methods }) as MethodChunk });
      await expect(visitor(index).client.stores.products.getProduct({ id: "p1" })).rejects.toThrow(message);
    }
  });

  it("is read-only, never thenable, and prints its label, not its internals", async () => {
    const { index } = lazyTable();
    const { client } = visitor(index);
    const loose = client as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(client) && Object.isFrozen(client.stores.products)).toBe(true);
    expect(() => (loose.stores!.products = 1)).toThrow(TypeError);
    expect(loose.stores!.then).toBeUndefined();
    expect(await Promise.resolve(client.stores)).toBe(client.stores);
    expect(client.stores.products).toBe(client.stores.products);
    expect(String(client.stores.products)).toBe(`[Wix visitor client ${CLIENT_ID}].stores.products`);
    expect(JSON.stringify({ c: client.stores })).toBe(`{"c":"[Wix visitor client ${CLIENT_ID}].stores"}`);
  });

  it.each([
    [{ auth: async () => ({ methods: {} }) }, /"auth" is reserved/],
    [{ "a.b": async () => ({ methods: {} }) }, /dotted or reserved names/],
    [{ then: async () => ({ methods: {} }) }, /dotted or reserved names/],
    [{ a: async () => ({ methods: {} }), ...table }, /mixes namespace loaders and method descriptors/],
  ])("refuses a broken lazy table %#", (bad, message) => {
    expect(() => createVisitorRuntime({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, bad as LazyMethodTable)).toThrow(
      message,
    );
  });
});
