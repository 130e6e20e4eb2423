// Cookie/session persistence: serialize/parse round trip, a per-request cookie store with HttpOnly defaults.

import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import {
  createCookieTokenStore,
  createVisitorRuntime,
  parseTokens,
  serializeTokens,
  type Tokens,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, tokens, type TestClient } from "./helpers.js";

describe("token serialization", () => {
  it("round-trips tokens", () => {
    const t = tokens("member", 1_700_000_000_000);
    expect(parseTokens(serializeTokens(t))).toEqual(t);
  });

  it.each([
    "",
    "not json",
    "{}",
    JSON.stringify({ v: 1, a: "x", e: "soon", r: "y", m: "member" }),
    JSON.stringify({ v: 1, a: "x", e: 1, r: "y", m: "admin" }),
  ])("rejects %j with a typed error that does not echo the value", (value) => {
    expect(() => parseTokens(value)).toThrow(/^parseTokens\(value\): /);
  });
});

describe("cookie token store", () => {
  it("serves one request: reads the cookie, renews, and writes an HttpOnly Set-Cookie", async () => {
    const clock = new FakeClock();
    const expired: Tokens = tokens("member", clock.now() - 1);
    const renewed = tokenBody();
    const headers: string[] = [];
    // Per request: a new store and a new client from that request's Cookie header (never a module-level client).
    const store = createCookieTokenStore({
      cookieHeader: `theme=dark; wix_session=${encodeURIComponent(serializeTokens(expired))}`,
      setCookie: (h) => headers.push(h),
    });
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, renewed),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const client = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    await client.stores.products.getProduct({ id: "p" });
    expect(fetch.calls[0]?.body).toMatchObject({ grantType: "refresh_token", refreshToken: expired.refreshToken });
    expect(headers).toHaveLength(1);
    const cookie = parseSetCookie(headers[0] as string);
    expect(cookie).toMatchObject({ name: "wix_session", httpOnly: true, secure: true, sameSite: "lax", path: "/" });
    expect(parseTokens(cookie.value ?? "")).toMatchObject({ accessToken: renewed.access_token, role: "member" });
  });

  it("treats a tampered cookie as no session and clears with Max-Age=0", async () => {
    const headers: string[] = [];
    const store = createCookieTokenStore({
      cookieHeader: "wix_session=%7Bgarbage",
      setCookie: (h) => headers.push(h),
      name: "wix_session",
    });
    expect(store.get()).toBeNull();
    await store.set(null);
    expect(parseSetCookie(headers[0] as string)).toMatchObject({ name: "wix_session", value: "", maxAge: 0 });
  });
});
