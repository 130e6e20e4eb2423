// Secrets (API key, access/refresh/session tokens) never appear in any error's message, stack, JSON or inspect output.

import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createAdminRuntime } from "@wix-authz/runtime/admin";
import {
  createMemberRuntime,
  createVisitorRuntime,
  MemoryTokenStore,
  WixAuthzError,
  type FetchLike,
} from "@wix-authz/runtime";
import { API_KEY, CLIENT_ID, FakeClock, fakeFetch, json, table, type TestClient } from "./helpers.js";

// Deliberately NOT shaped like Wix tokens, so only the runtime's own secret registry can catch them.
const ACCESS = "plain-access-token-0123456789";
const REFRESH = "plain-refresh-token-0123456789";
const SESSION = "plain-session-token-0123456789";
const SECRETS = [API_KEY, ACCESS, REFRESH, SESSION, encodeURIComponent(API_KEY)];

function everyText(value: unknown): string[] {
  const texts = [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: 10, showHidden: true })];
  if (value instanceof Error) texts.push(value.message, value.stack ?? "", inspect(value.cause, { depth: 10 }));
  return texts;
}

function expectClean(value: unknown): void {
  for (const text of everyText(value)) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

const echo = (status: number) => (req: { headers: Record<string, string> }) =>
  json(status, {
    message: `bad ${req.headers.authorization}`,
    details: { applicationError: { code: "X", description: `token ${req.headers.authorization}` } },
  });

async function collectErrors(): Promise<unknown[]> {
  const clock = new FakeClock();
  const errors: unknown[] = [];
  const grab = (p: Promise<unknown>) =>
    p.then(
      () => errors.push(new Error("expected a failure")),
      (e: unknown) => errors.push(e),
    );
  const member = () =>
    new MemoryTokenStore({
      accessToken: ACCESS,
      refreshToken: REFRESH,
      role: "member",
      expiresAt: clock.now() + 3_600_000,
    });

  // API error whose body echoes the credential (admin and member).
  const admin = createAdminRuntime<TestClient>(
    { apiKey: API_KEY, siteId: "s", clock, fetch: fakeFetch({ "POST /stores-reader/v1/products/query": echo(400) }) },
    table,
  );
  await grab(admin.stores.products.queryProducts({}));
  const m = createMemberRuntime<TestClient>(
    { clientId: CLIENT_ID, clock, store: member(), fetch: fakeFetch({ "GET /members/v1/members/my": echo(403) }) },
    table,
  );
  await grab(m.members.members.getCurrentMember());
  // Token error echoing the refresh token, and the session-expired error wrapping it.
  const deadStore = new MemoryTokenStore({ accessToken: ACCESS, refreshToken: REFRESH, role: "member", expiresAt: 0 });
  const dead = fakeFetch({
    "POST /oauth2/token": () =>
      json(400, { error: "invalid_grant", error_description: `refresh token ${REFRESH} revoked` }),
  });
  await grab(
    createMemberRuntime<TestClient>(
      { clientId: CLIENT_ID, clock, store: deadStore, fetch: dead },
      table,
    ).members.members.getCurrentMember(),
  );
  const flaky = fakeFetch({
    "POST /oauth2/token": () => json(500, { error_description: `cannot refresh ${REFRESH}` }),
  });
  await grab(
    createMemberRuntime<TestClient>(
      {
        clientId: CLIENT_ID,
        clock,
        tokens: { accessToken: ACCESS, refreshToken: REFRESH, role: "member", expiresAt: 0 },
        fetch: flaky,
      },
      table,
    ).members.members.getCurrentMember(),
  );
  // Network error whose cause mentions the header value.
  const leakyFetch: FetchLike = async (_url, init) => {
    throw new TypeError(`invalid header value ${(init.headers as Record<string, string>).authorization}`);
  };
  await grab(
    createAdminRuntime<TestClient>(
      { apiKey: API_KEY, accountId: "a", clock, fetch: leakyFetch },
      table,
    ).stores.products.getProduct({ id: "p" }),
  );
  await grab(
    createMemberRuntime<TestClient>(
      { clientId: CLIENT_ID, clock, store: member(), fetch: leakyFetch },
      table,
    ).stores.products.getProduct({ id: "p" }),
  );
  // Response error, identity error.
  const garbage = fakeFetch({
    "GET /stores-reader/v1/products/p": () => new Response(`<html>${ACCESS}</html>`, { status: 200 }),
  });
  await grab(
    createMemberRuntime<TestClient>(
      { clientId: CLIENT_ID, clock, store: member(), fetch: garbage },
      table,
    ).stores.products.getProduct({ id: "p" }),
  );
  await grab(
    createMemberRuntime<TestClient>(
      { clientId: CLIENT_ID, clock, store: member(), fetch: garbage },
      table,
    ).stores.products.deleteProduct({ id: "p" }),
  );
  // Login error from a silent authorize that does not redirect, after a sessionToken was used.
  const noRedirect = fakeFetch({
    "POST /_api/redirects-api/v1/redirect-session": () =>
      json(200, { redirectSession: { fullUrl: `https://site.example/authorize?sessionToken=${SESSION}` } }),
    "GET /authorize": () => new Response(`<html>${SESSION}</html>`, { status: 200 }),
  });
  const v = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, clock, store: member(), fetch: noRedirect }, table);
  await grab(v.auth.loginWithSessionToken(SESSION, { redirectUri: "https://app.example.com/cb" }));
  return errors;
}

describe("secret redaction", () => {
  it("scrubs every error kind the runtime throws", async () => {
    const errors = await collectErrors();
    const kinds = errors.map((e) => (e instanceof WixAuthzError ? e.kind : String(e)));
    expect(kinds).toEqual(["api", "api", "session", "token", "network", "network", "response", "identity", "login"]);
    for (const error of errors) expectClean(error);
    // The scrubbed text still says what happened.
    expect((errors[0] as Error).message).toContain("[redacted]");
    expect((errors[2] as Error).cause).toBeDefined();
  });

  it("never shows credentials in the string, JSON or inspect form of clients and stores", () => {
    const store = new MemoryTokenStore({ accessToken: ACCESS, refreshToken: REFRESH, role: "member", expiresAt: 1 });
    const clients = [
      createAdminRuntime<TestClient>({ apiKey: API_KEY, siteId: "s" }, table),
      createMemberRuntime<TestClient>({ clientId: CLIENT_ID, store }, table),
      createMemberRuntime<TestClient>(
        { clientId: CLIENT_ID, tokens: { accessToken: ACCESS, refreshToken: REFRESH, role: "member", expiresAt: 1 } },
        table,
      ),
    ];
    for (const value of [...clients, store]) expectClean(value);
    expect(String(clients[0])).toBe("[Wix admin client site s]");
    expect(JSON.stringify(clients[1])).toBe(JSON.stringify(`[Wix member client ${CLIENT_ID}]`));
  });
});
