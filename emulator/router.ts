// A tiny router: verb + path template (`/members/v1/members/{id}`) → handler, plus the per-request context it gets.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller } from "./caller.js";
import { WixValidationError } from "./http.js";
import type { FaultInjector } from "./faults.js";
import type { ResolvedOptions } from "./options.js";
import type { EmulatorState } from "./state.js";
import type { TokenIssuer } from "./tokens.js";

/** One line of the request log. Never holds a credential. */
export interface RequestLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  /** `anonymous`, `unauthenticated`, `forbidden`, `visitor`, `member`, `admin (api-key)`, `admin (app-token)`. */
  identity: string;
  /** Visitor id or member id behind the token, when there is one. */
  subject?: string;
  status: number;
  /** For `/oauth2/token`: the grant asked for. */
  grantType?: string;
  /** For spec methods: the method id served. */
  methodId?: string;
  fault?: string;
}

/** Everything long-lived a handler may use. */
export interface AppContext {
  readonly options: ResolvedOptions;
  readonly state: EmulatorState;
  readonly issuer: TokenIssuer;
  readonly faults: FaultInjector;
  /** `http://host:port` of the running emulator. */
  origin(): string;
  nowSeconds(): number;
  nowIso(): string;
}

export interface RequestContext {
  readonly app: AppContext;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly requestId: string;
  readonly log: RequestLogEntry;
  /** Resolved once, from the Authorization header. */
  caller(): Caller;
  /** The parsed body (JSON or form-urlencoded). */
  body(): Promise<Record<string, unknown>>;
}

export type Handler = (rc: RequestContext, params: Readonly<Record<string, string>>) => Promise<void> | void;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const source = template
      .split("/")
      .map((segment) => {
        // `{id}`, or a dotted `{product.id}` naming a nested request field (spec/schema.json's path pattern).
        const param = /^\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}$/.exec(segment);
        if (param === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(param[1]!);
        return "([^/]+)";
      })
      .join("/");
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** `undefined` when no route has this path; `"method-not-allowed"` when the path exists under another verb. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | "method-not-allowed" | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (found === null) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodePathSegment(found[i + 1]!);
      });
      return { handler: route.handler, params };
    }
    return pathKnown ? "method-not-allowed" : undefined;
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new WixValidationError([{ field: "path", description: "has a malformed %-escape", violatedRule: "FORMAT" }]);
  }
}
