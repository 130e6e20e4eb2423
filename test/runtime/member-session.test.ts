// A member session is never silently replaced by an anonymous visitor: invalid_grant ends it, 5xx/network keep it.

import { describe, expect, it } from "vitest";
import {
  createMemberRuntime,
  createVisitorRuntime,
  MemoryTokenStore,
  WixNetworkError,
  WixSessionExpiredError,
  WixTokenError,
  type SessionExpiredEvent,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, tokens, type TestClient } from "./helpers.js";

function setup(tokenRoute: () => Response | Promise<Response>) {
  const clock = new FakeClock();
  const member = tokens("member", clock.now() - 1);
  const store = new MemoryTokenStore(member);
  const fetch = fakeFetch({
    "POST /oauth2/token": tokenRoute,
    "GET /members/v1/members/my": () => json(200, { member: {} }),
  });
  const events: SessionExpiredEvent[] = [];
  const client = createMemberRuntime<TestClient>(
    { clientId: CLIENT_ID, fetch, clock, store, onSessionExpired: (e) => events.push(e) },
    table,
  );
  const grants = () =>
    fetch.calls
      .filter((c) => c.url.pathname === "/oauth2/token")
      .map((c) => (c.body as { grantType: string }).grantType);
  return { clock, member, store, fetch, events, client, grants };
}

describe("member session", () => {
  it("ends with a typed error and event on invalid_grant, and never mints an anonymous visitor", async () => {
    const t = setup(() => json(400, { error: "invalid_grant", error_description: "session revoked" }));
    const error = await t.client.members.members.getCurrentMember().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixSessionExpiredError);
    expect(error).toMatchObject({ reason: "invalid_grant", role: "member" });
    expect((error as Error).cause).toBeInstanceOf(WixTokenError);
    expect(t.grants()).toEqual(["refresh_token"]);
    expect(t.events.map((e) => [e.type, e.reason, e.role])).toEqual([["sessionExpired", "invalid_grant", "member"]]);
    expect(t.store.get()).toBeNull();
    // Later calls keep failing the same typed way, still without an anonymous grant.
    await expect(t.client.members.members.getCurrentMember()).rejects.toMatchObject({ reason: "no_session" });
    expect(t.grants()).toEqual(["refresh_token"]);
    expect(t.fetch.count("GET /members/v1/members/my")).toBe(0);
  });

  it("retries a 5xx refresh with backoff, surfaces it as a token error, and keeps the member tokens", async () => {
    const t = setup(() => json(503, { message: "unavailable" }, { "retry-after": "3" }));
    const error = await t.client.members.members.getCurrentMember().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixTokenError);
    expect(error).toMatchObject({ status: 503, grantType: "refresh_token", sessionIsDead: false });
    expect(t.grants()).toEqual(["refresh_token", "refresh_token", "refresh_token"]);
    expect(t.clock.sleeps).toEqual([3000, 3000]); // Retry-After wins over the 250/500 ms backoff
    expect(t.store.get()).toEqual(t.member);
    expect(t.events).toEqual([]);
  });

  it("retries a network failure with exponential backoff and keeps the member tokens", async () => {
    const t = setup(() => {
      throw new TypeError("fetch failed");
    });
    const error = await t.client.members.members.getCurrentMember().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixNetworkError);
    expect(error).toMatchObject({ reason: "network", attempts: 3 });
    expect(t.clock.sleeps).toEqual([250, 500]);
    expect(t.store.get()).toEqual(t.member);
    expect(t.grants()).not.toContain("anonymous");
  });

  it("recovers once the token endpoint is back", async () => {
    let fail = true;
    const renewed = tokenBody();
    const t = setup(() => (fail ? json(500, {}) : json(200, renewed)));
    await expect(t.client.members.members.getCurrentMember()).rejects.toBeInstanceOf(WixTokenError);
    fail = false;
    await expect(t.client.members.members.getCurrentMember()).resolves.toEqual({ member: {} });
    expect(t.store.get()).toMatchObject({ role: "member", accessToken: renewed.access_token });
  });

  it("is not downgraded by a visitor client that shares the store either", async () => {
    const clock = new FakeClock();
    const store = new MemoryTokenStore(tokens("member", clock.now() - 1));
    const fetch = fakeFetch({ "POST /oauth2/token": () => json(400, { error: "invalid_grant" }) });
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    await expect(visitor.stores.products.getProduct({ id: "p" })).rejects.toMatchObject({
      name: "WixSessionExpiredError",
      role: "member",
    });
    expect(fetch.calls.map((c) => (c.body as { grantType: string }).grantType)).toEqual(["refresh_token"]);
  });

  it("refuses a visitor session in a member client's store", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({});
    const store = new MemoryTokenStore(tokens("visitor", clock.now() + 60_000_000));
    const client = createMemberRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    await expect(client.members.members.getCurrentMember()).rejects.toMatchObject({ reason: "not_member" });
    expect(fetch.calls).toEqual([]);
    expect(() => createMemberRuntime({ clientId: CLIENT_ID, tokens: tokens("visitor", 0) }, table)).toThrow(
      /member tokens/,
    );
  });

  it("replaces a dead visitor session with a new anonymous one and says so", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": (req) =>
        (req.body as { grantType: string }).grantType === "anonymous"
          ? json(200, tokenBody())
          : json(400, { error: "invalid_grant" }),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const events: SessionExpiredEvent[] = [];
    const client = createVisitorRuntime<TestClient>(
      {
        clientId: CLIENT_ID,
        fetch,
        clock,
        tokens: tokens("visitor", clock.now() - 1),
        onSessionExpired: (e) => events.push(e),
      },
      table,
    );
    await expect(client.stores.products.getProduct({ id: "p" })).resolves.toEqual({});
    expect(events.map((e) => e.role)).toEqual(["visitor"]);
  });
});
