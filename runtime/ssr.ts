// Request-scoped sessions for server-rendered sites on the standard Request/Response/Headers: renewal in middleware
// (the fresh cookie written on the request, for server components that cannot set cookies, and on the response),
// one client per request from its cookies, and the redirect login callback and logout as route handlers.

import { parseCookie, stringifySetCookie, type SerializeOptions } from "cookie";
import type { OAuthData } from "./callback.js";
import { createCookieTokenStore, DEFAULT_COOKIE_NAME } from "./cookies.js";
import { WixAuthzError, WixConfigError, WixLoginError, WixSessionExpiredError } from "./errors.js";
import { loadWire } from "#load-wire";
import { checkMargin, checkTransportOptions, requireString } from "./options.js";
import type { MemberOptions, SessionClientShape, VisitorOptions } from "./site-runtime.js";
import type { SessionRole } from "./tokens.js";
import type { TransportOptions } from "./types.js";

/** Anything with `get(name)` (Headers, Next's `await headers()`), or a Request whose headers are read. */
export type HeadersLike = { get(name: string): string | null };
export type CookieSource = Request | HeadersLike;

export interface WixSessionOptions<V, M> extends TransportOptions {
  /** The Headless OAuth app's client id. */
  readonly clientId: string;
  /** The generated `createVisitorClient` (from your generated folder). */
  readonly createVisitorClient: (options: VisitorOptions) => V;
  /** The generated `createMemberClient`. */
  readonly createMemberClient: (options: MemberOptions) => M;
  /**
   * The site's origin as browsers see it, e.g. "https://shop.example.com". Default: each request's, from its
   * `Host` header (or `X-Forwarded-Host` / `X-Forwarded-Proto` where a proxy sets them), not its URL, which
   * frameworks build from their own listen address (Next.js says `localhost` for `-H 127.0.0.1`).
   */
  readonly origin?: string;
  /** The login callback's absolute URL, on the OAuth app's allow list. Default: `callbackPath` on the origin. */
  readonly redirectUri?: string;
  /** The path of the route that calls `callback(request)` (default "/callback"). */
  readonly callbackPath?: string;
  /** The session cookie's name (default "wix_session"); the login in progress uses `<name>_login`. */
  readonly cookieName?: string;
  /** Names both cookies `__Host-…` (only this host, Secure, Path=/): see createCookieTokenStore. */
  readonly hostPrefix?: boolean;
  /**
   * Overrides the cookie attributes: HttpOnly, SameSite=Lax, Path=/, Max-Age one year, Secure except on a loopback
   * `http:` origin (localhost, 127.0.0.1, ::1: the emulator and `next dev`), where browsers would drop it.
   */
  readonly cookie?: SerializeOptions;
  /** Middleware starts an anonymous visitor session for a request without one (default true). */
  readonly startVisitorSession?: boolean;
  readonly renewMarginMs?: number;
}

/** A request after `renew`: its headers carry the fresh session cookie; `apply` adds the Set-Cookie headers. */
export interface RenewedRequest {
  /** The request's headers with the session cookie replaced by the renewed one (for Next's `NextResponse.next`). */
  readonly headers: Headers;
  /** A copy of the request with those headers (made on first access: it takes over the original's body). */
  readonly request: Request;
  /** The session's role after renewal, or null when there is none. */
  readonly role: SessionRole | null;
  /** `Set-Cookie` header values for the response. */
  readonly setCookies: readonly string[];
  /**
   * Why renewal did not happen (the token endpoint unreachable, 5xx, a malformed answer): the request goes on with
   * the old cookie and calls retry on their own. Never set for an ended session, which renewal replaces.
   */
  readonly error?: WixAuthzError;
  /** Adds `setCookies` to the response (a copy of it when its headers are immutable, as `Response.redirect`'s). */
  apply(response: Response): Response;
}

/** The clients of one request, over a store backed by its cookies. */
export interface RequestClients<V, M> {
  readonly role: SessionRole | null;
  /** A visitor client on the request's session (a member session included: members may call visitor methods). */
  readonly visitor: V;
  /** A member client when the session is a member's, else null. */
  readonly member: M | null;
  /** `Set-Cookie` values written by calls so far (a renewal, a login). Server components cannot send them. */
  readonly setCookies: readonly string[];
  apply(response: Response): Response;
}

export interface LoginOptions {
  /** A same-origin path to come back to after the login (default "/"). Anything else is ignored. */
  readonly returnTo?: string | null;
  readonly prompt?: "login" | "none";
  readonly idp?: string;
}

