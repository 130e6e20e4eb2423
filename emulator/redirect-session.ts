// POST redirect-session (three documented paths): `auth`, `logout` and `ecomCheckout` intents, visitor/member only.
import { randomUUID } from "node:crypto";
import { identityOf } from "./caller.js";
import { findClient, originAllowed, originOf, redirectUriAllowed } from "./clients.js";
import { type FieldViolation, WixApiError, WixValidationError, objectField, sendJson } from "./http.js";
import type { RequestContext, Router } from "./router.js";
import type { AuthRequest, RedirectSessionRecord } from "./state.js";
import { CHECKOUT_PAGE_PATH, checkouts } from "./handlers/checkout.js";

export const REDIRECT_SESSION_PATHS = [
  "/_api/redirects-api/v1/redirect-session",
  "/redirect-session/v1/redirect-session",
  "/headless/v1/redirect-session",
] as const;

const RESPONSE_MODES = ["query", "fragment", "web_message"] as const;

export function addRedirectSessionRoutes(router: Router): void {
  for (const path of REDIRECT_SESSION_PATHS) router.add("POST", path, createRedirectSession);
  router.add("GET", "/_r/{id}", shortUrl);
}

async function createRedirectSession(rc: RequestContext): Promise<void> {
  const caller = rc.caller();
  const identity = identityOf(caller);
  if (caller.kind !== "visitor" && caller.kind !== "member") {
    throw new WixApiError(
      403,
      "PERMISSION_DENIED",
      `Redirect sessions need a visitor or member access token; ${identity} credentials (API key or app token) are refused`,
    );
  }
  const body = await rc.body();
  const id = randomUUID();
  const base = { id, visitorId: caller.claims.visitorId, sessionId: caller.claims.sessionId };
  let record: RedirectSessionRecord;
  const auth = objectField(body, "auth");
  const logout = objectField(body, "logout");
  const ecomCheckout = objectField(body, "ecomCheckout");
  if (ecomCheckout !== undefined) {
    record = { ...base, intent: "ecomCheckout", ...checkoutTarget(rc, ecomCheckout, objectField(body, "callbacks")) };
  } else if (auth !== undefined) {
    const authRequest = parseAuthIntent(rc, auth, caller.claims.clientId);
    record = { ...base, intent: "auth", clientId: authRequest.clientId, authRequest };
  } else if (logout !== undefined) {
    record = { ...base, intent: "logout", ...logoutTarget(rc, logout, objectField(body, "callbacks")) };
  } else {
    const intent = Object.keys(body).find((k) => k !== "callbacks" && k !== "preferences");
    throw new WixValidationError([
      {
        field: intent ?? "intent",
        description:
          intent === undefined
            ? "is required: one of auth, logout, ecomCheckout"
            : `intent "${intent}" is not served by the emulator (supported: auth, logout, ecomCheckout)`,
        violatedRule: "REQUIRED_ONE_OF_FIELD",
      },
    ]);
  }
  rc.app.state.redirectSessions.set(id, record);
  sendJson(rc.res, 200, { redirectSession: describe(rc, record) });
}

function parseAuthIntent(rc: RequestContext, auth: Record<string, unknown>, tokenClientId: string): AuthRequest {
  const request = objectField(auth, "authRequest") ?? {};
  const text = (key: string): string | undefined =>
    typeof request[key] === "string" ? (request[key] as string) : undefined;
  const violations: FieldViolation[] = [];
  const bad = (name: string, description: string, rule = "VALIDATION"): void => {
    violations.push({ field: `auth.authRequest.${name}`, description, violatedRule: rule });
  };
  const clientId = text("clientId");
  const client = findClient(rc.app.options, clientId);
  if (clientId === undefined) bad("clientId", "is required", "REQUIRED_FIELD");
  else if (client === undefined) bad("clientId", `is not a known client id`);
  else if (clientId !== tokenClientId) bad("clientId", "must be the client the access token was issued to");
  const responseMode = text("responseMode") ?? "query";
  if (!(RESPONSE_MODES as readonly string[]).includes(responseMode))
    bad("responseMode", "must be query, fragment or web_message");
  const redirectUri = text("redirectUri");
  if (redirectUri === undefined && responseMode !== "web_message") bad("redirectUri", "is required", "REQUIRED_FIELD");
  if (redirectUri !== undefined && client !== undefined && !redirectUriAllowed(client, redirectUri)) {
    bad("redirectUri", "Invalid redirect URI: not in the client's allowed redirect URIs (exact match)");
  }
  if ((text("responseType") ?? "code") !== "code") bad("responseType", 'must be "code"');
  const codeChallenge = text("codeChallenge");
  if (codeChallenge === undefined) bad("codeChallenge", "is required", "REQUIRED_FIELD");
  const codeChallengeMethod = text("codeChallengeMethod") ?? "S256";
  if (codeChallengeMethod !== "S256") bad("codeChallengeMethod", 'must be "S256"');
  if (violations.length > 0) throw new WixValidationError(violations);
  const prompt = typeof auth["prompt"] === "string" ? auth["prompt"] : (text("prompt") ?? "login");
  const sessionToken = text("sessionToken");
  return {
    clientId: clientId!,
    responseMode: responseMode as AuthRequest["responseMode"],
    state: text("state") ?? "",
    codeChallenge: codeChallenge!,
    codeChallengeMethod,
    prompt,
    ...(redirectUri !== undefined && { redirectUri }),
    ...(sessionToken !== undefined && { sessionToken }),
  };
}

