// The login's PKCE data in sessionStorage (the session itself: the runtime's createBrowserTokenStore, in main.ts).

import type { OAuthData } from "@wix-authz/runtime";

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
