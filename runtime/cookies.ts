// Token (de)serialization for cookies and app session stores, and a per-request cookie-backed TokenStore.

import { parseCookie, stringifySetCookie, type SerializeOptions } from "cookie";
import { WixConfigError } from "./errors.js";
import { tokensProblem, type TokenStore, type Tokens } from "./tokens.js";

export const DEFAULT_COOKIE_NAME = "wix_session";
const VERSION = 1;

/** Tokens as a compact string for a cookie or a session field (the cookie codec URL-encodes it). Server side only. */
export function serializeTokens(tokens: Tokens): string {
  const problem = tokensProblem(tokens);
  if (problem) throw new WixConfigError("serializeTokens(tokens)", problem);
  return JSON.stringify({
    v: VERSION,
    a: tokens.accessToken,
    e: tokens.expiresAt,
    r: tokens.refreshToken,
    m: tokens.role,
  });
}

/** The inverse of serializeTokens. Throws WixConfigError for anything else (it never echoes the value). */
export function parseTokens(value: string): Tokens {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new WixConfigError("parseTokens(value)", "not a serialized session (not JSON).");
  }
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  if (r.v !== VERSION)
    throw new WixConfigError("parseTokens(value)", `not a serialized session (expected format version ${VERSION}).`);
  const tokens = { accessToken: r.a, expiresAt: r.e, refreshToken: r.r, role: r.m };
  const problem = tokensProblem(tokens);
  if (problem) throw new WixConfigError("parseTokens(value)", problem);
  return tokens as Tokens;
}

export interface CookieTokenStoreOptions {
  /** The incoming request's `Cookie` header. */
  cookieHeader: string | null | undefined;
  /** Receives each `Set-Cookie` header value to add to the response. */
  setCookie: (header: string) => void;
  name?: string;
  /**
   * Names the cookie `__Host-<name>`: browsers then accept it only from this exact host, Secure, with Path=/ and no
   * Domain, so a sibling subdomain cannot plant a session cookie (session fixation). Recommended when the app has
   * no subdomains that must share the session.
   */
  hostPrefix?: boolean;
  /** Overrides the defaults: HttpOnly, Secure, SameSite=Lax, Path=/, Max-Age one year (the refresh token's life). */
  cookie?: SerializeOptions;
}

const HOST_PREFIX = "__Host-";

/**
 * Refreshes shared by every cookie store in this process, by refresh token: while one is in flight and for 5 s
 * after it started. Requests the browser sent together with the same expired cookie then make one token request and
 * all write the same new cookie. Against a server that rotates refresh tokens the later ones would otherwise be
 * refused ("refresh token already used"), clear the cookie, and log the member out if their Set-Cookie came last.
 * This is the client half of an OAuth server's rotation grace period; across processes only the server's helps.
 * Kept short, and dropped when a store holding that session is cleared (logout): a request that still carries the old
 * cookie after a logout must ask the server, never be handed the logged-out session from this cache.
 */
const SHARE_MS = 5_000;
const MAX_SHARED = 1000;
const refreshes = new Map<string, { promise: Promise<Tokens>; at: number }>();

function shareRefresh(refreshToken: string, refresh: () => Promise<Tokens>, now: number): Promise<Tokens> {
  const recent = refreshes.get(refreshToken);
  if (recent && now >= recent.at && now - recent.at < SHARE_MS) return recent.promise;
  for (const [key, entry] of refreshes)
    if (refreshes.size >= MAX_SHARED || !(now >= entry.at && now - entry.at < SHARE_MS)) refreshes.delete(key);
  const promise = refresh();
  const entry = { promise, at: now };
  refreshes.set(refreshToken, entry);
  // A failure is not kept: the next request asks the server again.
  promise.catch(() => refreshes.get(refreshToken) === entry && refreshes.delete(refreshToken));
  return promise;
}

/**
 * A store for one request: reads the session cookie, writes changes as Set-Cookie. HttpOnly by default, so page
 * scripts never see the refresh token. An unreadable cookie counts as no session (the next write replaces it).
 */
export function createCookieTokenStore(options: CookieTokenStoreOptions): TokenStore {
  const base = options.name ?? DEFAULT_COOKIE_NAME;
  const name = options.hostPrefix && !base.startsWith(HOST_PREFIX) ? HOST_PREFIX + base : base;
  const attributes: SerializeOptions = {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 3600,
    ...options.cookie,
  };
  // Browsers silently drop a __Host- cookie without these: fail here instead of logging everyone out.
  if (name.startsWith(HOST_PREFIX) && (attributes.secure !== true || attributes.path !== "/" || attributes.domain)) {
    throw new WixConfigError("cookie", `a ${HOST_PREFIX} cookie needs secure: true, path "/" and no domain.`);
  }
  let current: Tokens | null = null;
  const value = options.cookieHeader ? parseCookie(options.cookieHeader)[name] : undefined;
  if (value) {
    try {
      current = parseTokens(value);
    } catch {
      current = null; // attacker-controlled input: treat as logged out rather than failing the request
    }
  }
  // The refresh tokens this store's session was renewed from: a logout here ends their sharing too.
  const renewedFrom = new Set<string>();
  return {
    shareRefresh: (refreshToken, refresh, now) => {
      renewedFrom.add(refreshToken);
      return shareRefresh(refreshToken, refresh, now);
    },
    get: () => current,
    set: (tokens) => {
      if (tokens === null) {
        for (const token of [...renewedFrom, ...(current ? [current.refreshToken] : [])]) refreshes.delete(token);
        renewedFrom.clear();
      }
      current = tokens;
      options.setCookie(
        tokens
          ? stringifySetCookie(name, serializeTokens(tokens), attributes)
          : stringifySetCookie(name, "", { ...attributes, maxAge: 0, expires: new Date(0) }),
      );
    },
  };
}
