// GET /_api/iam/authentication/v1/logout: the logout redirect session's URL; ends the session, clears the cookie.
import { parse as parseCookie, serialize as serializeCookie } from "cookie";
import { COOKIE } from "./authorize.js";
import { findClient, originAllowed, originOf } from "./clients.js";
import { sendHtml, sendRedirect } from "./http.js";
import { messagePage } from "./pages.js";
import type { RequestContext, Router } from "./router.js";

export function addLogoutRoutes(router: Router): void {
  router.add("GET", "/_api/iam/authentication/v1/logout", logoutPage);
}

function logoutPage(rc: RequestContext): void {
  const app = rc.app;
  const id = rc.url.searchParams.get("redirectSessionId");
  const record = id === null ? undefined : app.state.redirectSessions.get(id);
  if (record?.sessionId !== undefined) {
    const session = app.state.sessions.get(record.sessionId);
    if (session !== undefined) session.revoked = true;
  }
  const cookieValue = parseCookie(rc.req.headers.cookie ?? "")[COOKIE];
  if (cookieValue !== undefined) app.state.browserSessions.delete(cookieValue);
  const clear = {
    "set-cookie": serializeCookie(COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 }),
  };
  // Every target is checked against the OAuth app's allow list, also one added to a redirect session's URL: the
  // session's own client decides (its postFlowUrl wins), and a hand-built URL names its client.
  const target = record?.postFlowUrl ?? rc.url.searchParams.get("postLogoutRedirectUri") ?? undefined;
  if (target === undefined) return sendHtml(rc.res, 200, messagePage("Logged out", "You are logged out."), clear);
  const client = findClient(app.options, record?.clientId ?? rc.url.searchParams.get("clientId") ?? undefined);
  const origin = originOf(target);
  if (client === undefined || origin === undefined || !originAllowed(client, origin)) {
    const text = "postLogoutRedirectUri needs a known clientId and an allowed redirect domain of that client.";
    return sendHtml(rc.res, 400, messagePage("Invalid redirect", text), clear);
  }
  sendRedirect(rc.res, target, clear);
}
