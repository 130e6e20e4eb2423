// /_api/oauth2/authorize: hosted login form, prompt=none, web_message, callback errors, and the code exchange checks.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CLIENT_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_ID,
  DEMO_MEMBER_PASSWORD,
  type RunningEmulator,
} from "../../emulator/index.js";
import { type TestClock, call, pkce, start, tokenData, visitorTokens, webMessageResult } from "./helpers.js";

let em: RunningEmulator;
let clock: TestClock;
beforeEach(async () => ({ em, clock } = await start()));
afterEach(() => em.close());

const REDIRECT = "http://localhost:3000/callback";

async function redirectSession(
  access: string,
  authRequest: Record<string, unknown>,
  prompt = "login",
): Promise<string> {
  const res = await call(em, "POST", "/_api/redirects-api/v1/redirect-session", {
    auth: access,
    body: {
      auth: {
        authRequest: { clientId: DEFAULT_CLIENT_ID, codeChallengeMethod: "S256", responseType: "code", ...authRequest },
        prompt,
      },
    },
  });
  expect(res.status).toBe(200);
  return res.body.redirectSession.fullUrl as string;
}

/** Logs in on the hosted form as a browser does: GET the form, POST its fields back with an Origin header. */
async function submitLogin(
  fullUrl: string,
  email: string,
  password: string,
  cookie?: string,
  tamper: (fields: [string, string][]) => [string, string][] = (f) => f,
  origin = em.url,
) {
  const page = await (await fetch(fullUrl)).text();
  const hidden = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (m) => [m[1]!, unescape(m[2]!)] as [string, string],
  );
  const body = new URLSearchParams(tamper([...hidden, ["email", email], ["password", password]]));
  return fetch(`${em.url}/_api/oauth2/authorize`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin,
      ...(cookie !== undefined && { cookie }),
    },
    body: body.toString(),
    redirect: "manual",
  });
}

