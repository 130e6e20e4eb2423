// CSRF token of the hosted login form: minted with each form, bound to its login state (the authorize parameters),
// single use. A page elsewhere cannot read a form (no CORS for it, Host checked), so it cannot post one.
import type { IncomingMessage } from "node:http";
import type { RequestContext } from "./router.js";
import { opaqueToken } from "./state.js";

export const CSRF_FIELD = "csrfToken";

/** The login state a form belongs to: its authorize parameters in a fixed order (never the session token). */
function bindingOf(params: Readonly<Record<string, string | undefined>>): string {
  const entries = Object.entries(params)
    .filter(([name, value]) => name !== "sessionToken" && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

export function mintFormToken(rc: RequestContext, params: Readonly<Record<string, string | undefined>>): string {
  const token = opaqueToken();
  const expiresAt = rc.app.nowSeconds() + rc.app.options.tokens.sessionTokenSeconds;
  rc.app.state.loginForms.set(token, { binding: bindingOf(params), expiresAt });
  return token;
}

/**
 * Whether a login POST may proceed. Browsers send Origin on every POST (also Sec-Fetch-Site, Referer or cookies), so
 * a request from any web page must carry the token of a form this emulator served for the same login state. A request
 * with none of those headers cannot come from a web page (scripts and tests posting the form directly).
 */
export function formTokenAccepted(
  rc: RequestContext,
  params: Readonly<Record<string, string | undefined>>,
  token: string | undefined,
): boolean {
  if (token === undefined || token === "") return !fromBrowser(rc.req);
  const form = rc.app.state.loginForms.get(token);
  rc.app.state.loginForms.delete(token);
  return form !== undefined && form.expiresAt > rc.app.nowSeconds() && form.binding === bindingOf(params);
}

function fromBrowser(req: IncomingMessage): boolean {
  const h = req.headers;
  return (
    h.origin !== undefined || h["sec-fetch-site"] !== undefined || h.referer !== undefined || h.cookie !== undefined
  );
}
