// Transport against a real HTTP server: request encoding, JSON handling, typed errors, retries, timeouts, cancellation.

import { afterEach, describe, expect, it } from "vitest";
import { createAdminRuntime } from "@wix-authz/runtime/admin";
import { createVisitorRuntime, WixApiError, WixNetworkError, WixResponseError } from "@wix-authz/runtime";
import { API_KEY, CLIENT_ID, FakeClock, table, type TestClient } from "./helpers.js";
import { send, startServer, type Handler } from "./server.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function adminAgainst(handler: Handler, extra: Record<string, unknown> = {}) {
  const server = await startServer(handler);
  close = server.close;
  const clock = new FakeClock();
  const client = createAdminRuntime<TestClient>(
    { apiKey: API_KEY, siteId: "site-1", baseUrl: server.url, clock, ...extra },
    table,
  );
  return { client, seen: server.seen, clock };
}

describe("request encoding", () => {
  it("puts URL-encoded path params in the path and the other GET fields in the query (dots, repeated keys)", async () => {
    const { client, seen } = await adminAgainst((_req, res) => send(res, 200, { ok: true }));
    await client.stores.products.getProduct({
      id: "a/b c",
      fields: ["x", "y"],
      paging: { limit: 5, cursor: null },
      flag: false,
    });
    expect(seen[0]?.url.pathname).toBe("/stores-reader/v1/products/a%2Fb%20c");
    expect([...(seen[0]?.url.searchParams ?? [])]).toEqual([
      ["fields", "x"],
      ["fields", "y"],
      ["paging.limit", "5"],
      ["flag", "false"],
    ]);
    expect(seen[0]?.rawBody).toBe("");
    expect(seen[0]?.headers["content-type"]).toBeUndefined();
  });

  it("sends a GET request holding a list of objects as .r=<base64url(JSON)>, as @wix/sdk-runtime does", async () => {
    const { client, seen } = await adminAgainst((_req, res) => send(res, 200, { ok: true }));
    const query = {
      sort: [{ fieldName: "name", order: "DESC" }],
      filter: { name: "Mügé" },
      cursorPaging: { limit: 2 },
    };
    await client.stores.products.getProduct({ id: "p1", query });
    expect(seen[0]?.url.pathname).toBe("/stores-reader/v1/products/p1");
    const params = [...(seen[0]?.url.searchParams ?? [])];
    expect(params.map(([key]) => key)).toEqual([".r"]);
    expect(JSON.parse(Buffer.from(params[0]![1], "base64url").toString("utf8"))).toEqual({ query });
  });

  it("sends the rest of a POST request as a JSON body with the API key raw and exactly one site header", async () => {
    const { client, seen } = await adminAgainst((_req, res) => send(res, 200, { products: [] }));
    const request = { query: { filter: { name: "x" } } };
    await expect(client.stores.products.queryProducts(request)).resolves.toEqual({ products: [] });
    expect(seen[0]?.json).toEqual(request);
    expect(seen[0]?.headers).toMatchObject({
      authorization: API_KEY,
      "wix-site-id": "site-1",
      "content-type": "application/json",
    });
    expect(seen[0]?.headers["wix-account-id"]).toBeUndefined();
  });

  it("takes dotted path params out of nested fields, leaving the caller's request untouched", async () => {
    const server = await startServer((_req, res) => send(res, 200, {}));
    close = server.close;
    const update = {
      method: "PATCH",
      path: "/stores/v1/products/{product.id}/variants/{variantId}",
      pathParams: ["product.id", "variantId"],
      identities: ["admin"],
      permissions: [],
    } as const;
    const client = createAdminRuntime<{ p: { update: (r: unknown) => Promise<unknown> } }>(
      { apiKey: API_KEY, siteId: "site-1", baseUrl: server.url },
      { "p.update": update },
    );
    const request = { product: { id: "p 1", name: "Shirt" }, variantId: 7, fieldMask: ["name"] };
    const before = structuredClone(request);
    await client.p.update(request);
    expect(server.seen[0]?.url.pathname).toBe("/stores/v1/products/p%201/variants/7");
    expect(server.seen[0]?.json).toEqual({ product: { name: "Shirt" }, fieldMask: ["name"] });
    expect(request).toEqual(before);
  });

  it("sends the request as it was at the call, even if the caller changes it while a token is minted", async () => {
    const server = await startServer((req, res) =>
      req.url.pathname === "/oauth2/token"
        ? send(res, 200, { access_token: "OauthNG.JWS.a", refresh_token: "JWS.r", expires_in: 3600 })
        : send(res, 200, {}),
    );
    close = server.close;
    const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, baseUrl: server.url }, table);
    const request: Record<string, unknown> = { query: { paging: { limit: 1 } } };
    const call = client.stores.products.queryProducts(request);
    request.query = "changed";
    await call;
    expect(server.seen[1]?.json).toEqual({ query: { paging: { limit: 1 } } });
  });

  it("rejects a missing path param before any request", async () => {
    const { client, seen } = await adminAgainst((_req, res) => send(res, 200, {}));
    await expect(client.stores.products.getProduct({})).rejects.toThrow(
      /stores\.products\.getProduct\(request\.id\): path parameter "id" is required/,
    );
    expect(seen).toEqual([]);
  });
});