function logoutTarget(
  rc: RequestContext,
  logout: Record<string, unknown>,
  callbacks: Record<string, unknown> | undefined,
): { clientId: string; postFlowUrl?: string } {
  const clientId = typeof logout["clientId"] === "string" ? logout["clientId"] : undefined;
  const client = findClient(rc.app.options, clientId);
  if (client === undefined) {
    throw new WixValidationError([
      {
        field: "logout.clientId",
        description: clientId === undefined ? "is required" : "is not a known client id",
        violatedRule: "VALIDATION",
      },
    ]);
  }
  const postFlowUrl = typeof callbacks?.["postFlowUrl"] === "string" ? callbacks["postFlowUrl"] : undefined;
  if (postFlowUrl === undefined) return { clientId: client.clientId };
  const origin = originOf(postFlowUrl);
  if (origin === undefined || !originAllowed(client, origin)) {
    throw new WixValidationError([
      {
        field: "callbacks.postFlowUrl",
        description: "must be on an allowed redirect domain of the client",
        violatedRule: "VALIDATION",
      },
    ]);
  }
  return { clientId: client.clientId, postFlowUrl };
}

/** ecomCheckout: the caller's own checkout (not completed), and callback URLs on an allowed redirect domain. */
function checkoutTarget(
  rc: RequestContext,
  intent: Record<string, unknown>,
  callbacks: Record<string, unknown> | undefined,
): { clientId: string; checkoutId: string; postFlowUrl?: string; thankYouPageUrl?: string } {
  const caller = rc.caller();
  const claims = caller.kind === "visitor" || caller.kind === "member" ? caller.claims : undefined;
  const checkoutId = typeof intent["checkoutId"] === "string" ? intent["checkoutId"] : undefined;
  const checkout = checkoutId === undefined ? undefined : checkouts(rc.app.state).get(checkoutId);
  const owner = claims?.memberId !== undefined ? `member:${claims.memberId}` : `visitor:${claims?.visitorId}`;
  if (checkout === undefined || checkout.ownerKey !== owner) {
    throw new WixValidationError([
      {
        field: "ecomCheckout.checkoutId",
        description: checkoutId === undefined ? "is required" : "is not a checkout of this visitor or member",
        violatedRule: checkoutId === undefined ? "REQUIRED_FIELD" : "VALIDATION",
      },
    ]);
  }
  const client = findClient(rc.app.options, claims?.clientId)!;
  const urls: { postFlowUrl?: string; thankYouPageUrl?: string } = {};
  for (const name of ["postFlowUrl", "thankYouPageUrl"] as const) {
    const url = typeof callbacks?.[name] === "string" ? callbacks[name] : undefined;
    if (url === undefined) continue;
    const origin = originOf(url);
    if (origin === undefined || !originAllowed(client, origin)) {
      throw new WixValidationError([
        {
          field: `callbacks.${name}`,
          description: "must be on an allowed redirect domain of the client",
          violatedRule: "VALIDATION",
        },
      ]);
    }
    urls[name] = url;
  }
  return { clientId: client.clientId, checkoutId: checkout.id, ...urls };
}

function describe(rc: RequestContext, record: RedirectSessionRecord) {
  const origin = rc.app.origin();
  let endpoint: string;
  let params: Record<string, string>;
  if (record.intent === "auth") {
    const a = record.authRequest!;
    endpoint = `${origin}/_api/oauth2/authorize`;
    params = {
      clientId: a.clientId,
      responseType: "code",
      ...(a.redirectUri !== undefined && { redirectUri: a.redirectUri }),
      responseMode: a.responseMode,
      state: a.state,
      scope: "offline_access",
      codeChallenge: a.codeChallenge,
      codeChallengeMethod: a.codeChallengeMethod,
      prompt: a.prompt,
      ...(a.sessionToken !== undefined && { sessionToken: a.sessionToken }),
      redirectSessionId: record.id,
    };
  } else if (record.intent === "ecomCheckout") {
    endpoint = `${origin}${CHECKOUT_PAGE_PATH}`;
    params = { checkoutId: record.checkoutId!, redirectSessionId: record.id };
  } else {
    endpoint = `${origin}/_api/iam/authentication/v1/logout`;
    params = {
      redirectSessionId: record.id,
      ...(record.postFlowUrl !== undefined && { postLogoutRedirectUri: record.postFlowUrl }),
    };
  }
  return {
    id: record.id,
    fullUrl: `${endpoint}?${new URLSearchParams(params).toString()}`,
    shortUrl: `${origin}/_r/${record.id}`,
    sessionToken: null,
    urlDetails: { endpoint, searchParams: params },
  };
}

function shortUrl(rc: RequestContext, params: Readonly<Record<string, string>>): void {
  const record = rc.app.state.redirectSessions.get(params["id"]!);
  if (record === undefined) throw new WixApiError(404, "NOT_FOUND", "Redirect session not found");
  rc.res.writeHead(302, { location: describe(rc, record).fullUrl, "content-length": 0 });
  rc.res.end();
}
