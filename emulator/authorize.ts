// GET/POST /_api/oauth2/authorize: checks the request, then the hosted login form, prompt=none, or an error.
import { parse as parseCookie, serialize as serializeCookie } from "cookie";
import { issueCode, respond } from "./authorize-reply.js";
import { findClient, originOf, redirectUriAllowed } from "./clients.js";
import { WixApiError, sendHtml } from "./http.js";
import { CSRF_FIELD, formTokenAccepted, mintFormToken } from "./login-form.js";
import { authenticate, nextLoginState, takeSessionToken } from "./login-state.js";
import { loginPage, messagePage } from "./pages.js";
import type { RequestContext, Router } from "./router.js";
import { type AuthRequest, opaqueToken } from "./state.js";

/** Hosted-login browser session cookie (lets prompt=none work after a prompt=login). */
export const COOKIE = "wix_authz_emu_session";
const PARAM_NAMES = [
  "clientId",
  "redirectUri",
  "responseMode",
  "responseType",
  "state",
  "scope",
  "codeChallenge",
  "codeChallengeMethod",
  "prompt",
  "sessionToken",
  "redirectSessionId",
] as const;

type Params = Partial<Record<(typeof PARAM_NAMES)[number], string>>;

export function addAuthorizeRoutes(router: Router): void {
  router.add("GET", "/_api/oauth2/authorize", (rc) =>
    authorize(rc, readParams(Object.fromEntries(rc.url.searchParams))),
  );
  router.add("POST", "/_api/oauth2/authorize", async (rc) => {
    const form = (await rc.body()) as Record<string, unknown>;
    const login = {
      email: String(form["email"] ?? ""),
      password: String(form["password"] ?? ""),
      ...(typeof form[CSRF_FIELD] === "string" && { csrfToken: form[CSRF_FIELD] }),
    };
    return authorize(rc, readParams(form), login);
  });
}

