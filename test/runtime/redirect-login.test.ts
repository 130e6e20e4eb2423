// Redirect (PKCE) login: challenge derivation, callback parsing and checks, code exchange, logout.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createVisitorRuntime,
  generateOAuthData,
  parseCallback,
  WixLoginError,
  type OAuthData,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, type TestClient } from "./helpers.js";

const REDIRECT = "https://app.example.com/callback";

describe("PKCE data", () => {
  it("derives the challenge as base64url(SHA-256(verifier)) from a valid random verifier and state", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const data = await generateOAuthData(REDIRECT);
      expect(data.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(data.codeChallenge).toBe(createHash("sha256").update(data.codeVerifier).digest("base64url"));
      expect(data.state.length).toBeGreaterThanOrEqual(43);
      seen.add(data.codeVerifier).add(data.state);
    }
    expect(seen.size).toBe(40);
  });

  it("survives a JSON round trip (another request can finish the login)", async () => {
    const data = await generateOAuthData(REDIRECT);
    const restored = JSON.parse(JSON.stringify(data)) as OAuthData;
    expect(parseCallback(`${REDIRECT}#code=c1&state=${data.state}`, restored)).toEqual({
      code: "c1",
      state: data.state,
    });
  });
});

describe("callback parsing", () => {
  const data: OAuthData = {
    codeVerifier: "v".repeat(43),
    codeChallenge: "c",
    state: "expected-state",
    redirectUri: REDIRECT,
  };
  const fail = (url: string) => {
    try {
      parseCallback(url, data);
    } catch (error) {
      return error as WixLoginError;
    }
    throw new Error("expected a WixLoginError");
  };

  it("reads code and state from the fragment or the query", () => {
    expect(parseCallback(`${REDIRECT}#code=abc&state=expected-state`, data)).toEqual({
      code: "abc",
      state: "expected-state",
    });
    expect(parseCallback(`${REDIRECT}?code=abc&state=expected-state`, data)).toEqual({
      code: "abc",
      state: "expected-state",
    });
  });

  it.each([
    [`${REDIRECT}?code=abc&state=forged`, "state_mismatch", /does not match/],
    [`${REDIRECT}?code=abc`, "state_mismatch", /no state/],
    [`${REDIRECT}#state=expected-state`, "missing_code", /no authorization code/],
    [
      `${REDIRECT}#error=access_denied&error_description=User%20cancelled&state=expected-state`,
      "callback_error",
      /access_denied: User cancelled/,
    ],
    [`${REDIRECT}?error=login_required&state=expected-state`, "callback_error", /login_required/],
    // An error callback is checked against the state too: anyone can send a browser to `?error=…`.
    [`${REDIRECT}?error=login_required`, "state_mismatch", /no state/],
    [`${REDIRECT}?error=login_required&state=forged`, "state_mismatch", /does not match/],
  ])("rejects %s as %s", (url, reason, message) => {
    const error = fail(url);
    expect(error).toBeInstanceOf(WixLoginError);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  it("surfaces the OAuth error code and description as fields", () => {
    expect(fail(`${REDIRECT}#error=access_denied&error_description=nope&state=expected-state`)).toMatchObject({
      oauthError: "access_denied",
      description: "nope",
    });
  });

  it("rejects tampered OAuth data", () => {
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch: fakeFetch({}) }, table);
    return expect(
      visitor.auth.loginWithCallback(`${REDIRECT}?code=a&state=s`, { ...data, state: "s", codeVerifier: "short" }),
    ).rejects.toThrow(/oauthData\.codeVerifier: must be 43–128 characters/);
  });
});

