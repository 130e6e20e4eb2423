// OAuth callback parsing: code/state out of a callback URL, checked against the login's data. No crypto imports,
// so the synchronous `auth.parseCallback` stays in the initial bundle while the login flows load on demand.

import { WixConfigError, WixLoginError } from "./errors.js";

/** What a redirect login must remember between starting and finishing. Plain JSON: store it in a cookie or session. */
export interface OAuthData {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly state: string;
  readonly redirectUri?: string;
}

export interface CallbackParams {
  readonly code: string;
  readonly state: string;
}

/**
 * Reads `code`/`state` (or `error`/`error_description`) from a callback URL's fragment or query, and checks
 * `state` against the login's. Throws WixLoginError for an error callback, a state mismatch or a missing code.
 */
export function parseCallback(url: string | URL, oauthData: OAuthData): CallbackParams {
  const parsed = typeof url === "string" ? (URL.canParse(url) ? new URL(url) : null) : url;
  if (!parsed) throw new WixConfigError("callbackUrl", "expected the absolute URL the browser was sent back to.");
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ""));
  const params = ["code", "error", "state"].some((k) => fragment.has(k)) ? fragment : parsed.searchParams;
  const error = params.get("error");
  if (error) {
    const description = params.get("error_description") ?? undefined;
    throw new WixLoginError(
      "callback_error",
      `The login callback reported ${error}${description ? `: ${description}` : ""}.`,
      { error, description },
    );
  }
  const state = params.get("state");
  if (state !== oauthData.state) {
    throw new WixLoginError(
      "state_mismatch",
      state
        ? "The callback's state does not match this login's state (a stale or forged callback)."
        : "The callback has no state parameter.",
    );
  }
  const code = params.get("code");
  if (!code) throw new WixLoginError("missing_code", "The callback has no authorization code.");
  return { code, state };
}
