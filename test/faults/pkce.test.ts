// PKCE/state attacks on the redirect login: reused code, wrong verifier, wrong redirectUri, tampered state, expired
// code — each refused (by the emulator, or by the runtime before any request) and surfaced as a typed error.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VisitorClient } from "../../generated/visitor.js";
import { DEFAULT_CLIENT_ID, DEMO_MEMBER_EMAIL, DEMO_MEMBER_ID, DEMO_MEMBER_PASSWORD } from "../../emulator/index.js";
import {
  generateOAuthData,
  WixApiError,
  WixConfigError,
  WixLoginError,
  WixSessionExpiredError,
  WixTokenError,
  type OAuthData,
  type SessionExpiredEvent,
} from "@wix-authz/runtime";
import {
  failure,
  grants,
  REDIRECT_URI,
  endWorld,
  startWorld,
  trackRejections,
  visitorClient,
  type World,
} from "./harness.js";

const rejections = trackRejections();
let world: World;
let visitor: VisitorClient;
const expired: SessionExpiredEvent[] = [];

beforeEach(async () => {
  world = await startWorld({ tokens: { authorizationCodeSeconds: 60 } });
  expired.length = 0;
  visitor = visitorClient(world, { onSessionExpired: (e) => expired.push(e) });
});
afterEach(() => endWorld(world, rejections));
afterAll(() => rejections.stop());

