// Public entry `@wix-authz/runtime`: what generated visitor/member clients import. Browser-safe (no node:* imports).

import { loadFlows } from "./auth-api.js";
import type { OAuthData } from "./callback.js";

export type {
  Blocked,
  CallOptions,
  Clock,
  FetchLike,
  HttpVerb,
  Identity,
  LazyMethodTable,
  MethodChunk,
  MethodDescriptor,
  MethodTable,
  RetryOptions,
  TransportOptions,
} from "./types.js";
export { systemClock } from "./types.js";
export {
  createMemberRuntime,
  createVisitorRuntime,
  type MemberAuth,
  type MemberOptions,
  type SessionInfo,
  type VisitorAuth,
  type VisitorOptions,
} from "./site-runtime.js";
export type {
  CaptchaToken,
  LoginFailureCode,
  LoginInput,
  LoginResult,
  RegisterInput,
  VerifyInput,
} from "./direct-login.js";
export type { AuthUrlOptions } from "./login.js";
export { parseCallback, type CallbackParams, type OAuthData } from "./callback.js";
export { MemoryTokenStore } from "./memory-store.js";
export type { SessionRole, TokenStore, Tokens } from "./tokens.js";
export type { SessionExpiredEvent, SessionExpiredListener } from "./session.js";
export {
  createBrowserTokenStore,
  type BrowserTokenStore,
  type BrowserTokenStoreOptions,
  type StorageLike,
} from "./browser-store.js";
export {
  createCookieTokenStore,
  parseTokens,
  serializeTokens,
  DEFAULT_COOKIE_NAME,
  type CookieTokenStoreOptions,
} from "./cookies.js";
export {
  createWixSession,
  type CallbackOptions,
  type CookieSource,
  type HeadersLike,
  type LoginOptions,
  type LogoutOptions,
  type RenewedRequest,
  type RequestClients,
  type WixSession,
  type WixSessionOptions,
} from "./ssr.js";
export {
  WixApiError,
  WixAuthzError,
  WixConfigError,
  WixIdentityError,
  WixLoginError,
  WixNetworkError,
  WixResponseError,
  WixSessionExpiredError,
  WixTokenError,
  type ErrorKind,
} from "./errors.js";

/**
 * PKCE verifier/challenge and state for a redirect login (plain JSON). Loads the login flows on first call, as
 * `client.auth` does: a static re-export would put oauth4webapi in the initial chunk of every split browser bundle.
 */
export async function generateOAuthData(redirectUri?: string): Promise<OAuthData> {
  return (await loadFlows()).generateOAuthData(redirectUri);
}
