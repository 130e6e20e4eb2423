// The `auth` session API of visitor and member clients: login flows that return member clients, logout, events.
// The flows themselves load on first use (auth-flows.ts), with the wire; what stays here is small and synchronous.

import { parseCallback, type CallbackParams, type OAuthData } from "./callback.js";
import type { LoginInput, LoginResult, RegisterInput, VerifyInput } from "./direct-login.js";
import type { AuthUrlOptions } from "./login.js";
import { loadWire } from "#load-wire";
import { VALUES } from "./wire-values.js";
import type { SecretSet } from "./secrets.js";
import type { SessionExpiredListener, SessionInfo } from "./session.js";
import type * as Flows from "./auth-flows.js";
import type { AuthDeps } from "./auth-flows.js";

export type { SessionInfo };

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

export type { AuthDeps };

/**
 * The flows chunk, linked to the core (the values the wire gets too) and the wire. A dynamic import: bundlers with
 * code splitting put the flows (and oauth4webapi) in a chunk fetched on first use.
 */
export const loadFlows = (): Promise<typeof Flows> =>
  Promise.all([import("./auth-flows.js"), loadWire()]).then(
    ([flows, wire]) => (flows.link({ ...VALUES, callMethod: wire.callMethod }), flows),
  );

/** What a visitor or member client gives createAuthApi: the flows' deps come once the wire is there. */
export interface SiteAuth {
  readonly identity: "visitor" | "member";
  /** The client's secrets, once its wire is built (nothing is learnt before). */
  readonly secrets: () => SecretSet | undefined;
  readonly defaultRedirectUri: string | undefined;
  /** The client's session-end listeners, handed to its token session when the wire builds it. */
  readonly listeners: Set<SessionExpiredListener>;
  /** The client's wired parts (loads the wire on first use). */
  readonly deps: () => Promise<AuthDeps>;
}

type Api = MemberAuth<object, object>;
/** The `auth` methods that load the flows; each flow takes the deps, then the caller's arguments. */
const LAZY = [
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

export function createAuthApi(s: SiteAuth): object {
  const api: Record<string, unknown> = {
    getSession: async () => (await s.deps()).session.info(),
    generateOAuthData: async (redirectUri?: string) =>
      (await loadFlows()).generateOAuthData(redirectUri ?? s.defaultRedirectUri),
    parseCallback,
    onSessionExpired: (listener: SessionExpiredListener) => {
      s.listeners.add(listener);
      return () => s.listeners.delete(listener);
    },
  };
  for (const name of LAZY) {
    // Only a member can log out.
    if (name !== "logout" || s.identity === "member")
      api[name] = async (...args: unknown[]) => {
        try {
          const [flows, d] = await Promise.all([loadFlows(), s.deps()]);
          return await (flows[name] as (...a: unknown[]) => unknown)(d, ...args);
        } catch (error) {
          // One exit for every flow error: codes, verifiers and session tokens are registered secrets by now.
          const secrets = s.secrets();
          throw secrets ? secrets.scrub(error) : error;
        }
      };
  }
  return api;
}