describe("responses", () => {
  it("maps a Wix error body to a WixApiError with a readable message", async () => {
    const { client } = await adminAgainst((_req, res) =>
      send(res, 403, {
        message: "Permission denied",
        details: {
          applicationError: {
            code: "PERMISSION_DENIED",
            description: "Unauthorized to perform WIX_STORES.MODIFY_PRODUCTS",
          },
        },
      }),
    );
    const error = (await client.stores.products.deleteProduct({ id: "p" }).catch((e: unknown) => e)) as WixApiError;
    expect(error).toBeInstanceOf(WixApiError);
    expect(error.message).toBe(
      "stores.products.deleteProduct failed with HTTP 403 PERMISSION_DENIED: Unauthorized to perform WIX_STORES.MODIFY_PRODUCTS. " +
        "Called as admin; allowed: admin. Permissions: WIX_STORES.MODIFY_PRODUCTS. Request id srv-1.",
    );
    expect(error.message).not.toContain("{");
  });

  it("keeps validation violations and handles empty error bodies", async () => {
    let n = 0;
    const { client } = await adminAgainst((_req, res) =>
      n++ === 0
        ? send(res, 400, {
            message: "bad",
            details: { validationError: { fieldViolations: [{ field: "id", description: "must be a valid GUID" }] } },
          })
        : res.writeHead(500).end(),
    );
    await expect(client.stores.products.queryProducts({})).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      description: "id: must be a valid GUID",
    });
    await expect(client.stores.products.queryProducts({})).rejects.toMatchObject({ status: 500, code: "UNKNOWN" });
  });

  it("turns garbage and non-JSON success bodies into WixResponseError", async () => {
    let n = 0;
    const { client } = await adminAgainst((_req, res) =>
      n++ === 0
        ? send(res, 200, "<html>login</html>")
        : res.writeHead(200, { "content-type": "application/json" }).end("{oops"),
    );
    await expect(client.stores.products.queryProducts({})).rejects.toThrow(WixResponseError);
    await expect(client.stores.products.queryProducts({})).rejects.toThrow(/not valid JSON/);
  });
});

describe("retries, timeouts, cancellation", () => {
  it("retries an idempotent GET on 429 honouring Retry-After, but not a POST", async () => {
    let n = 0;
    const { client, seen, clock } = await adminAgainst((_req, res) =>
      n++ < 1 ? send(res, 429, {}, { "retry-after": "2" }) : send(res, 200, { ok: 1 }),
    );
    await expect(client.stores.products.getProduct({ id: "p" })).resolves.toEqual({ ok: 1 });
    expect(clock.sleeps).toEqual([2000]);
    n = 0;
    const error = await client.stores.products.queryProducts({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 2000 });
    expect(seen.length).toBe(3);
  });

  it("gives up after the bounded number of retries on 503", async () => {
    const { client, seen, clock } = await adminAgainst((_req, res) => send(res, 503, {}), {
      retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 300 },
    });
    await expect(client.stores.products.getProduct({ id: "p" })).rejects.toMatchObject({ status: 503 });
    expect(seen.length).toBe(4);
    expect(clock.sleeps).toEqual([100, 200, 300]);
  });

  it("times out a hanging request with a typed error", async () => {
    const { client } = await adminAgainst(() => undefined, { timeoutMs: 50, retry: { retries: 0 } });
    const error = await client.stores.products.queryProducts({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixNetworkError);
    expect(error).toMatchObject({ reason: "timeout", operation: "stores.products.queryProducts" });
  });

  it("stops on caller cancellation, including during retries", async () => {
    const { client } = await adminAgainst(() => undefined);
    const controller = new AbortController();
    const pending = client.stores.products.getProduct({ id: "p" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "WixNetworkError", reason: "aborted", attempts: 1 });
  });

  it("reports a refused connection as a network error after retries", async () => {
    const clock = new FakeClock();
    const client = createAdminRuntime<TestClient>(
      { apiKey: API_KEY, siteId: "s", baseUrl: "http://127.0.0.1:9", clock },
      table,
    );
    await expect(client.stores.products.getProduct({ id: "p" })).rejects.toMatchObject({
      name: "WixNetworkError",
      reason: "network",
      attempts: 3,
    });
  });
});
