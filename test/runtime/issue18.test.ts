// Issue 18's runtime defects and weak spots, one regression test each (each failed on the code before its fix).

import { inspect } from "node:util";
import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import { createAdminRuntime } from "@wix-authz/runtime/admin";
import {
  createCookieTokenStore,
  createMemberRuntime,
  createVisitorRuntime,
  MemoryTokenStore,
  serializeTokens,
  WixConfigError,
  WixLoginError,
  type FetchLike,
  type SessionExpiredEvent,
  type Tokens,
} from "@wix-authz/runtime";
import {
  API_KEY,
  CLIENT_ID,
  FakeClock,
  fakeFetch,
  json,
  table,
  tokenBody,
  tokens,
  type Recorded,
  type TestClient,
} from "./helpers.js";

const HOUR = 3_600_000;
const REDIRECT = "https://app.example.com/callback";

/** A promise the test settles by hand, to hold a token response while something else happens. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending microtask and I/O callback run (the fake fetch answers asynchronously). */
const settle = () => new Promise((r) => setTimeout(r, 0));

function texts(value: unknown): string[] {
  const out = [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: 10, showHidden: true })];
  if (value instanceof Error) out.push(value.message, value.stack ?? "", inspect(value.cause, { depth: 10 }));
  return out;
}
function expectClean(value: unknown, secrets: readonly string[]): void {
  for (const text of texts(value)) for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("defect 1: logout sticks while a shared client's refresh is in flight", () => {
  it("does not write the member session back after logout, and the new visitor never sends the member's token", async () => {
    const clock = new FakeClock();
    const member = tokens("member", clock.now() + HOUR);
    const store = new MemoryTokenStore(member);
    const renewal = deferred<Response>();
    const renewed = tokenBody();
    const anonymous = tokenBody();
    const fetch = fakeFetch({
      "POST /oauth2/token": (req) =>
        (req.body as { grantType: string }).grantType === "refresh_token" ? renewal.promise : json(200, anonymous),
      "POST /_api/redirects-api/v1/redirect-session": () =>
        json(200, { redirectSession: { fullUrl: "https://site.example/logout" } }),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    // The visitor client renews early (2 h margin), the member client does not: only the visitor refreshes.
    const visitor = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, store, renewMarginMs: 2 * HOUR },
      table,
    );
    const memberClient = createMemberRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    const inFlight = visitor.stores.products.getProduct({ id: "p" });
    await settle();
    expect(fetch.count("POST /oauth2/token")).toBe(1);
    const { visitor: afterLogout } = await memberClient.auth.logout();
    expect(store.get()).toBeNull();
    renewal.resolve(json(200, renewed));
    await inFlight;
    expect(store.get()?.role).not.toBe("member");
    await afterLogout.stores.products.getProduct({ id: "p" });
    const sent = fetch.calls.filter((c) => c.url.pathname.startsWith("/stores")).map((c) => c.headers.authorization);
    expect(sent).not.toContain(renewed.access_token);
    expect(sent).not.toContain(member.accessToken);
  });
});

describe("defect 2: a stale refresh failure does not wipe a fresh login", () => {
  it("keeps the new session that a login stored while the old session's refresh was failing", async () => {
    const clock = new FakeClock();
    const store = new MemoryTokenStore(tokens("member", clock.now() - 1));
    const refusal = deferred<Response>();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => refusal.promise,
      "GET /members/v1/members/my": () => json(200, { member: {} }),
    });
    const events: SessionExpiredEvent[] = [];
    const client = createMemberRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, store, onSessionExpired: (e) => events.push(e) },
      table,
    );
    const call = client.members.members.getCurrentMember();
    await settle();
    const fresh = tokens("member", clock.now() + HOUR);
    store.set(fresh); // a new login, e.g. in another tab's request, on the same store
    refusal.resolve(json(400, { error: "invalid_grant", error_description: "old session revoked" }));
    await call;
    expect(store.get()).toEqual(fresh);
    expect(fetch.calls.at(-1)?.headers.authorization).toBe(fresh.accessToken);
    expect(events).toEqual([]);
  });
});