export interface CallbackOptions {
  /** Turns a failed callback into your response (default: 400, text/plain, the error's message). */
  readonly onError?: (error: WixAuthzError) => Response | Promise<Response>;
}

export interface LogoutOptions {
  /** A same-origin path Wix's logout page sends the browser back to (default "/"). */
  readonly returnTo?: string | null;
  /** Called when Wix's logout could not be reached; the local session is cleared and the browser goes to returnTo. */
  readonly onError?: (error: WixAuthzError) => void;
}

export interface WixSession<V, M> {
  /** Renews the request's session if due (or starts a visitor one) and writes the cookie on request and response. */
  renew(request: Request): Promise<RenewedRequest>;
  /**
   * Middleware in one call: renew, run `next` with the renewed request, add the cookies to its response.
   * Next.js: `wix.handle(request, ({ headers }) => NextResponse.next({ request: { headers } }))`.
   * Astro: `wix.handle(context.request, ({ headers }) => { context.locals.wix = wix.clients(headers); return next(); })`.
   */
  handle(request: Request, next: (renewed: RenewedRequest) => Response | Promise<Response>): Promise<Response>;
  /** One request's clients from its cookies (a Request, its Headers, or Next's `await headers()`). */
  clients(source: CookieSource): RequestClients<V, M>;
  /** A login route: sends the browser to the Wix-hosted login page (PKCE, state), remembering the login in a cookie. */
  login(request: Request, options?: LoginOptions): Promise<Response>;
  /** The callback route (`GET /callback`): checks state, exchanges the code, sets the member session, redirects. */
  callback(request: Request, options?: CallbackOptions): Promise<Response>;
  /** A logout route: ends the Wix session through Wix's logout page, clears the cookie, comes back to returnTo. */
  logout(request: Request, options?: LogoutOptions): Promise<Response>;
}

interface Auth {
  generateOAuthData(redirectUri?: string): Promise<OAuthData>;
  getAuthUrl(data: OAuthData, options?: object): Promise<{ authUrl: string }>;
  loginWithCallback(callbackUrl: string | URL, data: OAuthData): Promise<unknown>;
  logout?(options?: { postFlowUrl?: string }): Promise<{ logoutUrl: string }>;
}

const LOGIN_MAX_AGE_S = 600;

