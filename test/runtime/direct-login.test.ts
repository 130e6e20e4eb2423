// Direct login on the server: email/password → state machine → sessionToken → silent authorize → member tokens.

import { createHash, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVisitorRuntime, WixNetworkError, type LoginResult } from "@wix-authz/runtime";
import { CLIENT_ID, table, type TestClient } from "./helpers.js";
import { send, startServer, type SeenRequest } from "./server.js";

const REDIRECT = "https://app.example.com/callback";
const wixError = (code: string, description: string) => ({
  message: description,
  details: { applicationError: { code, description, data: {} } },
});

/** Just enough of Wix, keeping real state: sessions, codes bound to PKCE challenges, tokens by role. */
function miniWix(origin: () => string) {
  const roles = new Map<string, "visitor" | "member">();
  const sessionTokens = new Set<string>();
  const redirectSessions = new Map<string, Record<string, string>>();
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const issue = (role: "visitor" | "member") => {
    const access = `OauthNG.JWS.${role}-${randomUUID()}`;
    roles.set(access, role);
    return {
      access_token: access,
      refresh_token: `JWS.${role}-${randomUUID()}`,
      expires_in: 14400,
      token_type: "Bearer",
    };
  };
  const success = (res: Parameters<typeof send>[0]) => {
    const sessionToken = `JWS.session-${randomUUID()}`;
    sessionTokens.add(sessionToken);
    send(res, 200, { state: "SUCCESS", sessionToken, identity: { id: "m1" } });
  };
  return async (req: SeenRequest, res: Parameters<typeof send>[0]) => {
    const body = (req.json ?? {}) as Record<string, any>;
    const route = `${req.method} ${req.url.pathname}`;
    const caller = roles.get(String(req.headers.authorization ?? ""));
    if (route === "POST /oauth2/token") {
      if (body.grantType === "anonymous") return send(res, 200, issue("visitor"));
      const grant = codes.get(body.code);
      codes.delete(body.code);
      const verifier = createHash("sha256").update(String(body.codeVerifier)).digest("base64url");
      if (!grant || grant.challenge !== verifier || grant.redirectUri !== body.redirectUri)
        return send(res, 400, { error: "invalid_grant" });
      return send(res, 200, issue("member"));
    }
    if (!caller && route !== "GET /_api/oauth2/authorize")
      return send(res, 401, wixError("UNAUTHENTICATED", "no token"));
    if (route === "POST /_api/redirects-api/v1/redirect-session") {
      const id = randomUUID();
      redirectSessions.set(id, { ...body.auth.authRequest, prompt: body.auth.prompt });
      return send(res, 200, { redirectSession: { id, fullUrl: `${origin()}/_api/oauth2/authorize?id=${id}` } });
    }
    if (route === "GET /_api/oauth2/authorize") {
      const s = redirectSessions.get(req.url.searchParams.get("id") ?? "");
      if (!s || s.prompt !== "none" || !sessionTokens.has(s.sessionToken ?? ""))
        return send(res, 200, "<html>login page</html>");
      const code = randomUUID();
      codes.set(code, { challenge: s.codeChallenge as string, redirectUri: s.redirectUri as string });
      res.writeHead(302, { location: `${s.redirectUri}?code=${code}&state=${s.state}` }).end();
      return;
    }
    if (route === "POST /_api/iam/authentication/v2/login") {
      const email = body.loginId?.email;
      if (email === "verify@example.com")
        return send(res, 200, { state: "REQUIRE_EMAIL_VERIFICATION", stateToken: "state-token-1" });
      if (email === "pending@example.com") return send(res, 200, { state: "REQUIRE_OWNER_APPROVAL" });
      if (email !== "ann@example.com") return send(res, 404, wixError("-19999", "No member with this email"));
      if (body.password !== "correct horse") return send(res, 401, wixError("-19976", "Wrong password"));
      return success(res);
    }
    if (route === "POST /_api/iam/authentication/v2/register")
      return send(res, 409, wixError("-19995", "Email already exists"));
    if (route === "POST /_api/iam/verification/v1/auth/verify") {
      return body.code === "123456" && body.stateToken === "state-token-1"
        ? success(res)
        : send(res, 400, wixError("VERIFICATION_FAILED", "Wrong code"));
    }
    if (route === "GET /members/v1/members/my") {
      return caller === "member"
        ? send(res, 200, { member: { id: "m1" } })
        : send(res, 403, wixError("PERMISSION_DENIED", "members only"));
    }
    send(res, 404, wixError("NOT_FOUND", route));
  };
}

let server: Awaited<ReturnType<typeof startServer>>;
let visitor: TestClient;
beforeEach(async () => {
  let origin = "";
  server = await startServer(miniWix(() => origin));
  origin = server.url;
  visitor = createVisitorRuntime<TestClient>(
    { clientId: CLIENT_ID, baseUrl: server.url, redirectUri: REDIRECT },
    table,
  );
});
afterEach(() => server.close());

