// Browser persistence for the storefront: the session in localStorage, the login's PKCE data in sessionStorage.

import { parseTokens, serializeTokens, type OAuthData, type TokenStore, type Tokens } from "wix-authz/runtime";

/**
 * Keeps the Wix session (visitor or member tokens) in localStorage, so a reload or a new tab keeps the same visitor
 * and cart. Trade-off: any script running on this origin can read localStorage, so an XSS bug would leak the refresh
 * token. If you have a server, prefer `createCookieTokenStore` (HttpOnly cookie, invisible to page scripts); a purely
 * static site has no such place and this is the usual choice.
 */
export class LocalStorageTokenStore implements TokenStore {
  constructor(private readonly key = "wix-session") {}

  get(): Tokens | null {
    const value = localStorage.getItem(this.key);
    if (value === null) return null;
    try {
      return parseTokens(value);
    } catch {
      // Corrupt or from an older format: start over rather than failing every call.
      localStorage.removeItem(this.key);
      return null;
    }
  }

  set(tokens: Tokens | null): void {
    if (tokens) localStorage.setItem(this.key, serializeTokens(tokens));
    else localStorage.removeItem(this.key);
  }

  toString(): string {
    return `[LocalStorageTokenStore ${this.key}]`;
  }
}

const OAUTH_KEY = "wix-login";

/** sessionStorage: the PKCE verifier and state survive the redirect to Wix and back, in this tab only. */
export function saveOAuthData(data: OAuthData): void {
  sessionStorage.setItem(OAUTH_KEY, JSON.stringify(data));
}

/** Returns the pending login's data and forgets it: a callback can be used once. */
export function takeOAuthData(): OAuthData | undefined {
  const value = sessionStorage.getItem(OAUTH_KEY);
  sessionStorage.removeItem(OAUTH_KEY);
  if (value === null) return undefined;
  try {
    return JSON.parse(value) as OAuthData; // the runtime checks its shape before using it
  } catch {
    return undefined;
  }
}