/** Starts a redirect login through the runtime and logs in on the hosted page as a browser would. */
async function hostedLogin(redirectUri = REDIRECT_URI): Promise<{ data: OAuthData; callback: string }> {
  const data = await visitor.auth.generateOAuthData(redirectUri);
  const { authUrl } = await visitor.auth.getAuthUrl(data, { responseMode: "query" });
  const url = new URL(authUrl);
  const form = new URLSearchParams({
    redirectSessionId: url.searchParams.get("redirectSessionId") ?? "",
    email: DEMO_MEMBER_EMAIL,
    password: DEMO_MEMBER_PASSWORD,
  });
  const res = await fetch(url.origin + url.pathname, {
    method: "POST",
    body: form,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const callback = res.headers.get("location");
  if (res.status !== 302 || callback === null) throw new Error(`hosted login did not redirect: HTTP ${res.status}`);
  return { data, callback };
}

const codeGrants = () => grants(world, "authorization_code");

describe("redirect login with PKCE", () => {
  it("works when nothing is tampered with (the baseline the attacks below change one thing of)", async () => {
    const { data, callback } = await hostedLogin();
    const member = await visitor.auth.loginWithCallback(callback, data);
    expect((await member.members.members.getCurrentMember()).member?.id).toBe(DEMO_MEMBER_ID);
    expect(codeGrants()).toEqual(["authorization_code:200"]);
  });

  it("reused code: refused with invalid_grant, and the session the code produced is revoked", async () => {
    const { data, callback } = await hostedLogin();
    const member = await visitor.auth.loginWithCallback(callback, data);
    const replay = await failure(world, visitor.auth.loginWithCallback(callback, data));
    expect(replay).toBeInstanceOf(WixTokenError);
    expect(replay).toMatchObject({ status: 400, oauthError: "invalid_grant", grantType: "authorization_code" });
    expect((replay as WixTokenError).description).toMatch(/already been used/);
    const ended = await failure(world, member.members.members.getCurrentMember());
    expect(ended).toBeInstanceOf(WixSessionExpiredError);
    expect(ended).toMatchObject({ reason: "invalid_grant", role: "member" });
    expect(expired.map((e) => e.reason)).toEqual(["invalid_grant"]);
    expect(grants(world, "anonymous"), "the ended member is not swapped for a visitor").toHaveLength(1);
  });

  it("wrong code verifier: refused with invalid_grant; the visitor session is untouched", async () => {
    const { data, callback } = await hostedLogin();
    const other = await generateOAuthData(REDIRECT_URI);
    const error = await failure(
      world,
      visitor.auth.loginWithCallback(callback, { ...data, codeVerifier: other.codeVerifier }),
    );
    expect(error).toMatchObject({ oauthError: "invalid_grant", sessionIsDead: true });
    expect((error as WixTokenError).description).toMatch(/codeVerifier does not match/);
    expect(await visitor.auth.getSession()).toMatchObject({ role: "visitor" });
  });

  it("wrong redirectUri at exchange: refused with invalid_grant", async () => {
    const { data, callback } = await hostedLogin();
    const error = await failure(
      world,
      visitor.auth.loginWithCallback(callback, { ...data, redirectUri: "http://localhost:4000/callback" }),
    );
    expect(error).toBeInstanceOf(WixTokenError);
    expect((error as WixTokenError).description).toMatch(/redirectUri does not match/);
  });

  it("redirectUri not allowed for the app: the redirect session is refused with the field named", async () => {
    const data = await visitor.auth.generateOAuthData("https://evil.example/callback");
    const error = await failure(world, visitor.auth.getAuthUrl(data));
    expect(error).toBeInstanceOf(WixApiError);
    expect(error).toMatchObject({ status: 400, code: "INVALID_ARGUMENT" });
    expect((error as WixApiError).fieldViolations.map((v) => v.field)).toEqual(["auth.authRequest.redirectUri"]);
  });

  it("redirectUri tampered in a raw authorize URL: an error page, never a redirect to it (runtime cannot send this)", async () => {
    const params = new URLSearchParams({
      clientId: DEFAULT_CLIENT_ID,
      redirectUri: "https://evil.example/callback",
      responseMode: "query",
      state: "s",
      codeChallenge: (await generateOAuthData()).codeChallenge,
      prompt: "none",
    });
    const res = await fetch(`${world.em.url}/_api/oauth2/authorize?${params}`, { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("tampered or missing state: the runtime refuses before any token request; the real callback still works", async () => {
    const { data, callback } = await hostedLogin();
    const forged = new URL(callback);
    forged.searchParams.set("state", `${data.state}x`);
    const tampered = await failure(world, visitor.auth.loginWithCallback(forged.href, data));
    expect(tampered).toBeInstanceOf(WixLoginError);
    expect(tampered).toMatchObject({ reason: "state_mismatch" });
    forged.searchParams.delete("state");
    expect(await failure(world, visitor.auth.loginWithCallback(forged.href, data))).toMatchObject({
      reason: "state_mismatch",
    });
    expect(codeGrants()).toEqual([]);
    await visitor.auth.loginWithCallback(callback, data);
    expect(codeGrants()).toEqual(["authorization_code:200"]);
  });

  it("expired code: refused with invalid_grant", async () => {
    const { data, callback } = await hostedLogin();
    world.clock.advance(61_000);
    const error = await failure(world, visitor.auth.loginWithCallback(callback, data));
    expect(error).toMatchObject({ oauthError: "invalid_grant", status: 400 });
    expect((error as WixTokenError).description).toMatch(/expired/);
  });

  it("an error callback becomes a WixLoginError carrying the OAuth error", async () => {
    const data = await visitor.auth.generateOAuthData(REDIRECT_URI);
    const url = `${REDIRECT_URI}?error=access_denied&error_description=The+member+cancelled&state=${data.state}`;
    const error = await failure(world, visitor.auth.loginWithCallback(url, data));
    expect(error).toMatchObject({ reason: "callback_error", oauthError: "access_denied" });
  });

  it("a malformed verifier is refused by the runtime (WixConfigError) and by the emulator (invalid_request)", async () => {
    const { data, callback } = await hostedLogin();
    const local = await failure(world, visitor.auth.loginWithCallback(callback, { ...data, codeVerifier: "short" }));
    expect(local).toBeInstanceOf(WixConfigError);
    expect(codeGrants()).toEqual([]);
    const code = new URL(callback).searchParams.get("code");
    const res = await fetch(`${world.proxy.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        clientId: DEFAULT_CLIENT_ID,
        grantType: "authorization_code",
        code,
        codeVerifier: "short",
        redirectUri: REDIRECT_URI,
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
  });
});