const routes = () => server.seen.map((r) => `${r.method} ${r.url.pathname}`);

describe("direct login on the server", () => {
  it("turns email/password into a working member client without a browser", async () => {
    const result = await visitor.auth.login({ email: "ann@example.com", password: "correct horse" });
    expect(result.status).toBe("success");
    const member = (result as Extract<LoginResult<TestClient>, { status: "success" }>).member;
    await expect(member.members.members.getCurrentMember()).resolves.toEqual({ member: { id: "m1" } });
    expect(routes()).toEqual([
      "POST /oauth2/token", // anonymous visitor
      "POST /_api/iam/authentication/v2/login",
      "POST /_api/redirects-api/v1/redirect-session", // prompt none + sessionToken
      "GET /_api/oauth2/authorize", // followed with redirect: manual
      "POST /oauth2/token", // authorization_code
      "GET /members/v1/members/my",
    ]);
    const authorize = server.seen[2]?.json as { auth: { prompt: string; authRequest: Record<string, string> } };
    expect(authorize.auth.prompt).toBe("none");
    expect(authorize.auth.authRequest).toMatchObject({ responseMode: "query", redirectUri: REDIRECT });
    expect(authorize.auth.authRequest.sessionToken).toMatch(/^JWS\.session-/);
    expect(server.seen[3]?.headers.authorization).toBeUndefined();
  });

  it("walks the email-verification step across calls with only the stateToken", async () => {
    const first = await visitor.auth.login({ email: "verify@example.com", password: "x" });
    expect(first).toEqual({ status: "emailVerificationRequired", stateToken: "state-token-1" });
    const wrong = await visitor.auth.verifyEmail({ code: "000000", stateToken: "state-token-1" });
    expect(wrong).toMatchObject({ status: "failure", code: "verificationFailed", message: "Wrong code" });
    const done = await visitor.auth.verifyEmail({ code: "123456", stateToken: "state-token-1" });
    expect(done.status).toBe("success");
  });

  it.each([
    [{ email: "ann@example.com", password: "nope" }, "wrongPassword", "Wrong password"],
    [{ email: "who@example.com", password: "x" }, "unknownEmail", "No member with this email"],
  ])("maps %o to the failure %s with a human message", async (input, code, message) => {
    const result = await visitor.auth.login(input);
    expect(result).toMatchObject({ status: "failure", code, message });
    // A wrong password's 401 is an answer, not an expired token: no renewal, no second attempt.
    expect(routes().filter((r) => r.endsWith("/login"))).toHaveLength(1);
    expect(routes().filter((r) => r === "POST /oauth2/token")).toHaveLength(1);
  });

  it("reports owner approval and duplicate registration as union members", async () => {
    await expect(visitor.auth.login({ email: "pending@example.com", password: "x" })).resolves.toEqual({
      status: "ownerApprovalRequired",
    });
    await expect(visitor.auth.register({ email: "ann@example.com", password: "x" })).resolves.toMatchObject({
      status: "failure",
      code: "emailExists",
    });
  });

  it("throws a typed network error (not a TypeError) when Wix is unreachable", async () => {
    const offline = createVisitorRuntime<TestClient>(
      { clientId: CLIENT_ID, baseUrl: "http://127.0.0.1:9", redirectUri: REDIRECT, retry: { retries: 0 } },
      table,
    );
    await expect(offline.auth.login({ email: "ann@example.com", password: "x" })).rejects.toBeInstanceOf(
      WixNetworkError,
    );
  });

  it("without a redirect URI a wrong password is the login failure it is, not a configuration error", async () => {
    const noUri = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, baseUrl: server.url }, table);
    await expect(noUri.auth.login({ email: "ann@example.com", password: "nope" })).resolves.toMatchObject({
      status: "failure",
      code: "wrongPassword",
    });
    await expect(noUri.auth.login({ email: "verify@example.com", password: "x" })).resolves.toEqual({
      status: "emailVerificationRequired",
      stateToken: "state-token-1",
    });
  });

  it("explains a missing redirect URI (once the password is accepted) and an authorize URL that does not redirect", async () => {
    const noUri = createVisitorRuntime<TestClient>({ clientId: CLIENT_ID, baseUrl: server.url }, table);
    await expect(noUri.auth.login({ email: "ann@example.com", password: "correct horse" })).rejects.toMatchObject({
      name: "WixConfigError",
      message: expect.stringMatching(/password was accepted, but a redirect URI allowed by the OAuth app/),
    });
    await expect(visitor.auth.loginWithSessionToken("JWS.unknown-session-token")).rejects.toMatchObject({
      name: "WixLoginError",
      reason: "no_redirect",
    });
  });
});
