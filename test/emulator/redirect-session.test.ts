// Redirect sessions at all three paths: auth/logout intents, allow-list checks, and 401/403 for the wrong callers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  REDIRECT_SESSION_PATHS,
  type RunningEmulator,
} from "../../emulator/index.js";
import { adminHeaders, call, memberTokens, pkce, start, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
beforeEach(async () => ({ em } = await start()));
afterEach(() => em.close());

function authBody(overrides: Record<string, unknown> = {}) {
  return {
    auth: {
      authRequest: {
        clientId: DEFAULT_CLIENT_ID,
        redirectUri: "http://localhost:3000/callback",
        codeChallenge: pkce().challenge,
        codeChallengeMethod: "S256",
        responseMode: "fragment",
        responseType: "code",
        scope: "offline_access",
        state: "abc",
        ...overrides,
      },
      prompt: "login",
    },
  };
}

describe("auth intent", () => {
  it.each(REDIRECT_SESSION_PATHS)("is served at %s for a visitor token", async (path) => {
    const visitor = await visitorTokens(em);
    const res = await call(em, "POST", path, { auth: visitor.access, body: authBody() });
    expect(res.status).toBe(200);
    const session = res.body.redirectSession;
    expect(Object.keys(session).sort()).toEqual(["fullUrl", "id", "sessionToken", "shortUrl", "urlDetails"]);
    expect(session.urlDetails.endpoint).toBe(`${em.url}/_api/oauth2/authorize`);
    const url = new URL(session.fullUrl);
    expect(url.origin + url.pathname).toBe(session.urlDetails.endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual(session.urlDetails.searchParams);
    expect(session.urlDetails.searchParams).toMatchObject({
      clientId: DEFAULT_CLIENT_ID,
      redirectUri: "http://localhost:3000/callback",
      responseMode: "fragment",
      state: "abc",
      prompt: "login",
      codeChallengeMethod: "S256",
    });
  });

  it("accepts member tokens and the Bearer prefix", async () => {
    const member = await memberTokens(em, (await visitorTokens(em)).access);
    const res = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: `Bearer ${member.access}`,
      body: authBody(),
    });
    expect(res.status).toBe(200);
  });

  it("short URL redirects to the full URL", async () => {
    const visitor = await visitorTokens(em);
    const res = await call(em, "POST", REDIRECT_SESSION_PATHS[1], { auth: visitor.access, body: authBody() });
    const short = await fetch(res.body.redirectSession.shortUrl, { redirect: "manual" });
    expect(short.status).toBe(302);
    expect(short.headers.get("location")).toBe(res.body.redirectSession.fullUrl);
  });

  it.each([
    ["http://localhost:3000/callback/", "trailing slash"],
    ["https://localhost:3000/callback", "other scheme"],
    ["http://localhost:3000/other", "other path"],
    ["http://localhost:3000/callback?x=1", "extra query"],
    ["http://evil.example/callback", "other host"],
  ])("refuses redirect URI %s (%s) with a field violation", async (redirectUri) => {
    const visitor = await visitorTokens(em);
    const res = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: visitor.access,
      body: authBody({ redirectUri }),
    });
    expect(res.status).toBe(400);
    expect(res.body.details.validationError.fieldViolations).toEqual([
      expect.objectContaining({ field: "auth.authRequest.redirectUri" }),
    ]);
  });

  it("matches exactly, port included, when the client lists concrete URIs", async () => {
    await em.close();
    ({ em } = await start({
      clients: [{ clientId: DEFAULT_CLIENT_ID, redirectUris: ["http://localhost:3000/callback"] }],
    }));
    const visitor = await visitorTokens(em);
    const ok = await call(em, "POST", REDIRECT_SESSION_PATHS[0], { auth: visitor.access, body: authBody() });
    expect(ok.status).toBe(200);
    const otherPort = authBody({ redirectUri: "http://localhost:3001/callback" });
    const bad = await call(em, "POST", REDIRECT_SESSION_PATHS[0], { auth: visitor.access, body: otherPort });
    expect(bad.status).toBe(400);
  });

  it("reports every bad field at once", async () => {
    const visitor = await visitorTokens(em);
    const body = authBody({
      clientId: "someone-else",
      responseType: "token",
      codeChallenge: undefined,
      codeChallengeMethod: "plain",
    });
    const res = await call(em, "POST", REDIRECT_SESSION_PATHS[0], { auth: visitor.access, body });
    expect(res.status).toBe(400);
    const fields = res.body.details.validationError.fieldViolations.map((v: { field: string }) => v.field);
    expect(fields).toEqual([
      "auth.authRequest.clientId",
      "auth.authRequest.responseType",
      "auth.authRequest.codeChallenge",
      "auth.authRequest.codeChallengeMethod",
    ]);
  });

  it("needs an intent, and says which intents are served", async () => {
    const visitor = await visitorTokens(em);
    const none = await call(em, "POST", REDIRECT_SESSION_PATHS[0], { auth: visitor.access, body: {} });
    expect(none.body.details.validationError.fieldViolations[0].field).toBe("intent");
    const bookings = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: visitor.access,
      body: { bookingsCheckout: {} },
    });
    expect(bookings.status).toBe(400);
    expect(bookings.body.details.validationError.fieldViolations[0].description).toBe(
      'intent "bookingsCheckout" is not served by the emulator (supported: auth, logout, ecomCheckout)',
    );
    // ecomCheckout is served, and needs the caller's checkout.
    const checkout = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: visitor.access,
      body: { ecomCheckout: {} },
    });
    expect(checkout.status).toBe(400);
    expect(checkout.body.details.validationError.fieldViolations[0]).toMatchObject({
      field: "ecomCheckout.checkoutId",
      description: "is required",
    });
  });
});

