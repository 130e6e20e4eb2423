// The client object: nested namespaces built from a method table, every method routed through one guarded call().

import { RESERVED_NAMES, RESERVED_TOP_LEVEL_NAMES } from "./contract.js";
import { WixApiError, WixAuthzError, WixConfigError, WixIdentityError } from "./errors.js";
import type { SecretSet } from "./redact.js";
import { encodeRequest } from "./request.js";
import type { TokenSession } from "./session.js";
import type { HttpResponse, Transport } from "./transport.js";
import { asRecord, type CallOptions, type Identity, type MethodDescriptor, type MethodTable } from "./types.js";

/** How a client authenticates: a renewable OAuth session, or fixed headers (API key + site/account id). */
export type Credentials = { session: TokenSession } | { fixedHeaders: Record<string, string> };

export interface ClientCore {
  readonly identity: Identity;
  readonly transport: Transport;
  readonly secrets: SecretSet;
  readonly credentials: Credentials;
  /** Bypasses the runtime identity guard so the server's own answer (usually 403) can be observed. */
  readonly dangerouslySkipIdentityGuard: boolean;
  /** Shown by toString/inspect/JSON instead of the client's internals. */
  readonly label: string;
}

export async function callMethod(
  core: ClientCore,
  id: string,
  d: MethodDescriptor,
  request: unknown,
  options: CallOptions = {},
  // Login endpoints answer a wrong password with 401: that is an answer, not an expired token.
  renewOn401 = true,
): Promise<unknown> {
  try {
    if (!core.dangerouslySkipIdentityGuard && !d.identities.includes(core.identity)) {
      throw new WixIdentityError(id, core.identity, d.identities);
    }
    const encoded = encodeRequest(id, d, request);
    const extra = options.headers ? callerHeaders(core, options.headers) : undefined;
    const send = (auth: Record<string, string>) =>
      core.transport.send({
        operation: id,
        method: encoded.method,
        url: encoded.pathAndQuery,
        headers: extra ? { ...extra, ...auth } : auth,
        body: encoded.body,
        idempotent: encoded.method === "GET" || encoded.method === "PUT" || encoded.method === "DELETE",
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    let res: HttpResponse;
    if ("session" in core.credentials) {
      const session = core.credentials.session;
      const token = await session.accessToken(options.signal);
      res = await send({ authorization: token });
      // A token the server considers expired or revoked: renew once and retry once, then report the 401.
      if (res.status === 401 && renewOn401)
        res = await send({ authorization: await session.renewAfterRejection(token, options.signal) });
    } else {
      res = await send(core.credentials.fixedHeaders);
    }
    if (res.status < 200 || res.status >= 300) throw apiError(core, id, d, res);
    return res.json ?? {};
  } catch (error) {
    throw error instanceof WixAuthzError ? error.scrub(core.secrets) : error;
  }
}

/**
 * Caller headers never replace the client's own credentials. The names come from the credentials themselves, so the
 * admin tenant header names never reach a browser bundle.
 */
function callerHeaders(core: ClientCore, headers: Record<string, string>): Record<string, string> {
  const own = "fixedHeaders" in core.credentials ? core.credentials.fixedHeaders : {};
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => {
      const lower = name.toLowerCase();
      return lower !== "authorization" && !Object.hasOwn(own, lower);
    }),
  );
}

