// PKCE and OAuth callback handling: serializable login data, S256 challenges, callback parsing with state checks.

import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from "oauth4webapi";
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

/** Verifier: 43 chars of base64url (RFC 7636's unreserved alphabet); challenge: base64url(SHA-256(verifier)). */
export async function generateOAuthData(redirectUri?: string): Promise<OAuthData> {
  if (redirectUri !== undefined) assertUrl("redirectUri", redirectUri);
  const codeVerifier = generateRandomCodeVerifier();
  const codeChallenge = await calculatePKCECodeChallenge(codeVerifier);
  return {
    codeVerifier,
    codeChallenge,
    state: generateRandomState(),
    ...(redirectUri === undefined ? {} : { redirectUri }),
  };
}

export function assertUrl(option: string, value: unknown): asserts value is string {
  if (typeof value !== "string" || !URL.canParse(value)) {
    throw new WixConfigError(
      option,
      `expected an absolute URL, got ${typeof value === "string" ? JSON.stringify(value) : typeof value}.`,
    );
  }
}

/** Validates OAuth data that came back from storage (a cookie, a session) before trusting it. */
export function checkOAuthData(value: unknown): OAuthData {
  const d = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  for (const key of ["codeVerifier", "codeChallenge", "state"] as const) {
    if (typeof d[key] !== "string" || d[key] === "")
      throw new WixConfigError(`oauthData.${key}`, "missing; pass the object generateOAuthData() returned.");
  }
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(d.codeVerifier as string)) {
    throw new WixConfigError(
      "oauthData.codeVerifier",
      "must be 43–128 characters from A–Z a–z 0–9 - . _ ~ (RFC 7636).",
    );
  }
  if (d.redirectUri !== undefined) assertUrl("oauthData.redirectUri", d.redirectUri);
  return d as unknown as OAuthData;
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