describe("callers", () => {
  it("refuses API keys and app tokens with 403 PERMISSION_DENIED", async () => {
    const apiKey = await call(em, "POST", REDIRECT_SESSION_PATHS[0], { headers: adminHeaders, body: authBody() });
    expect(apiKey.status).toBe(403);
    expect(apiKey.body.details.applicationError.code).toBe("PERMISSION_DENIED");
    const app = await call(em, "POST", "/oauth2/token", {
      body: { grant_type: "client_credentials", client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET },
    });
    const appToken = await call(em, "POST", REDIRECT_SESSION_PATHS[2], {
      auth: app.body.access_token,
      body: authBody(),
    });
    expect(appToken.status).toBe(403);
  });

  it("refuses missing and garbage tokens with 401 UNAUTHENTICATED", async () => {
    for (const auth of [undefined, "garbage", "OauthNG.JWS.a.b.c"]) {
      const res = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
        ...(auth !== undefined && { auth }),
        body: authBody(),
      });
      expect(res.status).toBe(401);
      expect(res.body.details.applicationError.code).toBe("UNAUTHENTICATED");
    }
  });
});

describe("logout intent", () => {
  it("ends the member session when its URL is visited, then redirects to postFlowUrl", async () => {
    const member = await memberTokens(em, (await visitorTokens(em)).access);
    const res = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: member.access,
      body: {
        logout: { clientId: DEFAULT_CLIENT_ID },
        callbacks: { postFlowUrl: "http://localhost:3000/after-logout" },
      },
    });
    expect(res.status).toBe(200);
    const logoutUrl = res.body.redirectSession.fullUrl as string;
    expect(logoutUrl.startsWith(`${em.url}/_api/iam/authentication/v1/logout?`)).toBe(true);
    // Nothing is revoked until the browser visits the URL.
    expect((await call(em, "GET", "/members/v1/members/my", { auth: member.access })).status).toBe(200);
    const visit = await fetch(logoutUrl, { redirect: "manual" });
    expect(visit.status).toBe(302);
    expect(visit.headers.get("location")).toBe("http://localhost:3000/after-logout");
    expect((await call(em, "GET", "/members/v1/members/my", { auth: member.access })).status).toBe(401);
    const refresh = await call(em, "POST", "/oauth2/token", {
      body: { grantType: "refresh_token", refreshToken: member.refresh },
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("refuses a postFlowUrl outside the allowed redirect domains and an unknown client", async () => {
    const visitor = await visitorTokens(em);
    const evil = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: visitor.access,
      body: { logout: { clientId: DEFAULT_CLIENT_ID }, callbacks: { postFlowUrl: "https://evil.example/" } },
    });
    expect(evil.body.details.validationError.fieldViolations[0].field).toBe("callbacks.postFlowUrl");
    const unknown = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: visitor.access,
      body: { logout: { clientId: "x" } },
    });
    expect(unknown.body.details.validationError.fieldViolations[0].field).toBe("logout.clientId");
  });

  it.each([
    ["a logout session without postFlowUrl", { logout: { clientId: DEFAULT_CLIENT_ID } }],
    ["an auth session", authBody()],
  ])("never redirects to an unlisted postLogoutRedirectUri added to %s (open redirect)", async (_, body) => {
    const visitor = await visitorTokens(em);
    const session = await call(em, "POST", REDIRECT_SESSION_PATHS[0], { auth: visitor.access, body });
    const id = session.body.redirectSession.id as string;
    const evil = encodeURIComponent("https://evil.example/");
    const visit = await fetch(
      `${em.url}/_api/iam/authentication/v1/logout?redirectSessionId=${id}&postLogoutRedirectUri=${evil}`,
      { redirect: "manual" },
    );
    expect([visit.status, visit.headers.get("location")]).toEqual([400, null]);
    const allowed = encodeURIComponent("http://localhost:3000/bye");
    const ok = await fetch(
      `${em.url}/_api/iam/authentication/v1/logout?redirectSessionId=${id}&postLogoutRedirectUri=${allowed}`,
      { redirect: "manual" },
    );
    expect([ok.status, ok.headers.get("location")]).toEqual([302, "http://localhost:3000/bye"]);
  });

  it("a session's own postFlowUrl wins over one added to its logout URL", async () => {
    const visitor = await visitorTokens(em);
    const session = await call(em, "POST", REDIRECT_SESSION_PATHS[0], {
      auth: visitor.access,
      body: { logout: { clientId: DEFAULT_CLIENT_ID }, callbacks: { postFlowUrl: "http://localhost:3000/after" } },
    });
    const url = `${session.body.redirectSession.fullUrl as string}&postLogoutRedirectUri=https://evil.example/`;
    const visit = await fetch(url, { redirect: "manual" });
    expect(visit.headers.get("location")).toBe("http://localhost:3000/after");
  });

  it("checks a hand-built logout URL's redirect against the client", async () => {
    const bad = await fetch(
      `${em.url}/_api/iam/authentication/v1/logout?clientId=${DEFAULT_CLIENT_ID}&postLogoutRedirectUri=https://evil.example/`,
      { redirect: "manual" },
    );
    expect(bad.status).toBe(400);
    const good = await fetch(
      `${em.url}/_api/iam/authentication/v1/logout?clientId=${DEFAULT_CLIENT_ID}&postLogoutRedirectUri=${encodeURIComponent("http://127.0.0.1:8080/bye")}`,
      { redirect: "manual" },
    );
    expect(good.headers.get("location")).toBe("http://127.0.0.1:8080/bye");
    const plain = await fetch(`${em.url}/_api/iam/authentication/v1/logout`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain("You are logged out.");
  });
});
