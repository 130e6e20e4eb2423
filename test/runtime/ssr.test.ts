// createWixSession on standard Request/Response: middleware renewal writes the cookie on the request and the
// response, one client per request from its cookies, and the login / callback / logout route handlers.

import { parseCookie, parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import {
  createMemberRuntime,
  createVisitorRuntime,
  createWixSession,
  parseTokens,
  serializeTokens,
  WixNetworkError,
  type MemberOptions,
  type Tokens,
  type VisitorOptions,
} from "@wix-authz/runtime";
import {
  CLIENT_ID,
  FakeClock,
  fakeFetch,
  json,
  table,
  tokenBody,
  tokens,
  type Route,
  type TestClient,
} from "./helpers.js";

const HOUR = 3_600_000;
const SITE = "https://shop.example.com";
const factories = {
  createVisitorClient: (o: VisitorOptions) => createVisitorRuntime<TestClient>(o, table),
  createMemberClient: (o: MemberOptions) => createMemberRuntime<TestClient>(o, table),
};

const cookieOf = (t: Tokens, name = "wix_session") => `${name}=${encodeURIComponent(serializeTokens(t))}`;
const sessionIn = (setCookies: readonly string[]) =>
  setCookies.map((c) => parseSetCookie(c)).find((c) => c.name === "wix_session");

function setup(routes: Record<string, Route> = {}, extra: Record<string, unknown> = {}) {
  const clock = new FakeClock();
  const fetch = fakeFetch({ "POST /oauth2/token": () => json(200, tokenBody()), ...routes });
  const wix = createWixSession({ clientId: CLIENT_ID, fetch, clock, ...factories, ...extra });
  return { clock, fetch, wix };
}

describe("renew (middleware)", () => {
  it("renews an expiring session and writes the new cookie on the request headers and the response", async () => {
    const { clock, fetch, wix } = setup();
    const old = tokens("member", clock.now() + 30_000); // inside the 60 s margin
    const request = new Request(`${SITE}/cart`, { headers: { cookie: `theme=dark; ${cookieOf(old)}; lang=en` } });
    const renewed = await wix.renew(request);
    expect(fetch.calls.map((c) => c.body)).toEqual([
      expect.objectContaining({ grantType: "refresh_token", refreshToken: old.refreshToken }),
    ]);
    const onRequest = parseCookie(renewed.headers.get("cookie")!);
    expect(onRequest).toMatchObject({ theme: "dark", lang: "en" });
    const fresh = parseTokens(onRequest["wix_session"]!);
    expect(fresh).toMatchObject({ role: "member" });
    expect(fresh.accessToken).not.toBe(old.accessToken);
    expect(renewed.role).toBe("member");
    // The request copy carries it too, and a client built from it uses the new token without a token request.
    expect(parseCookie(renewed.request.headers.get("cookie")!)["wix_session"]).toBe(onRequest["wix_session"]);
    const response = renewed.apply(Response.redirect(`${SITE}/`, 303)); // immutable headers: copied
    const set = sessionIn(response.headers.getSetCookie())!;
    expect(parseTokens(set.value!)).toEqual(fresh);
    expect(set).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax", path: "/" });
    expect(response.status).toBe(303);
  });

  it("leaves a fresh session alone: no token request, no Set-Cookie, the request headers unchanged", async () => {
    const { clock, fetch, wix } = setup();
    const cookie = cookieOf(tokens("visitor", clock.now() + HOUR));
    const renewed = await wix.renew(new Request(`${SITE}/`, { headers: { cookie } }));
    expect(fetch.calls).toEqual([]);
    expect(renewed.setCookies).toEqual([]);
    expect(renewed.headers.get("cookie")).toBe(cookie);
  });

  it("starts a visitor session for a request without one (unless startVisitorSession is false)", async () => {
    const first = setup();
    const renewed = await first.wix.renew(new Request(`${SITE}/`));
    expect(first.fetch.calls.map((c) => (c.body as { grantType: string }).grantType)).toEqual(["anonymous"]);
    expect(renewed.role).toBe("visitor");
    expect(parseTokens(parseCookie(renewed.headers.get("cookie")!)["wix_session"]!).role).toBe("visitor");

    const off = setup({}, { startVisitorSession: false });
    const none = await off.wix.renew(new Request(`${SITE}/`));
    expect(off.fetch.calls).toEqual([]);
    expect(none.role).toBe(null);
    expect(none.headers.get("cookie")).toBe(null);
  });

  it("a member whose refresh token is refused becomes a new visitor; the dead cookie is replaced", async () => {
    let grants = 0;
    const { clock, wix } = setup({
      "POST /oauth2/token": () => (++grants === 1 ? json(400, { error: "invalid_grant" }) : json(200, tokenBody())),
    });
    const old = tokens("member", clock.now() - 1);
    const renewed = await wix.renew(new Request(`${SITE}/`, { headers: { cookie: cookieOf(old) } }));
    expect(renewed.role).toBe("visitor");
    expect(renewed.error).toBeUndefined();
    expect(parseTokens(parseCookie(renewed.headers.get("cookie")!)["wix_session"]!).role).toBe("visitor");
  });

  it("a token endpoint that cannot be reached leaves the request as it came and reports it, with no token in it", async () => {
    const { clock, wix } = setup(
      {
        "POST /oauth2/token": () => {
          throw new TypeError("fetch failed");
        },
      },
      { retry: { retries: 0 } },
    );
    const old = tokens("member", clock.now() - 1);
    const cookie = cookieOf(old);
    const renewed = await wix.renew(new Request(`${SITE}/`, { headers: { cookie } }));
    expect(renewed.error).toBeInstanceOf(WixNetworkError);
    expect(renewed.setCookies).toEqual([]);
    expect(renewed.headers.get("cookie")).toBe(cookie);
    expect(JSON.stringify(renewed.error) + String(renewed.error?.stack)).not.toContain(old.refreshToken);
  });

  it("Secure is left off only on a loopback http origin (the emulator, next dev), kept everywhere else", async () => {
    const secureFor = async (url: string) => sessionIn((await setup().wix.renew(new Request(url))).setCookies)!.secure;
    expect(await secureFor("http://localhost:3000/")).toBeFalsy();
    expect(await secureFor("http://127.0.0.1:4321/")).toBeFalsy();
    expect(await secureFor("http://[::1]:4321/")).toBeFalsy();
    expect(await secureFor("http://shop.example.com/")).toBe(true);
    expect(await secureFor("https://localhost/")).toBe(true);
  });

  it("handle() runs next with the renewed request and adds the cookies to its response", async () => {
    const { wix } = setup();
    let seen: string | null = null;
    const response = await wix.handle(new Request(`${SITE}/`), ({ headers }) => {
      seen = headers.get("cookie");
      return new Response("page");
    });
    expect(seen).toMatch(/^wix_session=/);
    expect(sessionIn(response.headers.getSetCookie())?.value).toBe(parseCookie(seen!)["wix_session"]);
    expect(await response.text()).toBe("page");
  });
});

describe("clients (one per request)", () => {
  it("builds a visitor client, and a member client for a member session, from the request's cookies", async () => {
    const { clock, fetch, wix } = setup({
      "GET /members/v1/members/my": () => json(200, { member: { id: "m1" } }),
    });
    const member = tokens("member", clock.now() + HOUR);
    const clients = wix.clients(new Headers({ cookie: cookieOf(member) }));
    expect(clients.role).toBe("member");
    expect(await clients.member!.members.members.getCurrentMember()).toEqual({ member: { id: "m1" } });
    expect(fetch.calls.at(-1)?.headers["authorization"]).toBe(member.accessToken);
    expect(clients.setCookies).toEqual([]);

    const visitor = wix.clients(
      new Request(`${SITE}/`, { headers: { cookie: cookieOf(tokens("visitor", clock.now() + HOUR)) } }),
    );
    expect(visitor.role).toBe("visitor");
    expect(visitor.member).toBe(null);
  });
});

describe("login, callback and logout route handlers", () => {
  const redirectSession: Route = (req) => {
    const auth = (req.body as { auth?: { authRequest: Record<string, string> } }).auth;
    const params = auth ? new URLSearchParams(auth.authRequest) : new URLSearchParams({ logout: "1" });
    return json(200, { redirectSession: { fullUrl: `https://www.wix.com/login?${params}` } });
  };

  async function loggedIn() {
    const s = setup({ "POST /_api/redirects-api/v1/redirect-session": redirectSession });
    const login = await s.wix.login(new Request(`${SITE}/account`), { returnTo: "/account?tab=orders" });
    expect(login.status).toBe(303);
    const authUrl = new URL(login.headers.get("location")!);
    expect(authUrl.searchParams.get("redirectUri")).toBe(`${SITE}/callback`);
    expect(authUrl.searchParams.get("responseMode")).toBe("query");
    expect(authUrl.searchParams.get("codeChallengeMethod")).toBe("S256");
    const cookies = login.headers.getSetCookie().map((c) => parseSetCookie(c));
    const pending = cookies.find((c) => c.name === "wix_session_login")!;
    expect(pending).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax", maxAge: 600 });
    const visitor = cookies.find((c) => c.name === "wix_session")!;
    const cookie = `wix_session=${encodeURIComponent(visitor.value!)}; wix_session_login=${encodeURIComponent(pending.value!)}`;
    return { ...s, authUrl, cookie, visitor: parseTokens(visitor.value!) };
  }

  it("login redirects to the hosted page with PKCE; callback exchanges the code and sets the member session", async () => {
    const { authUrl, cookie, fetch, wix } = await loggedIn();
    fetch.calls.length = 0;
    const state = authUrl.searchParams.get("state")!;
    const callback = await wix.callback(
      new Request(`${SITE}/callback?code=the-code&state=${state}`, { headers: { cookie } }),
    );
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("/account?tab=orders"); // a path: the browser stays on its origin
    const exchange = fetch.calls.find((c) => c.url.pathname === "/oauth2/token")!.body as Record<string, string>;
    expect(exchange).toMatchObject({
      grantType: "authorization_code",
      code: "the-code",
      redirectUri: `${SITE}/callback`,
    });
    expect(exchange["codeVerifier"]).toMatch(/^[\w-]{43,}$/);
    const set = callback.headers.getSetCookie().map((c) => parseSetCookie(c));
    expect(parseTokens(set.find((c) => c.name === "wix_session")!.value!).role).toBe("member");
    expect(set.find((c) => c.name === "wix_session_login")).toMatchObject({ value: "", maxAge: 0 });
  });

  it("the redirect URI and the Secure flag follow the origin the browser sees (Host), not the URL the framework built", async () => {
    const { wix } = setup({ "POST /_api/redirects-api/v1/redirect-session": redirectSession });
    // Next.js builds request.url from its listen address: localhost for `next start -H 127.0.0.1`.
    const request = new Request("http://localhost:3100/login", { headers: { host: "127.0.0.1:3100" } });
    const login = await wix.login(request);
    expect(new URL(login.headers.get("location")!).searchParams.get("redirectUri")).toBe(
      "http://127.0.0.1:3100/callback",
    );
    const proxied = new Request("http://10.0.0.5:3000/login", {
      headers: { host: "10.0.0.5:3000", "x-forwarded-host": "shop.example.com", "x-forwarded-proto": "https" },
    });
    const behindProxy = await wix.login(proxied);
    expect(new URL(behindProxy.headers.get("location")!).searchParams.get("redirectUri")).toBe(`${SITE}/callback`);
    expect(behindProxy.headers.getSetCookie().every((c) => parseSetCookie(c).secure === true)).toBe(true);
    const fixed = setup(
      { "POST /_api/redirects-api/v1/redirect-session": redirectSession },
      { origin: "https://www.example.org" },
    );
    const configured = await fixed.wix.login(proxied);
    expect(new URL(configured.headers.get("location")!).searchParams.get("redirectUri")).toBe(
      "https://www.example.org/callback",
    );
  });

  it("a callback with a forged state, or without a login in progress, is a 400 that exchanges nothing", async () => {
    const { cookie, fetch, wix } = await loggedIn();
    fetch.calls.length = 0;
    const forged = await wix.callback(new Request(`${SITE}/callback?code=c&state=forged`, { headers: { cookie } }));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("does not match this login's state");
    const stray = await wix.callback(new Request(`${SITE}/callback?code=c&state=s`));
    expect(stray.status).toBe(400);
    expect(await stray.text()).toContain("does not belong to a login started in this browser");
    expect(fetch.calls.filter((c) => c.url.pathname === "/oauth2/token")).toEqual([]);
  });

  it("returnTo outside this origin is ignored (no open redirect)", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const { wix } = setup({ "POST /_api/redirects-api/v1/redirect-session": redirectSession });
      const response = await wix.logout(new Request(`${SITE}/logout`, { method: "POST" }), { returnTo });
      expect(response.headers.get("location")).toBe("/");
    }
  });

  it("logout sends a member to Wix's logout page coming back here, and clears the session cookie", async () => {
    const { clock, fetch, wix } = setup({ "POST /_api/redirects-api/v1/redirect-session": redirectSession });
    const member = tokens("member", clock.now() + HOUR);
    const response = await wix.logout(
      new Request(`${SITE}/logout`, { method: "POST", headers: { cookie: cookieOf(member) } }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^https:\/\/www\.wix\.com\/login\?logout=1/);
    const body = fetch.calls.find((c) => c.url.pathname === "/_api/redirects-api/v1/redirect-session")!.body;
    expect(body).toEqual({ logout: { clientId: CLIENT_ID }, callbacks: { postFlowUrl: `${SITE}/` } });
    expect(sessionIn(response.headers.getSetCookie())).toMatchObject({ value: "", maxAge: 0 });
  });

  it("logout still ends the local session when Wix cannot be reached", async () => {
    const errors: unknown[] = [];
    const { clock, wix } = setup(
      { "POST /_api/redirects-api/v1/redirect-session": () => json(503, {}) },
      { retry: { retries: 0 } },
    );
    const member = tokens("member", clock.now() + HOUR);
    const response = await wix.logout(new Request(`${SITE}/logout`, { headers: { cookie: cookieOf(member) } }), {
      onError: (e) => errors.push(e),
    });
    expect(response.headers.get("location")).toBe("/");
    expect(sessionIn(response.headers.getSetCookie())).toMatchObject({ value: "", maxAge: 0 });
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).not.toContain(member.accessToken);
  });
});

describe("options", () => {
  it("refuses missing factories and a bad callbackPath, naming the option", () => {
    expect(() => createWixSession({ clientId: CLIENT_ID } as never)).toThrow(/^createVisitorClient: /);
    expect(() => createWixSession({ clientId: CLIENT_ID, ...factories, callbackPath: "callback" })).toThrow(
      /^callbackPath: /,
    );
    expect(() => createWixSession({ clientId: "", ...factories })).toThrow(/^clientId: /);
  });
});
