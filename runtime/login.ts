// Member login flows over the wire: redirect sessions, code exchange, direct login state machine, logout.

import type { OAuthData } from "./callback.js";
import type { ClientCore } from "./client.js";
import { callMethod, parseCallback, WixLoginError, WixResponseError } from "./core-link.js";
import type { OAuthClient } from "./oauth.js";
import { checkOAuthData, generateOAuthData } from "./pkce.js";
import type { Tokens } from "./tokens.js";
import type { MethodDescriptor } from "./types.js";

export interface LoginContext {
  readonly core: ClientCore;
  readonly oauth: OAuthClient;
  readonly clientId: string;
}

const siteCall = (path: string, permissions: string[] = []): MethodDescriptor => ({
  method: "POST",
  path,
  pathParams: [],
  identities: ["visitor", "member"],
  permissions,
});
const REDIRECT_SESSION = siteCall("/_api/redirects-api/v1/redirect-session", ["WIX_HEADLESS.WIX_URL_CREATE"]);
export const LOGIN = siteCall("/_api/iam/authentication/v2/login");
export const REGISTER = siteCall("/_api/iam/authentication/v2/register");
export const VERIFY = siteCall("/_api/iam/verification/v1/auth/verify");

export interface AuthUrlOptions {
  /** `login` (default) shows Wix's login page; `none` is silent (with a sessionToken or an existing Wix session). */
  prompt?: "login" | "none";
  /** Where the callback carries code/state: `fragment` (default, browser) or `query` (server route handlers). */
  responseMode?: "fragment" | "query";
  /** An IdP connection id for social/SSO login. */
  idp?: string;
  /** From a direct login: turns the redirect into a silent one for that member. */
  sessionToken?: string;
}

/** Creates the redirect session for a PKCE login and returns the URL to send the browser to. */
export async function createAuthUrl(
  ctx: LoginContext,
  oauthData: OAuthData,
  options: AuthUrlOptions = {},
): Promise<string> {
  const data = checkOAuthData(oauthData);
  ctx.core.secrets.add(data.codeVerifier);
  ctx.core.secrets.add(options.sessionToken);
  const authRequest = {
    redirectUri: data.redirectUri,
    clientId: ctx.clientId,
    codeChallenge: data.codeChallenge,
    codeChallengeMethod: "S256",
    responseMode: options.responseMode ?? "fragment",
    responseType: "code",
    scope: "offline_access",
    state: data.state,
    sessionToken: options.sessionToken,
    idp: options.idp,
  };
  const body = { auth: { authRequest, prompt: options.prompt ?? "login" } };
  return redirectUrl(ctx, "auth.getAuthUrl", body);
}

async function redirectUrl(ctx: LoginContext, operation: string, body: unknown): Promise<string> {
  const res = (await callMethod(ctx.core, operation, REDIRECT_SESSION, body)) as {
    redirectSession?: { fullUrl?: unknown };
  };
  const url = res.redirectSession?.fullUrl;
  if (typeof url !== "string" || !URL.canParse(url)) {
    throw new WixResponseError({
      operation,
      status: 200,
      problem: "redirectSession.fullUrl is missing or not a URL",
    });
  }
  return url;
}

/** Finishes a redirect login: checks the callback against the stored OAuth data and exchanges the code. */
export async function exchangeCallback(
  ctx: LoginContext,
  callbackUrl: string | URL,
  oauthData: OAuthData,
): Promise<Tokens> {
  const data = checkOAuthData(oauthData);
  const { code } = parseCallback(callbackUrl, data);
  ctx.core.secrets.add(code);
  ctx.core.secrets.add(data.codeVerifier);
  return ctx.oauth.token({
    grantType: "authorization_code",
    code,
    codeVerifier: data.codeVerifier,
    redirectUri: data.redirectUri,
  });
}

/**
 * A direct login's sessionToken into member tokens without a browser: a silent (`prompt: "none"`) redirect session,
 * its authorize URL fetched with `redirect: "manual"`, the Location's code checked and exchanged.
 */
export async function exchangeSessionToken(
  ctx: LoginContext,
  sessionToken: string,
  redirectUri: string,
): Promise<Tokens> {
  const oauthData = await generateOAuthData(redirectUri);
  const authUrl = await createAuthUrl(ctx, oauthData, { prompt: "none", responseMode: "query", sessionToken });
  const res = await ctx.core.transport.send({
    operation: "auth.authorize",
    method: "GET",
    url: authUrl,
    idempotent: true,
    redirect: "manual",
    expectJson: false,
  });
  if (res.status === 0) {
    throw ctx.core.secrets.scrub(
      new WixLoginError(
        "browser_redirect",
        'This environment hides redirect responses (a browser). In a browser, send the user to getAuthUrl(oauthData, { prompt: "none", sessionToken }) instead.',
      ),
    );
  }
  const location = res.headers.get("location");
  if (res.status < 300 || res.status >= 400 || !location) {
    throw ctx.core.secrets.scrub(
      new WixLoginError(
        "no_redirect",
        `The authorize URL answered HTTP ${res.status} without a redirect; check that ${redirectUri} is an allowed redirect URI of the OAuth app.`,
      ),
    );
  }
  return exchangeCallback(ctx, new URL(location, authUrl), oauthData);
}

/** The logout redirect session; the caller clears local tokens. */
export function createLogoutUrl(ctx: LoginContext, postFlowUrl: string | undefined): Promise<string> {
  const body = { logout: { clientId: ctx.clientId }, ...(postFlowUrl ? { callbacks: { postFlowUrl } } : {}) };
  return redirectUrl(ctx, "auth.logout", body);
}