describe("defect 3: field violations are scrubbed", () => {
  it("keeps an echoed API key or token out of fieldViolations in JSON and inspect output", async () => {
    const ACCESS = "plain-access-token-for-defect-3";
    const echo = (req: Recorded) =>
      json(400, {
        message: "invalid",
        details: {
          validationError: {
            fieldViolations: [{ field: `header ${req.headers.authorization}`, description: req.headers.authorization }],
          },
        },
      });
    const admin = createAdminRuntime<TestClient>(
      { apiKey: API_KEY, siteId: "s", fetch: fakeFetch({ "POST /stores-reader/v1/products/query": echo }) },
      table,
    );
    const member = createMemberRuntime<TestClient>(
      {
        clientId: CLIENT_ID,
        tokens: { accessToken: ACCESS, refreshToken: "plain-refresh-token-defect-3", role: "member", expiresAt: 2e12 },
        fetch: fakeFetch({ "POST /stores-reader/v1/products/query": echo }),
      },
      table,
    );
    for (const client of [admin, member]) {
      const error = await client.stores.products.queryProducts({}).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "api", code: "INVALID_ARGUMENT" });
      expectClean(error, [API_KEY, ACCESS]);
    }
  });
});

describe("defect 4: login-flow network errors are scrubbed", () => {
  const SESSION = "plain-session-token-for-defect-4";
  /** A fetch whose failure message names the URL and the body, as some fetch implementations and proxies do. */
  const failingOn =
    (path: string, inner: FetchLike): FetchLike =>
    async (input, init) => {
      if (new URL(input).pathname === path) throw new TypeError(`fetch failed: ${input} ${String(init.body)}`);
      return inner(input, init);
    };

  it("direct login: the session token in the silent authorize URL", async () => {
    const fetch = failingOn(
      "/authorize",
      fakeFetch({
        "POST /oauth2/token": () => json(200, tokenBody()),
        "POST /_api/iam/authentication/v2/login": () => json(200, { state: "SUCCESS", sessionToken: SESSION }),
        "POST /_api/redirects-api/v1/redirect-session": (req) =>
          json(200, {
            redirectSession: {
              fullUrl: `https://site.example/authorize?sessionToken=${(req.body as any).auth.authRequest.sessionToken}`,
            },
          }),
      }),
    );
    const visitor = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, redirectUri: REDIRECT, retry: { retries: 0 } },
      table,
    );
    const error = await visitor.auth.login({ email: "a@b.example", password: "pw-defect-4" }).catch((e) => e);
    expect(error).toMatchObject({ kind: "network", operation: "auth.authorize" });
    expectClean(error, [SESSION, encodeURIComponent(SESSION)]);
  });

  it("redirect login: the authorization code and the PKCE verifier in the token request", async () => {
    const fetch = failingOn("/oauth2/token", fakeFetch({}));
    const visitor = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, redirectUri: REDIRECT, retry: { retries: 0 } },
      table,
    );
    const data = await visitor.auth.generateOAuthData();
    const code = "plain-authorization-code-defect-4";
    const error = await visitor.auth
      .loginWithCallback(`${REDIRECT}?code=${code}&state=${data.state}`, data)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network" });
    expectClean(error, [code, data.codeVerifier]);
  });
});

describe("defect 5: `.` and `..` path parameters", () => {
  it.each([".", ".."])("refuses %j before any request, so the admin key never reaches another endpoint", async (id) => {
    const fetch = fakeFetch({ "DELETE /stores/v1/": () => json(200, {}) });
    const admin = createAdminRuntime<TestClient>({ apiKey: API_KEY, siteId: "s", fetch }, table);
    const error = await admin.stores.products.deleteProduct({ id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixConfigError);
    expect((error as Error).message).toMatch(/path parameter "id"/);
    expect(fetch.calls).toEqual([]);
  });
});

describe("defect 9: a huge expires_in", () => {
  it("is clamped at the token endpoint, so the client keeps working and renews later", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody(undefined, undefined, 1e306)),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const store = new MemoryTokenStore();
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    await visitor.stores.products.getProduct({ id: "p" });
    await visitor.stores.products.getProduct({ id: "p" });
    const expiresAt = store.get()?.expiresAt as number;
    expect(Number.isFinite(expiresAt)).toBe(true);
    expect(expiresAt - clock.now()).toBeLessThanOrEqual(24 * HOUR);
    clock.advance(25 * HOUR);
    await visitor.stores.products.getProduct({ id: "p" });
    expect(fetch.count("POST /oauth2/token")).toBe(2);
  });
});

