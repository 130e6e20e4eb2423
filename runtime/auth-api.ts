// The `auth` session API of visitor and member clients: login flows that return member clients, logout, events.

import {
  directStep,
  mapSuccess,
  type LoginInput,
  type LoginResult,
  type RegisterInput,
  type VerifyInput,
} from "./direct-login.js";
import { WixConfigError } from "./errors.js";
import {
  createAuthUrl,
  createLogoutUrl,
  exchangeCallback,
  exchangeSessionToken,
  type AuthUrlOptions,
  type LoginContext,
} from "./login.js";
import { requireString } from "./options.js";
import { generateOAuthData, parseCallback, type CallbackParams, type OAuthData } from "./pkce.js";
import type { SessionExpiredListener, TokenSession } from "./session.js";
import type { SessionRole, Tokens } from "./tokens.js";

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

export function createAuthApi(d: AuthDeps): object {
  const { ctx, session } = d;
  const toMember = async (tokens: Tokens) => {
    await session.replace(tokens);
    return d.spawn("member");
  };
  const uri = (given?: string) => given ?? d.defaultRedirectUri;
  const direct = (step: "login" | "register" | "verifyEmail", body: Record<string, unknown>, given?: string) =>
    mapSuccess(directStep(ctx, step, body, uri(given)), toMember);
  const visitorApi: VisitorAuth<object> = {
    getSession: async () => {
      const t = await session.peek();
      return t ? { role: t.role, expiresAt: t.expiresAt } : null;
    },
    generateOAuthData: (redirectUri) => generateOAuthData(uri(redirectUri)),
    getAuthUrl: async (data, opts) => ({ authUrl: await createAuthUrl(ctx, data, opts) }),
    parseCallback: (url, data) => parseCallback(url, data),
    loginWithCallback: async (url, data) => toMember(await exchangeCallback(ctx, url, data)),
    login: (i) => direct("login", loginBody(i), i.redirectUri),
    register: (i) => direct("register", { ...loginBody(i), profile: i.profile }, i.redirectUri),
    verifyEmail: (i) =>
      direct(
        "verifyEmail",
        { code: requireString("code", i?.code), stateToken: requireString("stateToken", i.stateToken) },
        i.redirectUri,
      ),
    loginWithSessionToken: async (sessionToken, opts) => {
      const redirectUri = uri(opts?.redirectUri);
      if (!redirectUri)
        throw new WixConfigError(
          "loginWithSessionToken({ redirectUri })",
          "an allowed redirect URI of the OAuth app is required.",
        );
      return toMember(await exchangeSessionToken(ctx, requireString("sessionToken", sessionToken), redirectUri));
    },
    onSessionExpired: (listener) => session.onSessionExpired(listener),
  };
  if (d.identity === "visitor") return visitorApi;
  const memberApi: MemberAuth<object, object> = {
    ...visitorApi,
    logout: async (opts) => {
      const logoutUrl = await createLogoutUrl(ctx, opts?.postFlowUrl);
      await session.replace(null);
      return { logoutUrl, visitor: d.spawn("visitor") };
    },
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
