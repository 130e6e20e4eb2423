// PKCE login data: serializable verifier/challenge/state (S256 via oauth4webapi) and checks when it comes back.

import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from "oauth4webapi";
import type { OAuthData } from "./callback.js";
import { WixConfigError } from "./core-link.js";

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

function assertUrl(option: string, value: unknown): asserts value is string {
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