describe("weak spot: the password is a secret", () => {
  it("keeps a server echo of the password out of LoginResult.message and error", async () => {
    const PASSWORD = "correct horse battery staple";
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "POST /_api/iam/authentication/v2/login": (req) =>
        json(401, {
          message: `Wrong password ${(req.body as { password: string }).password}`,
          details: { applicationError: { code: "-19976", description: `password ${(req.body as any).password}` } },
        }),
    });
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, redirectUri: REDIRECT }, table);
    const result = await visitor.auth.login({ email: "a@b.example", password: PASSWORD });
    expect(result).toMatchObject({ status: "failure", code: "wrongPassword" });
    expectClean(result, [PASSWORD]);
    if (result.status === "failure") expectClean(result.error, [PASSWORD]);
  });

  it("stays a secret until the last of two concurrent logins with it settles", async () => {
    const PASSWORD = "correct horse battery staple";
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "POST /_api/iam/authentication/v2/login": async (req) => {
        if (++calls === 2) await slow; // the second login's answer comes after the first one settled
        return json(401, {
          message: `Wrong password ${(req.body as { password: string }).password}`,
          details: { applicationError: { code: "-19976", description: "wrong password" } },
        });
      },
    });
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, redirectUri: REDIRECT }, table);
    const first = visitor.auth.login({ email: "a@b.example", password: PASSWORD });
    const second = visitor.auth.login({ email: "a@b.example", password: PASSWORD });
    await first;
    release();
    const result = await second;
    expect(result).toMatchObject({ status: "failure" });
    expectClean(result, [PASSWORD]);
  });
});

describe("weak spot: an error callback", () => {
  it("is checked against the login's state first", async () => {
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, table);
    const data = await visitor.auth.generateOAuthData(REDIRECT);
    const error = (() => {
      try {
        visitor.auth.parseCallback(`${REDIRECT}?error=access_denied&state=forged`, data);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ kind: "login", reason: "state_mismatch" });
  });

  it("does not put raw or unbounded server text in the message", async () => {
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, table);
    const data = await visitor.auth.generateOAuthData(REDIRECT);
    const description = `<img src=x onerror=alert(1)>${"A".repeat(5000)}`;
    const url = `${REDIRECT}?${new URLSearchParams({ error: "<b>x</b>", error_description: description, state: data.state })}`;
    let error: unknown;
    try {
      visitor.auth.parseCallback(url, data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WixLoginError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/[<>]/);
    expect(message.length).toBeLessThan(400);
    expect(error).toMatchObject({ reason: "callback_error", oauthError: "<b>x</b>" });
    expect((error as WixLoginError).description?.length).toBeLessThanOrEqual(1000);
  });
});

describe("weak spot: tokens that live shorter than the renew margin", () => {
  it("are renewed halfway through their life, not on every call", async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody(undefined, undefined, 30)),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock }, table);
    for (let i = 0; i < 10; i++) {
      await visitor.stores.products.getProduct({ id: "p" });
      clock.advance(1000);
    }
    expect(fetch.count("POST /oauth2/token")).toBe(1);
    clock.advance(6000); // 16 s into a 30 s token: past half its life
    await visitor.stores.products.getProduct({ id: "p" });
    expect(fetch.count("POST /oauth2/token")).toBe(2);
  });
});

describe("weak spot: two SSR requests with the same expired cookie against a rotating server", () => {
  it("both get the rotated session and neither clears the cookie", async () => {
    const clock = new FakeClock();
    const expired: Tokens = tokens("member", clock.now() - 1);
    const used = new Set<string>();
    const rotated = tokenBody();
    const fetch = fakeFetch({
      // A rotating server: each refresh token works once.
      "POST /oauth2/token": async (req) => {
        const rt = (req.body as { refreshToken: string }).refreshToken;
        if (used.has(rt)) return json(400, { error: "invalid_grant", error_description: "refresh token already used" });
        used.add(rt);
        await settle();
        return json(200, rotated);
      },
      "GET /members/v1/members/my": () => json(200, { member: {} }),
    });
    const cookie = `wix_session=${encodeURIComponent(serializeTokens(expired))}`;
    const request = () => {
      const setCookies: string[] = [];
      const store = createCookieTokenStore({ cookieHeader: cookie, setCookie: (h) => setCookies.push(h) });
      const client = createMemberRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
      return { setCookies, call: () => client.members.members.getCurrentMember() };
    };
    const a = request();
    const b = request();
    const first = a.call();
    await settle();
    // B arrives while A's refresh is in flight, and C just after A's finished: all three carry the old cookie.
    const second = b.call();
    await Promise.all([first, second]);
    const c = request();
    await c.call();
    for (const r of [a, b, c]) {
      expect(r.setCookies).toHaveLength(1);
      expect(parseSetCookie(r.setCookies[0] as string).value).toContain(
        encodeURIComponent(rotated.access_token as string),
      );
    }
    expect(fetch.count("POST /oauth2/token")).toBe(1);
  });
});

