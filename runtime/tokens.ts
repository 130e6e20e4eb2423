// Session tokens and where they live: the Tokens shape, the TokenStore interface and the tokens' shape check (the
// in-memory store is memory-store.ts).

/** Which kind of session the refresh token belongs to; set by the grant that created it. */
export type SessionRole = "visitor" | "member";

/** One Wix OAuth session. Plain data: safe to serialize into a cookie or a session store (server side only). */
export interface Tokens {
  readonly accessToken: string;
  /** Epoch milliseconds, computed from the local clock when the token arrived. */
  readonly expiresAt: number;
  readonly refreshToken: string;
  readonly role: SessionRole;
}

/**
 * Where a client keeps its session. Sync or async. `set(null)` ends the session.
 * On a server, create one store (and one client) per request; never share a module-level client between users.
 */
export interface TokenStore {
  get(): Tokens | null | undefined | Promise<Tokens | null | undefined>;
  set(tokens: Tokens | null): void | Promise<void>;
  /**
   * Optional, for a store that is one request's view of a session other requests see too (a cookie, a session row):
   * runs `refresh` of `refreshToken` so that concurrent views share one token request and its result. Without it,
   * two requests with the same expired session refresh twice, and a server that rotates refresh tokens refuses the
   * second. createCookieTokenStore shares within the process; a store backed by a shared database can lock there.
   */
  shareRefresh?(refreshToken: string, refresh: () => Promise<Tokens>, now: number): Promise<Tokens>;
}

/** Shape check for tokens coming from outside (options, cookies, stores). Returns a reason, or undefined if valid. */
export function tokensProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null)
    return "expected an object with accessToken, expiresAt, refreshToken and role";
  const t = value as Record<string, unknown>;
  if (typeof t.accessToken !== "string" || t.accessToken === "") return "accessToken must be a non-empty string";
  if (typeof t.expiresAt !== "number" || !Number.isFinite(t.expiresAt))
    return "expiresAt must be epoch milliseconds (a finite number)";
  if (typeof t.refreshToken !== "string" || t.refreshToken === "") return "refreshToken must be a non-empty string";
  if (t.role !== "visitor" && t.role !== "member") return 'role must be "visitor" or "member"';
  return undefined;
}
