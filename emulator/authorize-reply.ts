// How the authorize endpoint answers the client: a code (or error) by redirect in query/fragment, or a web_message page.
import { randomBytes, randomUUID } from "node:crypto";
import { findClient, originAllowed, originOf } from "./clients.js";
import { sendHtml, sendRedirect } from "./http.js";
import { webMessagePage } from "./pages.js";
import type { RequestContext } from "./router.js";
import { type AuthRequest, opaqueToken } from "./state.js";

export function issueCode(
  rc: RequestContext,
  request: AuthRequest,
  memberId: string,
  visitorId: string | undefined,
): Record<string, string> {
  const code = opaqueToken();
  rc.app.state.codes.set(code, {
    clientId: request.clientId,
    codeChallenge: request.codeChallenge,
    memberId,
    visitorId: visitorId ?? randomUUID(),
    expiresAt: rc.app.nowSeconds() + rc.app.options.tokens.authorizationCodeSeconds,
    used: false,
    ...(request.redirectUri !== undefined && { redirectUri: request.redirectUri }),
  });
  return { code, state: request.state };
}

export function respond(
  rc: RequestContext,
  request: AuthRequest,
  payload: Record<string, string>,
  headers: Record<string, string>,
): void {
  const withState = { ...payload, state: request.state };
  if (request.responseMode === "web_message") {
    const client = findClient(rc.app.options, request.clientId)!;
    const referer = originOf(String(rc.req.headers.referer ?? rc.req.headers.origin ?? ""));
    const redirectOrigin = request.redirectUri === undefined ? undefined : originOf(request.redirectUri);
    const target = [referer, redirectOrigin].find((o) => o !== undefined && originAllowed(client, o));
    const nonce = randomBytes(16).toString("base64");
    const ancestors = target ?? "'none'";
    return sendHtml(rc.res, 200, webMessagePage(withState, target, nonce), {
      ...headers,
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; frame-ancestors ${ancestors}`,
    });
  }
  const encoded = new URLSearchParams(withState).toString();
  const uri = request.redirectUri!;
  const location =
    request.responseMode === "fragment"
      ? `${uri.split("#")[0]}#${encoded}`
      : `${uri}${uri.includes("?") ? "&" : "?"}${encoded}`;
  sendRedirect(rc.res, location, headers);
}