describe("weak spot: the shared refresh never outlives a logout", () => {
  /** A member whose access token expired, its cookie, and a server that renews it every time it is asked. */
  const expiredMemberCookie = () => {
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "GET /members/v1/members/my": () => json(200, { member: {} }),
    });
    const cookie = `wix_session=${encodeURIComponent(serializeTokens(tokens("member", clock.now() - 1)))}`;
    return { clock, fetch, cookie };
  };

  it("a request that still carries the old cookie after a logout asks the server instead of reusing the refresh", async () => {
    const { clock, fetch, cookie } = expiredMemberCookie();
    const request = () => {
      const store = createCookieTokenStore({ cookieHeader: cookie, setCookie: () => {} });
      return { store, client: createMemberRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table) };
    };
    const a = request();
    await a.client.members.members.getCurrentMember();
    a.store.set(null); // this request logged the member out
    const b = request(); // a request the browser sent before it saw the logout's Set-Cookie
    await b.client.members.members.getCurrentMember();
    expect(fetch.count("POST /oauth2/token")).toBe(2);
  });

  it("shares a refresh only for a few seconds", async () => {
    const { clock, fetch, cookie } = expiredMemberCookie();
    const call = () =>
      createMemberRuntime<TestClient>(
        {
          clientId: CLIENT_ID,
          fetch,
          clock,
          store: createCookieTokenStore({ cookieHeader: cookie, setCookie: () => {} }),
        },
        table,
      ).members.members.getCurrentMember();
    await call();
    clock.advance(6_000);
    await call();
    expect(fetch.count("POST /oauth2/token")).toBe(2);
  });
});

describe("weak spot: a __Host- session cookie", () => {
  it("names the cookie __Host-…, keeps Secure and Path=/ and refuses a Domain", async () => {
    const headers: string[] = [];
    const store = createCookieTokenStore({ cookieHeader: "", setCookie: (h) => headers.push(h), hostPrefix: true });
    store.set(tokens("visitor", 2e12));
    const cookie = parseSetCookie(headers[0] as string);
    expect(cookie).toMatchObject({ name: "__Host-wix_session", secure: true, path: "/" });
    expect(cookie.domain).toBeUndefined();
    // A cookie planted by a sibling subdomain under the plain name is not read.
    const planted = createCookieTokenStore({
      cookieHeader: `wix_session=${encodeURIComponent(serializeTokens(tokens("member", 2e12)))}`,
      setCookie: () => {},
      hostPrefix: true,
    });
    expect(planted.get()).toBeNull();
    for (const bad of [{ domain: "example.com" }, { secure: false }, { path: "/app" }]) {
      expect(() =>
        createCookieTokenStore({ cookieHeader: "", setCookie: () => {}, hostPrefix: true, cookie: bad }),
      ).toThrow(WixConfigError);
    }
  });
});

describe("weak spot: bodies JSON cannot encode", () => {
  it.each([
    ["a cyclic POST body", "queryProducts", () => ((o: Record<string, unknown>) => ((o.self = o), o))({})],
    ["a BigInt in a POST body", "queryProducts", () => ({ limit: 10n })],
    ["a cyclic GET query", "getProduct", () => ((o: Record<string, unknown>) => ((o.self = o), { id: "p", o }))({})],
  ] as const)("%s is a config error at the call, never a retried network error", async (_label, method, body) => {
    const fetch = fakeFetch({
      "POST /stores-reader/v1/products/query": () => json(200, {}),
      "GET /stores-reader/v1/products/p": () => json(200, {}),
    });
    const admin = createAdminRuntime<TestClient>({ apiKey: API_KEY, siteId: "s", fetch }, table);
    const error = await admin.stores.products[method](body() as Record<string, unknown>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixConfigError);
    expect((error as Error).message).toMatch(/request/);
    expect(fetch.calls).toEqual([]);
  });
});