function unescape(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

async function exchange(code: string, verifier: string, redirectUri?: string) {
  return call(em, "POST", "/oauth2/token", {
    body: {
      clientId: DEFAULT_CLIENT_ID,
      grantType: "authorization_code",
      code,
      codeVerifier: verifier,
      ...(redirectUri !== undefined && { redirectUri }),
    },
  });
}

describe("prompt=login", () => {
  it("serves an HTML login form that logs in and redirects with code and state in the fragment", async () => {
    const visitor = await visitorTokens(em);
    const { verifier, challenge } = pkce();
    const fullUrl = await redirectSession(visitor.access, {
      redirectUri: REDIRECT,
      responseMode: "fragment",
      state: "s1",
      codeChallenge: challenge,
    });
    const page = await fetch(fullUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self' http://localhost:3000");
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/_api/oauth2/authorize">');
    expect(html).toMatch(/<input id="password" name="password" type="password"/);

    const wrong = await submitLogin(fullUrl, DEMO_MEMBER_EMAIL, "not-it");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Wrong email or password.");

    const ok = await submitLogin(fullUrl, DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD);
    expect(ok.status).toBe(302);
    const location = new URL(ok.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("state")).toBe("s1");
    const tokens = await exchange(fragment.get("code")!, verifier, REDIRECT);
    expect(tokens.status).toBe(200);
    const instance = tokenData(tokens.body.access_token).data.instance;
    expect(instance.uid).toBe(DEMO_MEMBER_ID);
    expect(instance.aid).toBe(tokenData(visitor.access).data.instance.aid);

    // The browser now has a Wix session: prompt=none works without a session token.
    const cookie = ok.headers.get("set-cookie")!.split(";")[0]!;
    const silentUrl = await redirectSession(
      visitor.access,
      { redirectUri: REDIRECT, responseMode: "query", state: "s2", codeChallenge: challenge },
      "none",
    );
    const silent = await fetch(silentUrl, { headers: { cookie }, redirect: "manual" });
    expect(new URL(silent.headers.get("location")!).searchParams.get("state")).toBe("s2");
    expect(new URL(silent.headers.get("location")!).searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
  });

  it("escapes every echoed parameter (no markup injection through state)", async () => {
    const attack = `"><script>alert(1)</script><input name="x`;
    const url = `${em.url}/_api/oauth2/authorize?clientId=${DEFAULT_CLIENT_ID}&redirectUri=${encodeURIComponent(REDIRECT)}&codeChallenge=c&prompt=login&state=${encodeURIComponent(attack)}`;
    const html = await (await fetch(url)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;");
  });
});

describe("login form CSRF token", () => {
  async function fullUrl(state = "s1"): Promise<string> {
    const visitor = await visitorTokens(em);
    return redirectSession(visitor.access, {
      redirectUri: REDIRECT,
      responseMode: "query",
      state,
      codeChallenge: pkce().challenge,
    });
  }
  const without = (name: string) => (fields: [string, string][]) => fields.filter(([k]) => k !== name);
  const replaced = (name: string, value: string) => (fields: [string, string][]) =>
    fields.map(([k, v]): [string, string] => [k, k === name ? value : v]);

  it("every login form carries a fresh token", async () => {
    const url = await fullUrl();
    const tokens = await Promise.all(
      [1, 2].map(async () => /name="csrfToken" value="([\w-]+)"/.exec(await (await fetch(url)).text())?.[1]),
    );
    expect(tokens[0]).toMatch(/^[\w-]{20,}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it.each([
    ["without a token", without("csrfToken")],
    ["with a made-up token", replaced("csrfToken", "forged-token-forged-token")],
  ])("a POST from another page %s logs nobody in: 403, no redirect, no session cookie", async (_, tamper) => {
    // localhost:3000 is a served origin (an allowed redirect domain): any other local dev server is one too, and
    // only the token stops it. Origins that are not served are refused before this (origins.test.ts).
    const res = await submitLogin(
      await fullUrl(),
      DEMO_MEMBER_EMAIL,
      DEMO_MEMBER_PASSWORD,
      undefined,
      tamper,
      "http://localhost:3000",
    );
    expect([res.status, res.headers.get("location"), res.headers.get("set-cookie")]).toEqual([403, null, null]);
    expect(await res.text()).toContain("This login form expired or was not served here");
  });

  it("a token is bound to its login state and used once", async () => {
    const other = /name="csrfToken" value="([\w-]+)"/.exec(await (await fetch(await fullUrl("other"))).text())![1]!;
    const swapped = await submitLogin(
      await fullUrl(),
      DEMO_MEMBER_EMAIL,
      DEMO_MEMBER_PASSWORD,
      undefined,
      replaced("csrfToken", other),
    );
    expect(swapped.status).toBe(403);
    const url = await fullUrl();
    const page = await (await fetch(url)).text();
    const token = /name="csrfToken" value="([\w-]+)"/.exec(page)![1]!;
    const first = await submitLogin(url, DEMO_MEMBER_EMAIL, "wrong", undefined, replaced("csrfToken", token));
    expect(first.status).toBe(401);
    const replay = await submitLogin(
      url,
      DEMO_MEMBER_EMAIL,
      DEMO_MEMBER_PASSWORD,
      undefined,
      replaced("csrfToken", token),
    );
    expect(replay.status).toBe(403);
  });
});

describe("prompt=none with a session token", () => {
  async function sessionToken(access: string): Promise<string> {
    const login = await call(em, "POST", "/_api/iam/authentication/v2/login", {
      auth: access,
      body: { loginId: { email: DEMO_MEMBER_EMAIL }, password: DEMO_MEMBER_PASSWORD },
    });
    return login.body.sessionToken as string;
  }

  it.each([
    ["camelCase", (p: Record<string, string>) => p],
    [
      "snake_case",
      (p: Record<string, string>) =>
        Object.fromEntries(Object.entries(p).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v])),
    ],
  ])("redirects at once from a hand-built %s URL (query mode)", async (_, spell) => {
    const visitor = await visitorTokens(em);
    const { verifier, challenge } = pkce();
    const params = spell({
      clientId: DEFAULT_CLIENT_ID,
      responseType: "code",
      redirectUri: REDIRECT,
      responseMode: "query",
      state: "q",
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
      prompt: "none",
      sessionToken: await sessionToken(visitor.access),
    });
    const res = await fetch(`${em.url}/_api/oauth2/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("state")).toBe("q");
    expect((await exchange(location.searchParams.get("code")!, verifier, REDIRECT)).status).toBe(200);
  });

  it("answers login_required in the callback for an unknown or reused session token", async () => {
    const visitor = await visitorTokens(em);
    const token = await sessionToken(visitor.access);
    const make = () =>
      redirectSession(
        visitor.access,
        { redirectUri: REDIRECT, responseMode: "query", state: "z", codeChallenge: "c", sessionToken: token },
        "none",
      );
    expect((await fetch(await make(), { redirect: "manual" })).status).toBe(302);
    const reused = await fetch(await make(), { redirect: "manual" });
    const params = new URL(reused.headers.get("location")!).searchParams;
    expect(params.get("error")).toBe("login_required");
    expect(params.get("error_description")).toContain("sessionToken");
    expect(params.get("state")).toBe("z");
    expect(params.get("code")).toBeNull();
  });

  it("answers web_message with a page posting {code, state} to the allowed parent origin", async () => {
    const visitor = await visitorTokens(em);
    const { verifier, challenge } = pkce();
    const url = await redirectSession(
      visitor.access,
      {
        responseMode: "web_message",
        state: "w",
        codeChallenge: challenge,
        sessionToken: await sessionToken(visitor.access),
      },
      "none",
    );
    const res = await fetch(url, { headers: { referer: "http://localhost:5173/app/page" } });
    const html = await res.text();
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors http://localhost:5173");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('target.postMessage(result, "http://localhost:5173")');
    const result = webMessageResult(html);
    expect(Object.keys(result).sort()).toEqual(["code", "state"]);
    expect(result["state"]).toBe("w");
    // No redirectUri in the request, so none in the exchange; sending one is a mismatch.
    expect((await exchange(result["code"]!, verifier, REDIRECT)).body.error).toBe("invalid_grant");
  });

  it("posts nothing to a parent origin that is not an allowed redirect domain", async () => {
    const visitor = await visitorTokens(em);
    const url = await redirectSession(
      visitor.access,
      { responseMode: "web_message", state: "w", codeChallenge: "c", sessionToken: await sessionToken(visitor.access) },
      "none",
    );
    const html = await (await fetch(url, { headers: { referer: "https://evil.example/" } })).text();
    expect(html).not.toContain("postMessage");
    expect(webMessageResult(html)["state"]).toBe("w");
  });
});

describe("authorize errors", () => {
  const base = (extra: string) =>
    `/_api/oauth2/authorize?clientId=${DEFAULT_CLIENT_ID}&redirectUri=${encodeURIComponent(REDIRECT)}&state=e${extra}`;

  it("shows unknown clients and disallowed redirect URIs on the page, never redirecting", async () => {
    for (const path of [
      "/_api/oauth2/authorize?clientId=nope&redirectUri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&codeChallenge=c",
      `/_api/oauth2/authorize?clientId=${DEFAULT_CLIENT_ID}&redirectUri=https%3A%2F%2Fevil.example%2F&codeChallenge=c`,
      `/_api/oauth2/authorize?clientId=${DEFAULT_CLIENT_ID}&codeChallenge=c`,
    ]) {
      const res = await fetch(em.url + path, { redirect: "manual" });
      expect(res.status, path).toBe(400);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("answers 404 for an unknown redirect session", async () => {
    const res = await fetch(`${em.url}/_api/oauth2/authorize?redirectSessionId=nope`, { redirect: "manual" });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This redirect session does not exist.");
  });

  it.each([
    ["&codeChallenge=c&responseType=token", "unsupported_response_type"],
    ["&codeChallenge=c&codeChallengeMethod=plain", "invalid_request"],
    ["", "invalid_request"],
    ["&codeChallenge=c&prompt=none", "login_required"],
  ])("sends %s back to the client as error=%s", async (extra, error) => {
    const res = await fetch(em.url + base(extra), { redirect: "manual" });
    const params = new URL(res.headers.get("location")!).searchParams;
    expect(params.get("error")).toBe(error);
    expect(params.get("state")).toBe("e");
  });
});

describe("authorization_code exchange", () => {
  async function freshCode(redirectUri = REDIRECT): Promise<{ code: string; verifier: string }> {
    const visitor = await visitorTokens(em);
    const { verifier, challenge } = pkce();
    const login = await call(em, "POST", "/_api/iam/authentication/v2/login", {
      auth: visitor.access,
      body: { loginId: { email: DEMO_MEMBER_EMAIL }, password: DEMO_MEMBER_PASSWORD },
    });
    const url = await redirectSession(
      visitor.access,
      {
        redirectUri,
        responseMode: "query",
        state: "x",
        codeChallenge: challenge,
        sessionToken: login.body.sessionToken,
      },
      "none",
    );
    const res = await fetch(url, { redirect: "manual" });
    return { code: new URL(res.headers.get("location")!).searchParams.get("code")!, verifier };
  }

  it("refuses a reused code and ends the session the first use created", async () => {
    const { code, verifier } = await freshCode();
    const first = await exchange(code, verifier, REDIRECT);
    expect(first.status).toBe(200);
    const second = await exchange(code, verifier, REDIRECT);
    expect(second.body).toEqual({
      error: "invalid_grant",
      error_description: "Authorization code has already been used",
    });
    const refresh = await call(em, "POST", "/oauth2/token", {
      body: { grantType: "refresh_token", refreshToken: first.body.refresh_token },
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("refuses an expired code", async () => {
    const { code, verifier } = await freshCode();
    clock.advance(61);
    expect((await exchange(code, verifier, REDIRECT)).body).toEqual({
      error: "invalid_grant",
      error_description: "Authorization code has expired",
    });
  });

  it("refuses a wrong verifier, a wrong or missing redirectUri, and an unknown code", async () => {
    const wrongVerifier = await freshCode();
    expect((await exchange(wrongVerifier.code, pkce().verifier, REDIRECT)).body.error_description).toBe(
      "codeVerifier does not match the codeChallenge",
    );
    const wrongUri = await freshCode();
    expect((await exchange(wrongUri.code, wrongUri.verifier, "http://localhost:3000/other")).body.error).toBe(
      "invalid_grant",
    );
    const missingUri = await freshCode();
    expect((await exchange(missingUri.code, missingUri.verifier)).body.error).toBe("invalid_grant");
    expect((await exchange("made-up", pkce().verifier, REDIRECT)).body.error).toBe("invalid_grant");
  });

  it("refuses a malformed verifier and missing fields with invalid_request", async () => {
    const { code } = await freshCode();
    expect((await exchange(code, "short", REDIRECT)).body.error).toBe("invalid_request");
    const missing = await call(em, "POST", "/oauth2/token", {
      body: { clientId: DEFAULT_CLIENT_ID, grantType: "authorization_code" },
    });
    expect(missing.body.error).toBe("invalid_request");
  });
});
