// Token lifecycle: single-flight, early renewal, 401 refresh-and-retry, and failed refreshes that do not poison.

import { describe, expect, it } from "vitest";
import {
  createVisitorRuntime,
  MemoryTokenStore,
  WixApiError,
  WixNetworkError,
  WixResponseError,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, tokens, type TestClient } from "./helpers.js";

const HOUR = 3_600_000;

describe("visitor tokens", () => {
  it("sends exactly one token request for 1,000 concurrent calls that start with an expired token", async () => {
    const clock = new FakeClock();
    const store = new MemoryTokenStore(tokens("visitor", clock.now() - 1000));
    const fresh = tokenBody();
    const fetch = fakeFetch({
      "POST /oauth2/token": async () => json(200, fresh),
      "POST /stores-reader/v1/products/query": () => json(200, { products: [] }),
    });
    const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    await Promise.all(Array.from({ length: 1000 }, () => client.stores.products.queryProducts({})));
    expect(fetch.count("POST /oauth2/token")).toBe(1);
    expect(fetch.count("POST /stores-reader/v1/products/query")).toBe(1000);
    const used = new Set(
      fetch.calls.filter((c) => c.url.pathname.startsWith("/stores")).map((c) => c.headers.authorization),
    );
    expect([...used]).toEqual([fresh.access_token]);
    expect(fetch.calls[0]?.body).toMatchObject({ grantType: "refresh_token", clientId: CLIENT_ID });
  });

  it("reads the store once per call, sync or async, and keeps single-flight when the token is due", async () => {
    for (const async of [false, true]) {
      const clock = new FakeClock();
      let held = tokens("visitor", clock.now() + HOUR);
      let reads = 0;
      const store = {
        get: () => {
          reads++;
          return async ? Promise.resolve(held) : held;
        },
        set: (t: typeof held | null) => {
          if (t) held = t;
        },
      };
      const fetch = fakeFetch({
        "POST /oauth2/token": () => json(200, tokenBody()),
        "GET /stores-reader/v1/products/p": () => json(200, {}),
      });
      const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
      for (let i = 0; i < 5; i++) await client.stores.products.getProduct({ id: "p" });
      expect({ async, reads, tokenRequests: fetch.count("POST /oauth2/token") }).toEqual({
        async,
        reads: 5,
        tokenRequests: 0,
      });
      clock.advance(HOUR);
      await Promise.all(Array.from({ length: 20 }, () => client.stores.products.getProduct({ id: "p" })));
      expect(fetch.count("POST /oauth2/token")).toBe(1);
    }
  });

  it("reads an empty store once before minting, and once more only to see whether a login overtook the mint", async () => {
    // `undefined`, not null: the interface allows both, and a default parameter once read such a store twice.
    let held: ReturnType<typeof tokens> | null | undefined = undefined;
    let reads = 0;
    const store = {
      get: () => (reads++, held),
      set: (t: typeof held) => {
        held = t;
      },
    };
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock: new FakeClock(), store },
      table,
    );
    await client.stores.products.getProduct({ id: "p" });
    expect({ reads, tokenRequests: fetch.count("POST /oauth2/token") }).toEqual({ reads: 2, tokenRequests: 1 });
  });

  it("mints one anonymous token for concurrent first calls and sends it raw, without Bearer", async () => {
    const clock = new FakeClock();
    const body = tokenBody();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, body),
      "GET /stores-reader/v1/products/p1": () => json(200, {}),
    });
    const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock }, table);
    await Promise.all([1, 2, 3].map(() => client.stores.products.getProduct({ id: "p1" })));
    expect(fetch.count("POST /oauth2/token")).toBe(1);
    expect(fetch.calls[0]?.body).toEqual({ clientId: CLIENT_ID, grantType: "anonymous" });
    expect(fetch.calls[0]?.headers.authorization).toBeUndefined();
    expect(fetch.calls[1]?.headers.authorization).toBe(body.access_token);
    expect(await client.auth.getSession()).toEqual({ role: "visitor", expiresAt: clock.now() + 14_400_000 });
  });

  it("renews early by the margin, and not before", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, renewMarginMs: 120_000 },
      table,
    );
    await client.stores.products.getProduct({ id: "p" }); // anonymous, expires in 4 h
    clock.advance(4 * HOUR - 120_001);
    await client.stores.products.getProduct({ id: "p" });
    expect(fetch.count("POST /oauth2/token")).toBe(1);
    clock.advance(2);
    await client.stores.products.getProduct({ id: "p" });
    expect(fetch.count("POST /oauth2/token")).toBe(2);
    expect(
      fetch.calls
        .filter((c) => c.url.pathname === "/oauth2/token")
        .map((c) => (c.body as { grantType: string }).grantType),
    ).toEqual(["anonymous", "refresh_token"]);
  });

  it("never uses a token past its expiry even with a zero margin", async () => {
    const clock = new FakeClock();
    const old = tokens("visitor", clock.now());
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, renewMarginMs: 0, tokens: old },
      table,
    );
    await client.stores.products.getProduct({ id: "p" });
    expect(fetch.calls.find((c) => c.url.pathname.startsWith("/stores"))?.headers.authorization).not.toBe(
      old.accessToken,
    );
  });

  it("on a 401 refreshes once and retries once, keeping a rotated refresh token", async () => {
    const clock = new FakeClock();
    const start = tokens("visitor", clock.now() + HOUR);
    const renewed = tokenBody();
    const store = new MemoryTokenStore(start);
    let apiCalls = 0;
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, renewed),
      "GET /stores-reader/v1/products/p": (req) => {
        apiCalls++;
        return req.headers.authorization === start.accessToken
          ? json(401, { message: "expired" })
          : json(200, { product: { id: "p" } });
      },
    });
    const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    await expect(client.stores.products.getProduct({ id: "p" })).resolves.toEqual({ product: { id: "p" } });
    expect(apiCalls).toBe(2);
    expect(fetch.calls.find((c) => c.url.pathname === "/oauth2/token")?.body).toMatchObject({
      refreshToken: start.refreshToken,
    });
    expect(store.get()).toMatchObject({
      accessToken: renewed.access_token,
      refreshToken: renewed.refresh_token,
      role: "visitor",
    });
  });

  it("fails with a typed 401 after the single retry", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "GET /stores-reader/v1/products/p": () =>
        json(
          401,
          { message: "no", details: { applicationError: { code: "UNAUTHENTICATED", description: "Token revoked" } } },
          { "x-wix-request-id": "r-401" },
        ),
    });
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, tokens: tokens("visitor", clock.now() + HOUR) },
      table,
    );
    const error = await client.stores.products.getProduct({ id: "p" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixApiError);
    expect(error).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      requestId: "r-401",
      identity: "visitor",
      methodId: "stores.products.getProduct",
    });
    expect(fetch.count("GET /stores-reader/v1/products/p")).toBe(2);
    expect(fetch.count("POST /oauth2/token")).toBe(1);
  });

  it("does not let a failed refresh poison later calls", async () => {
    const clock = new FakeClock();
    let down = true;
    const fetch = fakeFetch({
      "POST /oauth2/token": () => {
        if (down) throw new TypeError("fetch failed");
        return json(200, tokenBody());
      },
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const client = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, retry: { retries: 1 } },
      table,
    );
    const failures = await Promise.allSettled([1, 2, 3].map(() => client.stores.products.getProduct({ id: "p" })));
    expect(failures.every((f) => f.status === "rejected" && f.reason instanceof WixNetworkError)).toBe(true);
    expect(fetch.count("POST /oauth2/token")).toBe(2); // one shared request, retried once
    down = false;
    await expect(client.stores.products.getProduct({ id: "p" })).resolves.toEqual({});
  });

  it.each([
    [{ token_type: "Bearer", expires_in: 14400 }, "access_token is missing"],
    [
      { access_token: "OauthNG.JWS.x", expires_in: "soon", refresh_token: "JWS.y" },
      "expires_in is not a positive number",
    ],
    [{ access_token: "OauthNG.JWS.x", expires_in: 14400 }, "refresh_token is missing"],
  ])("rejects a malformed token response %o with a typed error", async (body, problem) => {
    const fetch = fakeFetch({ "POST /oauth2/token": () => json(200, body) });
    const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock: new FakeClock() }, table);
    const error = await client.stores.products.getProduct({ id: "p" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixResponseError);
    expect((error as Error).message).toBe(
      `oauth2.token(anonymous): unexpected response (HTTP 200): ${problem}. Request id req-1.`,
    );
  });
});
