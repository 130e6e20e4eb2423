// Visitor and member clients: a token session, the method table turned into a client, and the auth API.

import { buildClient, type ClientCore } from "./client.js";
import { directStep, mapSuccess, type LoginInput, type LoginResult, type RegisterInput, type VerifyInput } from "./direct-login.js";
import { WixConfigError } from "./errors.js";
import { createAuthUrl, createLogoutUrl, exchangeCallback, exchangeSessionToken, type AuthUrlOptions, type LoginContext } from "./login.js";
import { OAuthClient } from "./oauth.js";
import { checkMargin, checkTransportOptions, requireString } from "./options.js";
import { generateOAuthData, parseCallback, type CallbackParams, type OAuthData } from "./pkce.js";
import { SecretSet } from "./redact.js";
import { TokenSession, type SessionExpiredListener } from "./session.js";
import { MemoryTokenStore, tokensProblem, type SessionRole, type TokenStore, type Tokens } from "./tokens.js";
import { Transport } from "./transport.js";
import type { MethodTable, TransportOptions } from "./types.js";

interface SessionOptions extends TransportOptions {
  /** The Headless OAuth app's client id. */
  clientId: string;
  /** Default redirect URI for login flows (must be on the OAuth app's allow list). */
  redirectUri?: string;
  /** Renew access tokens this long before they expire (default 60 000 ms). */
  renewMarginMs?: number;
  /** Called when a session ends without the app asking (e.g. the refresh token was revoked). */
  onSessionExpired?: SessionExpiredListener;
  /** Sends calls the spec says this identity may not make, to observe the server's answer (demos, tests). */
  dangerouslySkipIdentityGuard?: boolean;
}

export interface VisitorOptions extends SessionOptions {
  /** Where tokens live (default: in memory). On servers, one store per request. */
  store?: TokenStore;
  /** Starting tokens for the default in-memory store. */
  tokens?: Tokens;
}

export type MemberOptions = SessionOptions & ({ tokens: Tokens; store?: undefined } | { store: TokenStore; tokens?: undefined });

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

export function createVisitorRuntime<V>(options: VisitorOptions, table: MethodTable): V {
  return createSiteRuntime("visitor", options, table, new SecretSet()) as V;
}

export function createMemberRuntime<M>(options: MemberOptions, table: MethodTable): M {
  if (options?.tokens === undefined && options?.store === undefined) {
    throw new WixConfigError("tokens | store", "a member client needs the member's tokens or a store that holds them.");
  }
  if (options.tokens && options.tokens.role !== "member") {
    throw new WixConfigError("tokens.role", `a member client needs member tokens, got a ${options.tokens.role} session.`);
  }
  return createSiteRuntime("member", options, table, new SecretSet()) as M;
}

function createSiteRuntime(identity: "visitor" | "member", options: VisitorOptions, table: MethodTable, secrets: SecretSet): object {
  if (typeof options !== "object" || options === null) throw new WixConfigError("options", "expected an options object with clientId.");
  const clientId = requireString("clientId", options.clientId);
  checkTransportOptions(options);
  if (options.tokens !== undefined && options.store !== undefined) throw new WixConfigError("tokens", "pass either tokens or store, not both.");
  const problem = options.tokens === undefined ? undefined : tokensProblem(options.tokens);
  if (problem) throw new WixConfigError("tokens", problem);
  if (options.redirectUri !== undefined) requireString("redirectUri", options.redirectUri);
  const store = options.store ?? new MemoryTokenStore(options.tokens);
  const transport = new Transport(options);
  const oauth = new OAuthClient(transport, clientId, secrets);
  const session = new TokenSession({
    store,
    oauth,
    clock: transport.clock,
    secrets,
    renewMarginMs: checkMargin(options.renewMarginMs),
    mayStartAnonymous: identity === "visitor",
    requireMember: identity === "member",
  });
  if (options.onSessionExpired) session.onSessionExpired(options.onSessionExpired);
  const core: ClientCore = {
    identity,
    transport,
    secrets,
    credentials: { session },
    dangerouslySkipIdentityGuard: options.dangerouslySkipIdentityGuard === true,
    label: `[Wix ${identity} client ${clientId}]`,
  };
  const ctx: LoginContext = { core, oauth, clientId };
  // Logins and logouts hand the same store to the next client: the browser has one session, whoever holds it.
  const next = { ...options, tokens: undefined, store };
  const toMember = async (tokens: Tokens) => {
    await session.replace(tokens);
    return createSiteRuntime("member", next, table, secrets);
  };
  const redirectUri = (given?: string) => given ?? options.redirectUri;
  const auth = {
    getSession: async () => {
      const t = await session.peek();
      return t ? { role: t.role, expiresAt: t.expiresAt } : null;
    },
    generateOAuthData: (uri?: string) => generateOAuthData(redirectUri(uri)),
    getAuthUrl: async (data: OAuthData, opts?: AuthUrlOptions) => ({ authUrl: await createAuthUrl(ctx, data, opts) }),
    parseCallback: (url: string | URL, data: OAuthData) => parseCallback(url, data),
    loginWithCallback: async (url: string | URL, data: OAuthData) => toMember(await exchangeCallback(ctx, url, data)),
    login: (i: LoginInput) => mapSuccess(directStep(ctx, "login", loginBody(i), redirectUri(i.redirectUri)), toMember),
    register: (i: RegisterInput) => mapSuccess(directStep(ctx, "register", { ...loginBody(i), profile: i.profile }, redirectUri(i.redirectUri)), toMember),
    verifyEmail: (i: VerifyInput) => mapSuccess(directStep(ctx, "verifyEmail", { code: i.code, stateToken: i.stateToken }, redirectUri(i.redirectUri)), toMember),
    loginWithSessionToken: async (sessionToken: string, opts?: { redirectUri?: string }) => {
      const uri = redirectUri(opts?.redirectUri);
      if (!uri) throw new WixConfigError("loginWithSessionToken({ redirectUri })", "an allowed redirect URI of the OAuth app is required.");
      return toMember(await exchangeSessionToken(ctx, requireString("sessionToken", sessionToken), uri));
    },
    onSessionExpired: (listener: SessionExpiredListener) => session.onSessionExpired(listener),
    ...(identity === "member"
      ? {
          logout: async (opts?: { postFlowUrl?: string }) => {
            const logoutUrl = await createLogoutUrl(ctx, opts?.postFlowUrl);
            await session.replace(null);
            return { logoutUrl, visitor: createSiteRuntime("visitor", next, table, secrets) };
          },
        }
      : {}),
  };
  return buildClient(core, table, auth);
}

function loginBody(i: LoginInput): Record<string, unknown> {
  return { loginId: { email: requireString("email", i?.email) }, password: requireString("password", i.password), captchaTokens: i.captchaTokens };
}
