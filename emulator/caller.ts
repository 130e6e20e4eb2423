// Who is calling: the Authorization header (OAuth token, optional `Bearer`, or API key + site/account header) → Caller.
import type { IncomingHttpHeaders } from "node:http";
import type { Identity } from "../core/model.js";
import { WixApiError } from "./http.js";
import type { ResolvedOptions } from "./options.js";
import type { EmulatorState } from "./state.js";
import type { AccessClaims, TokenIssuer } from "./tokens.js";

export type Caller =
  | { readonly kind: "anonymous" }
  /** A credential was sent but is not usable: 401. `reason` never contains the credential. */
  | { readonly kind: "unauthenticated"; readonly reason: string }
  /** An API key was recognised but its headers are wrong: 403. */
  | { readonly kind: "forbidden"; readonly reason: string }
  | { readonly kind: "visitor" | "member"; readonly claims: AccessClaims }
  | { readonly kind: "admin"; readonly via: "api-key" | "app-token"; readonly claims?: AccessClaims };

export function resolveCaller(
  headers: IncomingHttpHeaders,
  options: ResolvedOptions,
  issuer: TokenIssuer,
  state: EmulatorState,
): Caller {
  const raw = (headers.authorization ?? "").trim();
  if (raw === "") return { kind: "anonymous" };
  const credential = raw.replace(/^bearer\s+/i, "");
  if (credential.startsWith("IST.")) return apiKeyCaller(credential, headers, options);
  const verified = issuer.verifyAccess(credential);
  if (!verified.ok) {
    const reason = {
      malformed: "Authorization header is not a valid access token",
      "bad-signature": "Access token signature is invalid",
      expired: "Access token has expired",
    }[verified.reason];
    return { kind: "unauthenticated", reason };
  }
  const claims = verified.claims;
  if (claims.siteId !== options.siteId) return { kind: "unauthenticated", reason: "Access token is for another site" };
  if (claims.sessionId !== undefined && state.sessions.get(claims.sessionId)?.revoked !== false) {
    return { kind: "unauthenticated", reason: "Access token belongs to a session that has ended" };
  }
  if (claims.kind === "app") return { kind: "admin", via: "app-token", claims };
  return { kind: claims.kind, claims };
}

function apiKeyCaller(key: string, headers: IncomingHttpHeaders, options: ResolvedOptions): Caller {
  const config = options.apiKeys.find((k) => k.key === key);
  if (config === undefined) return { kind: "unauthenticated", reason: "API key is not valid" };
  const siteId = single(headers["wix-site-id"]);
  const accountId = single(headers["wix-account-id"]);
  if ((siteId === undefined) === (accountId === undefined)) {
    return {
      kind: "forbidden",
      reason: "API key calls need exactly one of the wix-site-id and wix-account-id headers",
    };
  }
  if (siteId !== undefined && siteId !== config.siteId) {
    return { kind: "forbidden", reason: `API key has no access to site ${siteId}` };
  }
  if (accountId !== undefined && accountId !== config.accountId) {
    return { kind: "forbidden", reason: `API key has no access to account ${accountId}` };
  }
  return { kind: "admin", via: "api-key" };
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

/** The spec identity of a usable caller, or throws 401 / 403 with the Wix error body. */
export function identityOf(caller: Caller): Identity {
  switch (caller.kind) {
    case "anonymous":
      throw new WixApiError(401, "UNAUTHENTICATED", "Missing Authorization header");
    case "unauthenticated":
      throw new WixApiError(401, "UNAUTHENTICATED", caller.reason);
    case "forbidden":
      throw new WixApiError(403, "PERMISSION_DENIED", caller.reason);
    default:
      return caller.kind;
  }
}

/** For the request log: what identity the request used, without any credential. */
export function describeCaller(caller: Caller): string {
  if (caller.kind === "admin") return `admin (${caller.via})`;
  return caller.kind;
}

export function subjectOf(caller: Caller): string | undefined {
  if (caller.kind === "member") return caller.claims.memberId;
  if (caller.kind === "visitor") return caller.claims.visitorId;
  return undefined;
}
