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
import type * as Flows from "./auth-flows.js";

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

type Api = MemberAuth<object, object>;
/** The `auth` methods that load the flows; each flow takes the deps, then the caller's arguments. */
const LAZY = [
  "generateOAuthData",
  "getAuthUrl",
  "loginWithCallback",
  "login",
  "register",
  "verifyEmail",
  "loginWithSessionToken",
  "logout",
] as const;
type Lazy = (typeof LAZY)[number];
type FlowsFit<F extends { [K in Lazy]: (d: AuthDeps, ...args: Parameters<Api[K]>) => ReturnType<Api[K]> }> = F;
// A compile-time check that auth-flows.ts has a function of the right shape for every lazy method.
export type CheckedFlows = FlowsFit<typeof Flows>;

export function createAuthApi(d: AuthDeps): object {
  const api: Record<string, unknown> = {
    getSession: async () => {
      const t = await d.session.peek();
      return t ? { role: t.role, expiresAt: t.expiresAt } : null;
    },
    parseCallback,
    onSessionExpired: (listener: SessionExpiredListener) => d.session.onSessionExpired(listener),
  };
  for (const name of LAZY) {
    // Only a member can log out.
    if (name !== "logout" || d.identity === "member")
      api[name] = async (...args: unknown[]) => ((await flows())[name] as (...a: unknown[]) => unknown)(d, ...args);
  }
  return api;
}
