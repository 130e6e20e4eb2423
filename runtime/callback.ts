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
 * `state` against the login's, error callbacks included (RFC 6749 §4.1.2.1 sends state with errors too). Throws
 * WixLoginError for a state mismatch, an error callback or a missing code.
 */
export function parseCallback(url: string | URL, oauthData: OAuthData): CallbackParams {
  const parsed = typeof url === "string" ? (URL.canParse(url) ? new URL(url) : null) : url;
  if (!parsed) throw new WixConfigError("callbackUrl", "expected the absolute URL the browser was sent back to.");
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ""));
  const params = ["code", "error", "state"].some((k) => fragment.has(k)) ? fragment : parsed.searchParams;
  // State first, for error callbacks too: anyone can send a browser to the callback URL with `error=` in it.
  const state = params.get("state");
  if (state !== oauthData.state) {
    throw new WixLoginError(
      "state_mismatch",
      state
        ? "The callback's state does not match this login's state (a stale or forged callback)."
        : "The callback has no state parameter.",
    );
  }
  const error = params.get("error");
  if (error) {
    // The fields keep the server's text (bounded); the message shows it only as plain, short text.
    const description = params.get("error_description")?.slice(0, 1000) || undefined;
    throw new WixLoginError(
      "callback_error",
      `The login callback reported ${plain(error, 64)}${description ? `: ${plain(description, 200)}` : ""}.`,
      { error: error.slice(0, 1000), description },
    );
  }
  const code = params.get("code");
  if (!code) throw new WixLoginError("missing_code", "The callback has no authorization code.");
  return { code, state };
}

/** Callback text as message text: no markup or control characters, and bounded (it comes from the URL). */
const plain = (text: string, max: number): string => {
  const clean = text.replace(/[\p{Cc}<>"'`&]/gu, " ");
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
};
