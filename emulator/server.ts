// The HTTP server: request id, CORS, fault injection, routing, error bodies and the request log around every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { ApiModel } from "../core/model.js";
import { addAuthorizeRoutes } from "./authorize.js";
import { trimOldest } from "./bounded.js";
import { type Caller, describeCaller, resolveCaller, subjectOf } from "./caller.js";
import { FaultInjector } from "./faults.js";
import { seedState } from "./handlers/index.js";
import { WixApiError, parseBody, readBody, sendError, sendJson, wixErrorBody } from "./http.js";
import { addCheckoutPageRoutes } from "./checkout-page.js";
import { addIamRoutes } from "./iam.js";
import { addLogoutRoutes } from "./logout.js";
import { addOAuthRoutes } from "./oauth.js";
import { addTokenInfoRoutes } from "./token-info.js";
import type { ResolvedOptions, SeedData } from "./options.js";
import { addRedirectSessionRoutes } from "./redirect-session.js";
import { type AppContext, type RequestContext, type RequestLogEntry, Router } from "./router.js";
import { addSpecRoutes } from "./spec-routes.js";
import { EmulatorState } from "./state.js";
import { TokenIssuer } from "./tokens.js";
import type { ModelValidators } from "./validate.js";
import { hostAllowed, isPagePath, originServed, shownHost } from "./web-guard.js";

export interface EmulatorCore {
  readonly server: Server;
  readonly app: AppContext;
  readonly requests: RequestLogEntry[];
  readonly internalErrors: unknown[];
  setOrigin(origin: string): void;
  /** The spec served now; `setSpec` swaps it (a --watch reload) and keeps every session, cart and order. */
  spec(): SpecLayer;
  setSpec(model: ApiModel, serving: string): void;
}

/** One served spec: its routes and validators are built on the first request that needs them, not at start. */
export class SpecLayer {
  #router: Router | undefined;
  #validators: ModelValidators | undefined;

  constructor(
    readonly model: ApiModel,
    /** Which spec it serves, for the 404 of an unknown route (e.g. `spec/ (11 methods)`). */
    readonly serving: string,
  ) {}

  /** Built on the first spec request; before it, no validator is compiled and no route exists. */
  get built(): boolean {
    return this.#router !== undefined;
  }

  /** Validators compiled so far (0 until a spec method is first called). */
  get compiledCount(): number {
    return this.#validators?.compiledCount ?? 0;
  }

  /** ajv and its formats load with the first validator: a start that serves no spec request never reads them. */
  async validators(): Promise<ModelValidators> {
    if (this.#validators === undefined) {
      const { ModelValidators } = await import("./validate.js");
      this.#validators ??= new ModelValidators(this.model);
    }
    return this.#validators;
  }

  match(method: string, path: string): ReturnType<Router["match"]> {
    if (this.#router === undefined) {
      const router = new Router();
      addSpecRoutes(router, this.model, () => this.validators());
      this.#router = router;
    }
    return this.#router.match(method, path);
  }
}

export function createEmulatorCore(
  options: ResolvedOptions,
  model: ApiModel,
  seed: SeedData,
  /** Which spec it serves, for the 404 of an unknown route (e.g. `spec/ (11 methods)`). */
  serving = `a spec of ${model.methods.length} methods`,
): EmulatorCore {
  let spec = new SpecLayer(model, serving);
  let origin = "";
  const nowSeconds = (): number => Math.floor(options.now() / 1000);
  const app: AppContext = {
    options,
    state: new EmulatorState(options.limits.stateEntries),
    issuer: new TokenIssuer(nowSeconds),
    faults: new FaultInjector(options.faults),
    origin: () => origin,
    nowSeconds,
    nowIso: () => new Date(options.now()).toISOString(),
  };
  seedState(app.state, seed, app.nowIso());
  const router = new Router();
  addOAuthRoutes(router);
  addTokenInfoRoutes(router);
  addRedirectSessionRoutes(router);
  addAuthorizeRoutes(router);
  addLogoutRoutes(router);
  addIamRoutes(router);
  addCheckoutPageRoutes(router);
  const requests: RequestLogEntry[] = [];
  const internalErrors: unknown[] = [];
  const server = createServer((req, res) => {
    void handle(app, router, spec, req, res, requests, internalErrors);
  });
  return {
    server,
    app,
    requests,
    internalErrors,
    setOrigin: (value) => (origin = value),
    spec: () => spec,
    setSpec: (next, nextServing) => (spec = new SpecLayer(next, nextServing)),
  };
}

