// Wix-shaped tokens: `OauthNG.JWS.` access tokens and `JWS.` refresh tokens, HS256-signed with a per-emulator secret.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const ACCESS_PREFIX = "OauthNG.JWS.";
const REFRESH_PREFIX = "JWS.";
// Distinct key ids: the `OauthNG.JWS.` / `JWS.` prefixes are not signed, so the signed header tells the kinds apart.
const ACCESS_HEADER = base64url(JSON.stringify({ kid: "wixAuthzEmuAT", alg: "HS256" }));
const REFRESH_HEADER = base64url(JSON.stringify({ kid: "wixAuthzEmuRT", alg: "HS256" }));

/** What an access token says about its bearer (the `data.instance` of a Wix token, plus the session behind it). */
export interface AccessClaims {
  readonly kind: "visitor" | "member" | "app";
  readonly clientId: string;
  readonly siteId: string;
  readonly instanceId: string;
  /** Anonymous visitor id (`aid`): the visitor this session started as. Absent for app tokens. */
  readonly visitorId?: string;
  /** Member id (`uid` / `siteMemberId`), for member tokens. */
  readonly memberId?: string;
  /** Server-side session the token was minted from (absent for app tokens). */
  readonly sessionId?: string;
  readonly iat: number;
  readonly exp: number;
}

export interface RefreshClaims {
  readonly sessionId: string;
  readonly iat: number;
  readonly exp: number;
}

export type VerifyFailure = "malformed" | "bad-signature" | "expired";

export type Verified<T> =
  { readonly ok: true; readonly claims: T } | { readonly ok: false; readonly reason: VerifyFailure };

export class TokenIssuer {
  private readonly secret = randomBytes(32);

  constructor(private readonly nowSeconds: () => number) {}

  mintAccess(claims: Omit<AccessClaims, "iat" | "exp">, ttlSeconds: number): { token: string; exp: number } {
    const iat = this.nowSeconds();
    const exp = iat + ttlSeconds;
    const instance: Record<string, unknown> = {
      instanceId: claims.instanceId,
      appDefId: claims.clientId,
      signDate: new Date(iat * 1000).toISOString(),
      permissions: "",
      demoMode: false,
      metaSiteId: claims.siteId,
      expirationDate: new Date(exp * 1000).toISOString(),
    };
    if (claims.visitorId !== undefined) instance["aid"] = claims.visitorId;
    if (claims.memberId !== undefined) {
      Object.assign(instance, { uid: claims.memberId, siteMemberId: claims.memberId, hasUserRole: false, aor: false });
    }
    const data = JSON.stringify({ instance, kind: claims.kind, sessionId: claims.sessionId });
    return { token: ACCESS_PREFIX + this.sign(ACCESS_HEADER, { data, iat, exp }), exp };
  }

  mintRefresh(sessionId: string, ttlSeconds: number): string {
    const iat = this.nowSeconds();
    return REFRESH_PREFIX + this.sign(REFRESH_HEADER, { data: JSON.stringify(sessionId), iat, exp: iat + ttlSeconds });
  }

  verifyAccess(token: string): Verified<AccessClaims> {
    if (!token.startsWith(ACCESS_PREFIX)) return { ok: false, reason: "malformed" };
    const payload = this.verify(ACCESS_HEADER, token.slice(ACCESS_PREFIX.length));
    if (!payload.ok) return payload;
    const { data, iat, exp } = payload.claims;
    const parsed = JSON.parse(data) as {
      instance: Record<string, string>;
      kind: AccessClaims["kind"];
      sessionId?: string;
    };
    const i = parsed.instance;
    const claims: AccessClaims = {
      kind: parsed.kind,
      clientId: String(i["appDefId"]),
      siteId: String(i["metaSiteId"]),
      instanceId: String(i["instanceId"]),
      iat,
      exp,
      ...(i["aid"] !== undefined && { visitorId: i["aid"] }),
      ...(i["uid"] !== undefined && { memberId: i["uid"] }),
      ...(parsed.sessionId !== undefined && { sessionId: parsed.sessionId }),
    };
    return { ok: true, claims };
  }

  verifyRefresh(token: string): Verified<RefreshClaims> {
    if (!token.startsWith(REFRESH_PREFIX)) return { ok: false, reason: "malformed" };
    const payload = this.verify(REFRESH_HEADER, token.slice(REFRESH_PREFIX.length));
    if (!payload.ok) return payload;
    const sessionId: unknown = JSON.parse(payload.claims.data);
    if (typeof sessionId !== "string") return { ok: false, reason: "malformed" };
    return { ok: true, claims: { sessionId, iat: payload.claims.iat, exp: payload.claims.exp } };
  }

  private sign(header: string, payload: { data: string; iat: number; exp: number }): string {
    const body = `${header}.${base64url(JSON.stringify(payload))}`;
    return `${body}.${this.mac(body)}`;
  }

  private verify(expectedHeader: string, jws: string): Verified<{ data: string; iat: number; exp: number }> {
    const parts = jws.split(".");
    if (parts.length !== 3 || parts[0] !== expectedHeader) return { ok: false, reason: "malformed" };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    // Signature first: nothing in an unauthenticated payload is trusted or even parsed.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: "bad-signature" };
    }
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      data: string;
      iat: number;
      exp: number;
    };
    if (claims.exp <= this.nowSeconds()) return { ok: false, reason: "expired" };
    return { ok: true, claims };
  }

  private mac(input: string): string {
    return createHmac("sha256", this.secret).update(input).digest("base64url");
  }
}

export function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