export function createWixSession<V extends SessionClientShape, M extends SessionClientShape>(
  options: WixSessionOptions<V, M>,
): WixSession<V, M> {
  if (typeof options !== "object" || options === null)
    throw new WixConfigError(
      "options",
      "expected an options object with clientId, createVisitorClient, createMemberClient.",
    );
  const clientId = requireString("clientId", options.clientId);
  for (const name of ["createVisitorClient", "createMemberClient"] as const)
    if (typeof options[name] !== "function")
      throw new WixConfigError(name, `expected the generated ${name} function (import it from your generated folder).`);
  checkTransportOptions(options);
  const renewMarginMs = checkMargin(options.renewMarginMs);
  const callbackPath = options.callbackPath ?? "/callback";
  if (!callbackPath.startsWith("/") || callbackPath.startsWith("//"))
    throw new WixConfigError(
      "callbackPath",
      `expected a path such as "/callback", got ${JSON.stringify(callbackPath)}.`,
    );
  if (options.origin !== undefined && !/^https?:\/\/[^/]+$/i.test(requireString("origin", options.origin)))
    throw new WixConfigError(
      "origin",
      `expected an origin such as https://shop.example.com, got ${JSON.stringify(options.origin)}.`,
    );
  if (options.redirectUri !== undefined && !URL.canParse(requireString("redirectUri", options.redirectUri)))
    throw new WixConfigError("redirectUri", "expected an absolute URL such as https://shop.example.com/callback.");
  const base = options.cookieName ?? DEFAULT_COOKIE_NAME;
  const loginBase = `${base}_login`;
  const sessionCookieName = options.hostPrefix && !base.startsWith("__Host-") ? `__Host-${base}` : base;
  const transportOptions: TransportOptions = {
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    headers: options.headers,
  };
  const clientOptions = { ...transportOptions, clientId, renewMarginMs };

  /** Where browsers reach this site: the configured origin, else the request's own. */
  const originOf = (request: Request): string => {
    if (options.origin !== undefined) return options.origin;
    const url = new URL(request.url);
    const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || undefined;
    const host = first("x-forwarded-host") ?? first("host") ?? url.host;
    const proto = first("x-forwarded-proto")?.replace(/:$/, "") ?? url.protocol.replace(/:$/, "");
    const origin = `${proto === "https" ? "https" : "http"}://${host}`;
    return URL.canParse(origin) ? new URL(origin).origin : url.origin;
  };
  const attributes = (request: Request | undefined): SerializeOptions => ({
    secure: request ? !insecureLoopback(originOf(request)) : true,
    ...options.cookie,
  });

  /** The session store of one request; `setCookie` receives each write. */
  const storeFor = (cookieHeader: string | null, request: Request | undefined, setCookie: (c: string) => void) =>
    createCookieTokenStore({
      cookieHeader,
      setCookie,
      name: base,
      hostPrefix: options.hostPrefix,
      cookie: attributes(request),
    });

  function clientsFrom(cookieHeader: string | null, request: Request | undefined): RequestClients<V, M> {
    const setCookies: string[] = [];
    const store = storeFor(cookieHeader, request, (c) => setCookies.push(c));
    const role = (store.get() as { role: SessionRole } | null)?.role ?? null;
    const visitor = options.createVisitorClient({ ...clientOptions, store, redirectUri: options.redirectUri });
    const member = role === "member" ? options.createMemberClient({ ...clientOptions, store }) : null;
    return { role, visitor, member, setCookies, apply: (response) => withCookies(response, setCookies) };
  }

  const redirectUriFor = (request: Request) => options.redirectUri ?? new URL(callbackPath, originOf(request)).href;
  const loginCookieName = options.hostPrefix && !loginBase.startsWith("__Host-") ? `__Host-${loginBase}` : loginBase;
  const loginCookie = (request: Request, value: string | null) =>
    stringifySetCookie(loginCookieName, value ?? "", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      ...attributes(request),
      ...(value === null ? { maxAge: 0, expires: new Date(0) } : { maxAge: LOGIN_MAX_AGE_S }),
    });

  const session: WixSession<V, M> = {
    async renew(request) {
      const headers = new Headers(request.headers);
      const setCookies: string[] = [];
      let value: string | undefined;
      const store = storeFor(request.headers.get("cookie"), request, (c) => {
        setCookies.push(c);
        value = setCookieValue(c);
      });
      const wire = await loadWire();
      const secrets = new wire.SecretSet();
      const transport = new wire.Transport(transportOptions);
      const tokens = new wire.TokenSession({
        store,
        oauth: new wire.OAuthClient(transport, clientId, secrets),
        clock: transport.clock,
        secrets,
        renewMarginMs,
        mayStartAnonymous: options.startVisitorSession !== false,
        requireMember: false,
      });
      let error: WixAuthzError | undefined;
      if (store.get() !== null || options.startVisitorSession !== false) {
        try {
          await tokens.accessToken();
        } catch (e) {
          // A member whose refresh token was refused: the cookie is cleared; the next line starts a visitor.
          if (e instanceof WixSessionExpiredError && options.startVisitorSession !== false) {
            await tokens.accessToken().catch((again: unknown) => (error = asAuthzError(again)));
          } else if (!(e instanceof WixSessionExpiredError)) error = asAuthzError(e);
        }
      }
      if (value !== undefined) {
        const cookie = replaceCookie(request.headers.get("cookie"), sessionCookieName, value);
        if (cookie === "") headers.delete("cookie");
        else headers.set("cookie", cookie);
      }
      const role = (store.get() as { role: SessionRole } | null)?.role ?? null;
      let copy: Request | undefined;
      return {
        headers,
        get request() {
          return (copy ??= new Request(request, { headers }));
        },
        role,
        setCookies,
        ...(error && { error }),
        apply: (response) => withCookies(response, setCookies),
      };
    },

    async handle(request, next) {
      const renewed = await session.renew(request);
      return renewed.apply(await next(renewed));
    },

    clients(source) {
      const request = isRequest(source) ? source : undefined;
      return clientsFrom((request ? request.headers : (source as HeadersLike)).get("cookie"), request);
    },

    async login(request, loginOptions = {}) {
      const clients = clientsFrom(request.headers.get("cookie"), request);
      // The redirect session is made as the visitor (so the visitor's cart can follow the login).
      const auth = clients.visitor.auth as Auth;
      const data = await auth.generateOAuthData(redirectUriFor(request));
      const { authUrl } = await auth.getAuthUrl(data, {
        responseMode: "query",
        prompt: loginOptions.prompt,
        idp: loginOptions.idp,
      });
      const pending = JSON.stringify({ o: data, r: samePath(loginOptions.returnTo) });
      const response = redirect(authUrl, [loginCookie(request, pending)]);
      return clients.apply(response);
    },

    async callback(request, callbackOptions = {}) {
      const clear = loginCookie(request, null);
      const pending = readPending(request.headers.get("cookie"), loginCookieName);
      const clients = clientsFrom(request.headers.get("cookie"), request);
      try {
        if (!pending)
          throw new WixLoginError(
            "state_mismatch",
            "This login callback does not belong to a login started in this browser (or it took over 10 minutes).",
          );
        await (clients.visitor.auth as Auth).loginWithCallback(request.url, pending.o);
      } catch (e) {
        const error = asAuthzError(e);
        const response = callbackOptions.onError
          ? await callbackOptions.onError(error)
          : new Response(`${error.name}: ${error.message}\n`, {
              status: 400,
              headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
            });
        return withCookies(response, [clear]);
      }
      return clients.apply(redirect(pending.r, [clear])); // a path: the browser stays on the origin it is on
    },

    async logout(request, logoutOptions = {}) {
      const clients = clientsFrom(request.headers.get("cookie"), request);
      const path = samePath(logoutOptions.returnTo);
      const back = new URL(path, originOf(request)).href;
      let target = path;
      const auth = clients.member?.auth as Auth | undefined;
      if (auth?.logout) {
        try {
          target = (await auth.logout({ postFlowUrl: back })).logoutUrl;
        } catch (e) {
          logoutOptions.onError?.(asAuthzError(e));
        }
      }
      // Whatever Wix answered, this browser's session ends here (logout() cleared it when it reached Wix).
      if (!clients.setCookies.some((c) => setCookieValue(c) === "")) {
        storeFor(null, request, (c) => (clients.setCookies as string[]).push(c)).set(null);
      }
      return clients.apply(redirect(target, []));
    },
  };
  return session;
}

