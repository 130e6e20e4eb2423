// POST /oauth2/token (anonymous, refresh_token, authorization_code + PKCE, client_credentials) and /oauth2/token-info.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { OAuthError, field, sendJson } from "./http.js";
import type { ClientConfig } from "./options.js";
import type { AppContext, RequestContext, Router } from "./router.js";
import type { OAuthSession } from "./state.js";

export function addOAuthRoutes(router: Router): void {
  router.add("POST", "/oauth2/token", tokenEndpoint);
}

async function tokenEndpoint(rc: RequestContext): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = await rc.body();
  } catch {
    throw new OAuthError("invalid_request", "The request body is not valid JSON or form-urlencoded data");
  }
  const grantType = field(body, "grantType");
  if (grantType !== undefined) rc.log.grantType = grantType;
  if (rc.log.fault === "malformed-token") {
    // Robustness fault: a 200 whose JSON is cut short, as a broken proxy might deliver.
    rc.res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    rc.res.end('{"access_token":"OauthNG.JWS.');
    return;
  }
  if (grantType === undefined) throw new OAuthError("invalid_request", "Missing grantType (grant_type)");
  const app = rc.app;
  switch (grantType) {
    case "anonymous": {
      const client = knownClient(app, field(body, "clientId"));
      return sendTokens(rc, app.state.createSession(client.clientId, randomUUID()), true);
    }
    case "refresh_token":
      return sendTokens(rc, refreshSession(app, body), true);
    case "authorization_code":
      return sendTokens(rc, redeemCode(app, body), true);
    case "client_credentials":
      return sendAppToken(rc, body);
    default:
      throw new OAuthError("unsupported_grant_type", `Grant type "${grantType}" is not supported`);
  }
}

function knownClient(app: AppContext, clientId: string | undefined): ClientConfig {
  if (clientId === undefined) throw new OAuthError("invalid_client", "Missing clientId (client_id)");
  const client = app.options.clients.find((c) => c.clientId === clientId);
  if (client === undefined) throw new OAuthError("invalid_client", `Unknown client id "${clientId}"`);
  return client;
}

function refreshSession(app: AppContext, body: Record<string, unknown>): OAuthSession {
  const clientId = field(body, "clientId");
  // SiteSessionAuth sends no clientId: the session behind the refresh token names its client.
  if (clientId !== undefined) knownClient(app, clientId);
  const token = field(body, "refreshToken");
  if (token === undefined) throw new OAuthError("invalid_request", "Missing refreshToken (refresh_token)");
  const verified = app.issuer.verifyRefresh(token);
  if (!verified.ok) {
    throw new OAuthError(
      "invalid_grant",
      verified.reason === "expired" ? "Refresh token has expired" : "Refresh token is invalid",
    );
  }
  const session = app.state.sessions.get(verified.claims.sessionId);
  if (session === undefined || session.revoked) throw new OAuthError("invalid_grant", "Refresh token has been revoked");
  if (clientId !== undefined && clientId !== session.clientId) {
    throw new OAuthError("invalid_grant", "Refresh token was issued to another client");
  }
  return session;
}

function redeemCode(app: AppContext, body: Record<string, unknown>): OAuthSession {
  const client = knownClient(app, field(body, "clientId"));
  const codeValue = field(body, "code");
  const verifier = field(body, "codeVerifier");
  if (codeValue === undefined) throw new OAuthError("invalid_request", "Missing code");
  if (verifier === undefined) throw new OAuthError("invalid_request", "Missing codeVerifier (code_verifier)");
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
    throw new OAuthError("invalid_request", "codeVerifier must be 43 to 128 characters from A-Z a-z 0-9 - . _ ~");
  }
  const code = app.state.codes.get(codeValue);
  if (code === undefined || code.clientId !== client.clientId) {
    throw new OAuthError("invalid_grant", "Authorization code is invalid");
  }
  if (code.used) {
    // A replayed code may be stolen: end the session it produced.
    const minted = code.sessionId === undefined ? undefined : app.state.sessions.get(code.sessionId);
    if (minted !== undefined) minted.revoked = true;
    throw new OAuthError("invalid_grant", "Authorization code has already been used");
  }
  code.used = true;
  if (code.expiresAt <= app.nowSeconds()) throw new OAuthError("invalid_grant", "Authorization code has expired");
  if (!sameText(s256(verifier), code.codeChallenge)) {
    throw new OAuthError("invalid_grant", "codeVerifier does not match the codeChallenge");
  }
  const redirectUri = field(body, "redirectUri");
  if (redirectUri !== code.redirectUri) {
    throw new OAuthError("invalid_grant", "redirectUri does not match the one in the authorization request");
  }
  const session = app.state.createSession(client.clientId, code.visitorId, code.memberId);
  code.sessionId = session.id;
  return session;
}

function sendTokens(rc: RequestContext, session: OAuthSession, withRefresh: boolean): void {
  const app = rc.app;
  const ttl = app.options.tokens.accessTokenSeconds;
  const access = app.issuer.mintAccess(
    {
      kind: session.memberId === undefined ? "visitor" : "member",
      clientId: session.clientId,
      siteId: app.options.siteId,
      instanceId: instanceIdOf(app),
      visitorId: session.visitorId,
      sessionId: session.id,
      ...(session.memberId !== undefined && { memberId: session.memberId }),
    },
    ttl,
  );
  rc.log.subject = session.memberId ?? session.visitorId;
  rc.log.identity = session.memberId === undefined ? "visitor" : "member";
  sendJson(rc.res, 200, {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: ttl,
    refresh_token: withRefresh ? app.issuer.mintRefresh(session.id, app.options.tokens.refreshTokenSeconds) : null,
    scope: "offline_access",
  });
}

function sendAppToken(rc: RequestContext, body: Record<string, unknown>): void {
  const app = rc.app;
  const client = knownClient(app, field(body, "clientId"));
  const secret = field(body, "clientSecret");
  if (client.clientSecret === undefined || secret === undefined || !sameText(secret, client.clientSecret)) {
    throw new OAuthError("invalid_client", "Client authentication failed (clientSecret / client_secret)");
  }
  const instanceId = field(body, "instanceId");
  if (instanceId !== undefined && instanceId !== instanceIdOf(app)) {
    throw new OAuthError("invalid_grant", `Unknown instance id "${instanceId}"`);
  }
  const ttl = app.options.tokens.accessTokenSeconds;
  const access = app.issuer.mintAccess(
    { kind: "app", clientId: client.clientId, siteId: app.options.siteId, instanceId: instanceIdOf(app) },
    ttl,
  );
  rc.log.identity = "admin (app-token)";
  sendJson(rc.res, 200, { access_token: access.token, token_type: "Bearer", expires_in: ttl });
}

/** One app instance per emulated site, derived from the site id so it is stable across restarts. */
export function instanceIdOf(app: AppContext): string {
  const hex = createHash("sha256").update(`instance:${app.options.siteId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
