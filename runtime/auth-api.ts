// The `auth` session API of visitor and member clients: login flows that return member clients, logout, events.
// The flows themselves load on first use (auth-flows.ts); what stays here is small and synchronous.

import { parseCallback, type CallbackParams, type OAuthData } from "./callback.js";
import { callMethod } from "./client.js";
import type { LoginInput, LoginResult, RegisterInput, VerifyInput } from "./direct-login.js";
import { WixApiError, WixConfigError, WixLoginError, WixResponseError } from "./errors.js";
import type { AuthUrlOptions, LoginContext } from "./login.js";
import { requireString } from "./options.js";
import type { SessionExpiredListener, TokenSession } from "./session.js";
import type { SessionRole } from "./tokens.js";

/** Session facts without secrets. */
export interface SessionInfo {
  readonly role: SessionRole;
  readonly expiresAt: number;
}

export interface VisitorAuth<M> {
  getSession(): Promise<SessionInfo | null>;
  /** PKCE verifier/challenge and state; plain JSON, keep it (server side) until the callback arrives. */
  generateOAuthData(redirectUri?: string): Promise<OAuthData>;
  getAuthUrl(oauthData: OAuthData, options?: AuthUrlOptions): Promise<{ authUrl: string }>;
  parseCallback(callbackUrl: string | URL, oauthData: OAuthData): CallbackParams;
  /** Checks the callback (state, code, error) and exchanges the code; the member tokens go to this client's store. */
  loginWithCallback(callbackUrl: string | URL, oauthData: OAuthData): Promise<M>;
  login(input: LoginInput): Promise<LoginResult<M>>;
  register(input: RegisterInput): Promise<LoginResult<M>>;
  verifyEmail(input: VerifyInput): Promise<LoginResult<M>>;
  /** A direct login's sessionToken into a member client, without a browser (server side). */
  loginWithSessionToken(sessionToken: string, options?: { redirectUri?: string }): Promise<M>;
  onSessionExpired(listener: SessionExpiredListener): () => void;
}

export interface MemberAuth<M, V> extends VisitorAuth<M> {
  /** Creates the logout redirect session, clears the stored tokens, returns where to send the browser. */
  logout(options?: { postFlowUrl?: string }): Promise<{ logoutUrl: string; visitor: V }>;
}

export interface AuthDeps {
  readonly identity: "visitor" | "member";
  readonly ctx: LoginContext;
  readonly session: TokenSession;
  readonly defaultRedirectUri: string | undefined;
  /** A new client of the given identity on the same store. */
  readonly spawn: (identity: "visitor" | "member") => object;
}

/**
 * What the login flows use from the core, handed to them (`ctx.kit`) instead of imported. If the flows chunk imported
 * these modules, esbuild would move them out of the entry into a second initial chunk: about 0.5 KB more gzip.
 */
export const kit = {
  callMethod,
  parseCallback,
  requireString,
  WixApiError,
  WixConfigError,
  WixLoginError,
  WixResponseError,
};
export type FlowKit = typeof kit;

// A dynamic import: bundlers with code splitting put the flows (and oauth4webapi) in a chunk fetched on first use.
const flows = () => import("./auth-flows.js");

export function createAuthApi(d: AuthDeps): object {
  const { session } = d;
  // Input checks run before the flows load, so a bad input still throws at the call as it always has.
  const direct = (step: "login" | "register" | "verifyEmail", body: Record<string, unknown>, given?: string) =>
    flows().then((f) => f.direct(d, step, body, given));
  const visitorApi: VisitorAuth<object> = {
    getSession: async () => {
      const t = await session.peek();
      return t ? { role: t.role, expiresAt: t.expiresAt } : null;
    },
    generateOAuthData: async (redirectUri) =>
      (await flows()).generateOAuthData(kit, redirectUri ?? d.defaultRedirectUri),
    getAuthUrl: async (data, opts) => (await flows()).getAuthUrl(d, data, opts),
    parseCallback: (url, data) => parseCallback(url, data),
    loginWithCallback: async (url, data) => (await flows()).loginWithCallback(d, url, data),
    login: (i) => direct("login", loginBody(i), i.redirectUri),
    register: (i) => direct("register", { ...loginBody(i), profile: i.profile }, i.redirectUri),
    verifyEmail: (i) =>
      direct(
        "verifyEmail",
        { code: requireString("code", i?.code), stateToken: requireString("stateToken", i.stateToken) },
        i.redirectUri,
      ),
    loginWithSessionToken: async (sessionToken, opts) => (await flows()).loginWithSessionToken(d, sessionToken, opts),
    onSessionExpired: (listener) => session.onSessionExpired(listener),
  };
  if (d.identity === "visitor") return visitorApi;
  const memberApi: MemberAuth<object, object> = {
    ...visitorApi,
    logout: async (opts) => (await flows()).logout(d, opts),
  };
  return memberApi;
}

function loginBody(i: LoginInput): Record<string, unknown> {
  return {
    loginId: { email: requireString("email", i?.email) },
    password: requireString("password", i.password),
    captchaTokens: i.captchaTokens,
  };
}
