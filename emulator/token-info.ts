// POST /oauth2/token-info: what an access or refresh token stands for (RFC 7662 style; inactive is `{active:false}`).
import { OAuthError, field, sendJson } from "./http.js";
import { instanceIdOf } from "./oauth.js";
import type { AppContext, RequestContext, Router } from "./router.js";

export function addTokenInfoRoutes(router: Router): void {
  router.add("POST", "/oauth2/token-info", tokenInfoEndpoint);
}

async function tokenInfoEndpoint(rc: RequestContext): Promise<void> {
  const body = await rc.body();
  const token = field(body, "token");
  if (token === undefined) throw new OAuthError("invalid_request", "Missing token");
  const app = rc.app;
  const access = app.issuer.verifyAccess(token);
  if (access.ok) {
    const c = access.claims;
    const session = c.sessionId === undefined ? undefined : app.state.sessions.get(c.sessionId);
    if (session?.revoked === true) return sendJson(rc.res, 200, { active: false });
    const subjectType = { visitor: "VISITOR", member: "MEMBER", app: "APP" }[c.kind];
    const subjectId = c.memberId ?? c.visitorId ?? c.clientId;
    return sendJson(rc.res, 200, info(app, subjectType, subjectId, c.clientId, c.iat, c.exp));
  }
  const refresh = app.issuer.verifyRefresh(token);
  const session = refresh.ok ? app.state.sessions.get(refresh.claims.sessionId) : undefined;
  if (!refresh.ok || session === undefined || session.revoked) return sendJson(rc.res, 200, { active: false });
  const subjectType = session.memberId === undefined ? "VISITOR" : "MEMBER";
  const c = refresh.claims;
  sendJson(rc.res, 200, info(app, subjectType, session.memberId ?? session.visitorId, session.clientId, c.iat, c.exp));
}

function info(app: AppContext, subjectType: string, subjectId: string, clientId: string, iat: number, exp: number) {
  return {
    active: true,
    subjectType,
    subjectId,
    exp: String(exp),
    iat: String(iat),
    clientId,
    accountId: null,
    siteId: app.options.siteId,
    instanceId: instanceIdOf(app),
    vendorProductId: null,
  };
}