describe("redirect login flow", () => {
  it("creates the redirect session, exchanges the code, and returns a member client on the same store", async () => {
    const clock = new FakeClock();
    const visitorTokens = tokenBody();
    const memberTokens = tokenBody();
    const fetch = fakeFetch({
      "POST /oauth2/token": (req) =>
        json(200, (req.body as { grantType: string }).grantType === "anonymous" ? visitorTokens : memberTokens),
      "POST /_api/redirects-api/v1/redirect-session": () =>
        json(200, { redirectSession: { id: "rs", fullUrl: "https://site.example/_api/oauth2/authorize?x=1" } }),
      "GET /members/v1/members/my": () => json(200, { member: { id: "m1" } }),
    });
    const visitor = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, fetch, clock, redirectUri: REDIRECT },
      table,
    );
    const oauthData = await visitor.auth.generateOAuthData();
    const { authUrl } = await visitor.auth.getAuthUrl(oauthData);
    expect(authUrl).toBe("https://site.example/_api/oauth2/authorize?x=1");
    const sessionCall = fetch.calls.find((c) => c.url.pathname.includes("redirect-session"));
    expect(sessionCall?.headers.authorization).toBe(visitorTokens.access_token);
    expect(sessionCall?.body).toEqual({
      auth: {
        authRequest: {
          redirectUri: REDIRECT,
          clientId: CLIENT_ID,
          codeChallenge: oauthData.codeChallenge,
          codeChallengeMethod: "S256",
          responseMode: "fragment",
          responseType: "code",
          scope: "offline_access",
          state: oauthData.state,
        },
        prompt: "login",
      },
    });

    const member = await visitor.auth.loginWithCallback(
      `${REDIRECT}#code=the-code&state=${oauthData.state}`,
      oauthData,
    );
    expect(fetch.calls.at(-1)?.body).toEqual({
      clientId: CLIENT_ID,
      grantType: "authorization_code",
      code: "the-code",
      codeVerifier: oauthData.codeVerifier,
      redirectUri: REDIRECT,
    });
    expect(await member.auth.getSession()).toMatchObject({ role: "member" });
    expect(await visitor.auth.getSession()).toMatchObject({ role: "member" }); // one store, one browser session
    await member.members.members.getCurrentMember();
    expect(fetch.calls.at(-1)?.headers.authorization).toBe(memberTokens.access_token);
  });

  it("does not exchange anything when the state does not match", async () => {
    const fetch = fakeFetch({});
    const visitor = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, fetch, redirectUri: REDIRECT }, table);
    const oauthData = await visitor.auth.generateOAuthData();
    await expect(visitor.auth.loginWithCallback(`${REDIRECT}#code=c&state=other`, oauthData)).rejects.toMatchObject({
      reason: "state_mismatch",
    });
    expect(fetch.calls).toEqual([]);
  });

  it("logs out through the logout redirect session, clears the tokens and returns a visitor client", async () => {
    const clock = new FakeClock();
    const memberTokens = tokenBody();
    const fetch = fakeFetch({
      "POST /oauth2/token": () => json(200, tokenBody()),
      "POST /_api/redirects-api/v1/redirect-session": () =>
        json(200, { redirectSession: { fullUrl: "https://site.example/logout?s=1" } }),
    });
    const { createMemberRuntime, MemoryTokenStore } = await import("@wix-authz/runtime");
    const store = new MemoryTokenStore({
      accessToken: memberTokens.access_token as string,
      refreshToken: "JWS.member-refresh-token",
      role: "member",
      expiresAt: clock.now() + 3_600_000,
    });
    const member = createMemberRuntime<TestClient>({ clientId: CLIENT_ID, fetch, clock, store }, table);
    const { logoutUrl, visitor } = await member.auth.logout({ postFlowUrl: "https://app.example.com/bye" });
    expect(logoutUrl).toBe("https://site.example/logout?s=1");
    expect(fetch.calls[0]?.body).toEqual({
      logout: { clientId: CLIENT_ID },
      callbacks: { postFlowUrl: "https://app.example.com/bye" },
    });
    expect(fetch.calls[0]?.headers.authorization).toBe(memberTokens.access_token);
    expect(store.get()).toBeNull();
    expect(await visitor.auth.getSession()).toBeNull();
    expect("logout" in visitor.auth).toBe(false);
  });
});
