// The OAuth token endpoint (POST /oauth2/token): anonymous, refresh and authorization-code grants.

import type { WixTokenError as TokenError } from "./errors.js";
import type { SecretSet } from "./secrets.js";
import type { SessionRole, Tokens } from "./tokens.js";
import type { Transport } from "./transport.js";
import { WixResponseError, WixTokenError } from "./wire-link.js";

export type Grant =
  | { grantType: "anonymous" }
  | { grantType: "refresh_token"; refreshToken: string; role: SessionRole }
  | { grantType: "authorization_code"; code: string; codeVerifier: string; redirectUri?: string | undefined };

/**
 * Wix issues 4 h access tokens. A longer promise is cut to a day: a huge `expires_in` (≥ ~1.8e305 overflows to an
 * Infinity expiry) must not make a token look valid for ever, which no refresh would then repair.
 */
const MAX_LIFETIME_S = 24 * 3600;

export class OAuthClient {
  constructor(
    private readonly transport: Transport,
    private readonly clientId: string,
    private readonly secrets: SecretSet,
  ) {}

  /** Runs one grant and returns the resulting session. Token requests retry network errors, 429 and 5xx. */
  async token(grant: Grant, signal?: AbortSignal): Promise<Tokens> {
    const operation = `oauth2.token(${grant.grantType})`;
    const res = await this.transport
      .send({
        operation,
        method: "POST",
        url: "/oauth2/token",
        body: { clientId: this.clientId, ...grant, role: undefined },
        idempotent: false,
        tokenRequest: true,
        signal,
      })
      .catch((error: unknown) => {
        // A fetch failure may quote the body: the grant's code, verifier or refresh token.
        throw this.secrets.scrub(error);
      });
    if (res.status !== 200) throw this.secrets.scrub(tokenError(grant.grantType, res.status, res.json, res.requestId));
    const body = (res.json ?? {}) as Record<string, unknown>;
    const expiresIn = typeof body.expires_in === "string" ? Number(body.expires_in) : body.expires_in;
    const refresh =
      typeof body.refresh_token === "string" && body.refresh_token !== "" ? body.refresh_token : undefined;
    const problem =
      typeof body.access_token !== "string" || body.access_token === ""
        ? "access_token is missing"
        : typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn <= 0
          ? "expires_in is not a positive number"
          : refresh === undefined && grant.grantType !== "refresh_token"
            ? "refresh_token is missing"
            : undefined;
    if (problem)
      throw this.secrets.scrub(
        new WixResponseError({ operation, status: res.status, problem, requestId: res.requestId }),
      );
    const tokens: Tokens = {
      accessToken: body.access_token as string,
      expiresAt: this.transport.clock.now() + Math.min(expiresIn as number, MAX_LIFETIME_S) * 1000,
      // Keep a rotated refresh token when the server sends one (the official SDK drops it).
      refreshToken: refresh ?? (grant.grantType === "refresh_token" ? grant.refreshToken : ""),
      role: grant.grantType === "anonymous" ? "visitor" : grant.grantType === "refresh_token" ? grant.role : "member",
    };
    this.secrets.add(tokens.accessToken);
    this.secrets.add(tokens.refreshToken);
    return tokens;
  }
}

/** RFC 6749 `{error, error_description}` or the Wix `{message, details}` envelope, into a typed error. */
function tokenError(grantType: string, status: number, json: unknown, requestId: string | undefined): TokenError {
  const body = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  const details = (body.details ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const app = details.applicationError ?? {};
  const oauthError = typeof body.error === "string" ? body.error : undefined;
  const description =
    typeof body.error_description === "string"
      ? body.error_description
      : typeof app.description === "string" && app.description !== ""
        ? app.description
        : typeof body.message === "string"
          ? body.message
          : undefined;
  return new WixTokenError({ grantType, status, oauthError, description, requestId });
}