/** http: on localhost / 127.0.0.0/8 / ::1: browsers drop Secure cookies set over it (Chromium keeps them, others not). */
function insecureLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:") return false;
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

const isRequest = (source: CookieSource): source is Request =>
  typeof Request === "function" && source instanceof Request;

/** A path on this origin, or "/": an open redirect through `returnTo` must not be possible. */
function samePath(value: string | null | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  const url = new URL(value, "http://x");
  return url.origin === "http://x" ? `${url.pathname}${url.search}${url.hash}` : "/";
}

function readPending(cookieHeader: string | null, name: string): { o: OAuthData; r: string } | undefined {
  const raw = cookieHeader ? parseCookie(cookieHeader)[name] : undefined;
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { o?: unknown; r?: unknown };
    if (typeof parsed.o !== "object" || parsed.o === null) return undefined;
    return { o: parsed.o as OAuthData, r: samePath(typeof parsed.r === "string" ? parsed.r : "/") };
  } catch {
    return undefined; // the runtime checks the OAuth data's shape before using it
  }
}

/** The value a Set-Cookie header sets ("" for a cleared cookie), still URL-encoded as a Cookie header carries it. */
function setCookieValue(header: string): string {
  const pair = header.split(";", 1)[0]!;
  return pair.slice(pair.indexOf("=") + 1);
}

/** The request's Cookie header with the cookie `name` set to `encoded` (removed when it is ""). */
function replaceCookie(cookieHeader: string | null, name: string, encoded: string): string {
  const parts = (cookieHeader ?? "")
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "" && p.slice(0, p.indexOf("=")).trim() !== name);
  if (encoded !== "") parts.push(`${name}=${encoded}`);
  return parts.join("; ");
}

function redirect(location: string, cookies: readonly string[]): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

function withCookies(response: Response, cookies: readonly string[]): Response {
  if (cookies.length === 0) return response;
  try {
    for (const c of cookies) response.headers.append("set-cookie", c);
    return response;
  } catch {
    // Immutable headers (Response.redirect, a fetch answer): the same response with headers we may change.
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    for (const c of cookies) copy.headers.append("set-cookie", c);
    return copy;
  }
}

/** Errors of the runtime are handled here; anything else is a bug elsewhere and keeps going up. */
function asAuthzError(e: unknown): WixAuthzError {
  if (e instanceof WixAuthzError) return e;
  throw e;
}