function apiError(core: ClientCore, id: string, d: MethodDescriptor, res: HttpResponse): WixApiError {
  const body = asRecord(res.json);
  const details = asRecord(body.details);
  const app = asRecord(details.applicationError);
  const violations = asRecord(details.validationError).fieldViolations;
  const fieldViolations = (Array.isArray(violations) ? violations : []).map((v) => {
    const r = asRecord(v);
    return { field: String(r.field ?? ""), description: String(r.description ?? "") };
  });
  const code =
    app.code !== undefined && app.code !== ""
      ? String(app.code)
      : fieldViolations.length
        ? "INVALID_ARGUMENT"
        : "UNKNOWN";
  const description =
    typeof app.description === "string" && app.description
      ? app.description
      : fieldViolations.map((v) => `${v.field}: ${v.description}`).join("; ");
  return new WixApiError({
    status: res.status,
    code,
    description,
    serverMessage: typeof body.message === "string" ? body.message : undefined,
    requestId: res.requestId,
    methodId: id,
    identity: core.identity,
    allowedIdentities: d.identities,
    permissions: d.permissions,
    fieldViolations,
    retryAfterMs: res.retryAfterMs,
  });
}

/** A table's methods as namespace paths, checked: worked out once per table, not at every client construction. */
type Layout = readonly { readonly id: string; readonly path: readonly string[]; readonly name: string }[];
const layouts = new WeakMap<MethodTable, Layout>();

export function layoutOf(table: MethodTable): Layout {
  let layout = layouts.get(table);
  if (layout) return layout;
  const seen = new Map<string, "namespace" | "method">();
  // Sorted, a method comes before any id it prefixes: "a.b" then "a.b.c" meets a method where it needs a namespace.
  layout = Object.keys(table)
    .sort()
    .map((id) => {
      const path = id.split(".");
      const name = path.pop() as string;
      const broken = (why: string) => new WixConfigError(`method table "${id}"`, why);
      // The same reserved names as the spec rules (contract.ts): a table made by hand fails as a spec would.
      if ([...path, name].some((p) => p === "" || RESERVED_NAMES.includes(p)))
        throw broken("method ids are dot-separated names; empty or reserved segments are not allowed.");
      const top = path[0] ?? name;
      if (RESERVED_TOP_LEVEL_NAMES.includes(top))
        throw broken(`the top-level name "${top}" is reserved (auth: the session API).`);
      for (let i = 1; i <= path.length; i++) {
        const prefix = path.slice(0, i).join(".");
        if (seen.get(prefix) === "method") throw broken(`"${path[i - 1]}" is both a method and a namespace.`);
        seen.set(prefix, "namespace");
      }
      if (seen.has(id)) throw broken(`"${name}" is both a method and a namespace.`);
      seen.set(id, "method");
      return { id, path, name };
    });
  layouts.set(table, layout);
  return layout;
}

/** Builds `{ auth, stores: { products: { queryProducts } } }` from the table (admin clients have no `auth`). */
export function buildClient(core: ClientCore, table: MethodTable, auth: object | undefined): object {
  const root: Record<string, unknown> = {};
  for (const { id, path, name } of layoutOf(table)) {
    const descriptor = table[id] as MethodDescriptor;
    let node = root;
    // Own properties only: `node[part] ??= {}` would find (and then write into) an inherited member such as
    // Object.prototype.__lookupGetter__ for a hand-made table id.
    for (const part of path) {
      if (!Object.hasOwn(node, part)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[name] = (request?: unknown, options?: CallOptions) => callMethod(core, id, descriptor, request, options);
  }
  if (auth) root.auth = auth;
  return finish(root, core.label);
}
/** Freezes namespaces and gives the root safe string, JSON and inspect forms. */
export function finish(root: Record<string, unknown>, label: string): object {
  const freeze = (node: Record<string, unknown>) => {
    for (const value of Object.values(node))
      if (typeof value === "object" && value !== null && !Object.isFrozen(value))
        freeze(value as Record<string, unknown>);
    Object.freeze(node);
  };
  describeAs(root, label);
  freeze(root);
  return root;
}

/** toString, toJSON and inspect give `label`: never the client's internals (tokens live in there). */
export function describeAs(target: object, label: string): void {
  const describe = () => label;
  for (const key of ["toString", "toJSON", Symbol.for("nodejs.util.inspect.custom")]) {
    Object.defineProperty(target, key, { value: describe, enumerable: false });
  }
}