/** Both spellings are accepted (`clientId` / `client_id`); fullUrl uses camelCase. */
function readParams(source: Record<string, unknown>): Params {
  const params: Params = {};
  for (const name of PARAM_NAMES) {
    const value = source[name] ?? source[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
    if (typeof value === "string") params[name] = value;
  }
  return params;
}

interface LoginForm {
  readonly email: string;
  readonly password: string;
  readonly csrfToken?: string;
}

function authorize(rc: RequestContext, params: Params, login?: LoginForm): void {
  const resolved = resolveRequest(rc, params);
  if (resolved === undefined) return showError(rc, 404, "Not found", "This redirect session does not exist.");
  const { request, visitorId } = resolved;
  const client = findClient(rc.app.options, request.clientId);
  // Until client and redirect URI are trusted, errors are shown here, never sent to the (unchecked) redirect URI.
  if (client === undefined) return showError(rc, 400, "Invalid request", "Unknown or missing clientId.");
  if (!["query", "fragment", "web_message"].includes(request.responseMode)) {
    return showError(rc, 400, "Invalid request", "responseMode must be query, fragment or web_message.");
  }
  const uri = request.redirectUri;
  if (uri === undefined ? request.responseMode !== "web_message" : !redirectUriAllowed(client, uri)) {
    return showError(rc, 400, "Invalid redirect URI", "The redirectUri is missing or not allowed for this client.");
  }
  const reply = (payload: Record<string, string>): void => respond(rc, request, payload, {});
  if ((params.responseType ?? "code") !== "code") {
    return reply({ error: "unsupported_response_type", error_description: 'responseType must be "code"' });
  }
  if (request.codeChallenge === "" || request.codeChallengeMethod !== "S256") {
    return reply({
      error: "invalid_request",
      error_description: "codeChallenge with codeChallengeMethod S256 is required",
    });
  }
  if (login !== undefined) return hostedLogin(rc, params, request, visitorId, login);
  if (request.prompt !== "none") return showLogin(rc, params, request);
  const memberId = silentMember(rc, request);
  if (memberId === undefined) {
    return reply({
      error: "login_required",
      error_description: "prompt=none needs a valid sessionToken or a logged-in browser session",
    });
  }
  reply(issueCode(rc, request, memberId.memberId, memberId.visitorId ?? visitorId));
}

function showError(rc: RequestContext, status: number, title: string, text: string): void {
  sendHtml(rc.res, status, messagePage(title, text), { "content-security-policy": "default-src 'none'" });
}

function resolveRequest(rc: RequestContext, params: Params): { request: AuthRequest; visitorId?: string } | undefined {
  if (params.redirectSessionId !== undefined) {
    const record = rc.app.state.redirectSessions.get(params.redirectSessionId);
    if (record?.authRequest === undefined) return undefined;
    return { request: record.authRequest, ...(record.visitorId !== undefined && { visitorId: record.visitorId }) };
  }
  const request: AuthRequest = {
    clientId: params.clientId ?? "",
    responseMode: (params.responseMode ?? "query") as AuthRequest["responseMode"],
    state: params.state ?? "",
    codeChallenge: params.codeChallenge ?? "",
    codeChallengeMethod: params.codeChallengeMethod ?? "S256",
    prompt: params.prompt ?? "login",
    ...(params.redirectUri !== undefined && { redirectUri: params.redirectUri }),
    ...(params.sessionToken !== undefined && { sessionToken: params.sessionToken }),
  };
  return { request };
}

function silentMember(rc: RequestContext, request: AuthRequest): { memberId: string; visitorId?: string } | undefined {
  if (request.sessionToken !== undefined) return takeSessionToken(rc.app, request.sessionToken);
  const cookieValue = parseCookie(rc.req.headers.cookie ?? "")[COOKIE];
  const browser = cookieValue === undefined ? undefined : rc.app.state.browserSessions.get(cookieValue);
  return browser !== undefined && browser.expiresAt > rc.app.nowSeconds() ? { memberId: browser.memberId } : undefined;
}

const LOGIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

/** The form posts back here and is then redirected to the client, so form-action must allow that origin too. */
function showLogin(
  rc: RequestContext,
  params: Params,
  request: AuthRequest,
  status = 200,
  email?: string,
  error?: string,
): void {
  const hidden = {
    ...Object.fromEntries(Object.entries(params).filter(([k]) => k !== "sessionToken")),
    [CSRF_FIELD]: mintFormToken(rc, params),
  };
  const target = request.redirectUri === undefined ? undefined : originOf(request.redirectUri);
  const csp = target === undefined ? LOGIN_CSP : `${LOGIN_CSP} ${target}`;
  const input = { hidden, ...(email !== undefined && { email }), ...(error !== undefined && { error }) };
  sendHtml(rc.res, status, loginPage(input), { "content-security-policy": csp });
}

function hostedLogin(
  rc: RequestContext,
  params: Params,
  request: AuthRequest,
  visitorId: string | undefined,
  login: LoginForm,
): void {
  if (!formTokenAccepted(rc, params, login.csrfToken)) {
    const message = "This login form expired or was not served here. Log in again.";
    return showLogin(rc, params, request, 403, login.email, message);
  }
  let outcome;
  try {
    outcome = nextLoginState(rc.app, authenticate(rc.app, login.email, login.password), visitorId);
  } catch (error) {
    if (!(error instanceof WixApiError)) throw error;
    const message = error.code === "-19999" || error.code === "-19976" ? "Wrong email or password." : error.message;
    return showLogin(rc, params, request, error.status, login.email, message);
  }
  if (outcome.state !== "SUCCESS") {
    const message =
      outcome.state === "REQUIRE_OWNER_APPROVAL"
        ? "Your membership is waiting for the site owner's approval."
        : "Verify your email first (a code was sent), then log in again.";
    return showLogin(rc, params, request, 403, login.email, message);
  }
  const session = takeSessionToken(rc.app, outcome.sessionToken!)!;
  const cookieValue = opaqueToken();
  const expiresAt = rc.app.nowSeconds() + rc.app.options.tokens.refreshTokenSeconds;
  rc.app.state.browserSessions.set(cookieValue, { memberId: session.memberId, expiresAt });
  const cookie = serializeCookie(COOKIE, cookieValue, { httpOnly: true, sameSite: "lax", path: "/" });
  respond(rc, request, issueCode(rc, request, session.memberId, visitorId), { "set-cookie": cookie });
}