async function handle(
  app: AppContext,
  router: Router,
  spec: SpecLayer,
  req: IncomingMessage,
  res: ServerResponse,
  requests: RequestLogEntry[],
  internalErrors: unknown[],
): Promise<void> {
  const started = performance.now();
  const requestId = `${app.nowSeconds()}.${String(randomInt(1_000_000_000)).padStart(9, "0")}`;
  res.setHeader("x-wix-request-id", requestId);
  // Concatenated, not resolved: a request target like `//host/x` must stay a path on this server.
  const url = URL.canParse(app.origin() + (req.url ?? "/"))
    ? new URL(app.origin() + (req.url ?? "/"))
    : new URL(app.origin());
  const caller = resolveCaller(req.headers, app.options, app.issuer, app.state);
  const log: RequestLogEntry = {
    requestId,
    method: req.method ?? "GET",
    path: url.pathname,
    identity: describeCaller(caller),
    status: 0,
  };
  const subject = subjectOf(caller);
  if (subject !== undefined) log.subject = subject;
  requests.push(log);
  trimOldest(requests, app.options.limits.requestLog);
  res.on("finish", () => {
    log.status = res.statusCode;
    app.options.log?.(formatLogLine(log, performance.now() - started));
  });
  try {
    guardWebSurface(app, req, res, url.pathname);
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    if (await injectFault(app, url.pathname, log, res)) return;
    // The emulator's own routes (OAuth, login, redirect sessions) first, then the spec's methods.
    const own = router.match(log.method, url.pathname);
    const specRoute =
      own === undefined || own === "method-not-allowed" ? spec.match(log.method, url.pathname) : undefined;
    const route = specRoute === undefined || specRoute === "method-not-allowed" ? (own ?? specRoute) : specRoute;
    if (route === undefined)
      throw new WixApiError(
        404,
        "NOT_FOUND",
        `No Wix API at ${log.method} ${url.pathname} in the spec this emulator serves: ${spec.serving}. Start it with --spec <folder> to serve yours.`,
      );
    if (route === "method-not-allowed") {
      throw new WixApiError(405, "METHOD_NOT_ALLOWED", `${url.pathname} does not accept ${log.method}`);
    }
    await route.handler(requestContext(app, req, res, url, requestId, log, caller), route.params);
  } catch (error) {
    if (res.headersSent) return void res.end();
    try {
      sendError(res, error);
    } catch {
      internalErrors.push(error);
      sendJson(
        res,
        500,
        wixErrorBody(new WixApiError(500, "INTERNAL", "Internal emulator error (see emulator.internalErrors)")),
      );
    }
  }
}

/**
 * One `--log` line: verb, path (never the query string, which may carry a session token or code), status, identity,
 * milliseconds, and the spec method served. No credential is ever part of it.
 */
export function formatLogLine(entry: RequestLogEntry, ms: number): string {
  const who = entry.subject === undefined ? entry.identity : `${entry.identity} ${entry.subject}`;
  const extra = [entry.methodId, entry.grantType, entry.fault && `fault ${entry.fault}`].filter(Boolean).join(" ");
  return `${entry.method} ${entry.path} ${entry.status} ${who} ${ms.toFixed(1)} ms${extra === "" ? "" : ` ${extra}`}`;
}

function requestContext(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
  log: RequestLogEntry,
  caller: Caller,
): RequestContext {
  let body: Promise<Record<string, unknown>> | undefined;
  return {
    app,
    req,
    res,
    url,
    requestId,
    log,
    caller: () => caller,
    body: () => (body ??= readBody(req).then((text) => parseBody(text, req.headers["content-type"]))),
  };
}

/** True when the fault already answered the request. Malformed token JSON is left to the token endpoint. */
async function injectFault(app: AppContext, path: string, log: RequestLogEntry, res: ServerResponse): Promise<boolean> {
  if (app.faults.latencyMs > 0) await sleep(app.faults.latencyMs);
  const fault = app.faults.pick(path, path === "/oauth2/token");
  if (fault === undefined) return false;
  log.fault = fault;
  if (fault === "server-error") {
    // Wix system errors come with an empty body by design.
    res.writeHead(503, { "content-length": 0 }).end();
    return true;
  }
  if (fault === "rate-limit") {
    res.setHeader("retry-after", String(app.faults.retryAfterSeconds));
    sendJson(res, 429, wixErrorBody(new WixApiError(429, "RESOURCE_EXHAUSTED", "Too many requests (injected fault)")));
    return true;
  }
  return false;
}

/**
 * Refuses (403) a Host that is not this machine (DNS rebinding) and an Origin that is not served; otherwise sends CORS
 * headers to a served origin, as wixapis.com does for apps on a dev server (never on the hosted HTML pages).
 */
function guardWebSurface(app: AppContext, req: IncomingMessage, res: ServerResponse, path: string): void {
  if (!hostAllowed(app.options, req.headers.host)) {
    const host = shownHost(req.headers.host);
    throw new WixApiError(
      403,
      "PERMISSION_DENIED",
      `Host "${host}" is not allowed: the emulator answers loopback names and IP addresses, and the hosts in its allowedHosts option`,
    );
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!originServed(app.options, app.origin(), origin)) {
    throw new WixApiError(
      403,
      "PERMISSION_DENIED",
      `Origin "${origin}" is not allowed: the emulator serves its own pages, the clients' redirect URI origins and its allowedOrigins option`,
    );
  }
  if (isPagePath(path)) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("vary", "Origin");
  res.setHeader("access-control-expose-headers", "x-wix-request-id, retry-after");
  if (req.method === "OPTIONS") {
    res.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE");
    res.setHeader(
      "access-control-allow-headers",
      req.headers["access-control-request-headers"] ?? "authorization, content-type, wix-site-id, wix-account-id",
    );
    res.setHeader("access-control-max-age", "600");
  }
}
