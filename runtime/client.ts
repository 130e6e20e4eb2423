// The client object: nested namespaces built from a method table, every method routed through one guarded call().

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

const RESERVED = /^(?:|__proto__|constructor|prototype)$/;

/** Builds `{ auth, stores: { products: { queryProducts } } }` from the table (admin clients have no `auth`). */
export function buildClient(core: ClientCore, table: MethodTable, auth: object | undefined): object {
  const root: Record<string, unknown> = {};
  // Sorted, a method comes before any id it prefixes: "a.b" then "a.b.c" meets a function where it needs a namespace.
  for (const id of Object.keys(table).sort()) {
    const descriptor = table[id] as MethodDescriptor;
    const parts = id.split(".");
    const name = parts.pop() as string;
    const broken = (why: string) => new WixConfigError(`method table "${id}"`, why);
    if ([...parts, name].some((p) => RESERVED.test(p)))
      throw broken("method ids are dot-separated names; empty or reserved segments are not allowed.");
    const top = parts[0] ?? name;
    // `auth` is the session API; toString/toJSON are the client's safe string forms (see finish).
    if (top === "auth" || top === "toString" || top === "toJSON")
      throw broken(
        `the top-level name "${top}" is reserved (auth: the session API; toString, toJSON: the client's label).`,
      );
    let node = root;
    for (const part of parts) {
      // Own properties only: a method may be called `toString`.
      if (!Object.hasOwn(node, part)) node[part] = {};
      node = node[part] as Record<string, unknown>;
      if (typeof node !== "object") throw broken(`"${part}" is both a method and a namespace.`);
    }
    if (Object.hasOwn(node, name)) throw broken(`"${name}" is both a method and a namespace.`);
    node[name] = (request?: unknown, options?: CallOptions) => callMethod(core, id, descriptor, request, options);
  }
  if (auth) root.auth = auth;
  return finish(root, core.label);
}
/** Freezes namespaces and gives the root safe string, JSON and inspect forms. */
function finish(root: Record<string, unknown>, label: string): object {
  const freeze = (node: Record<string, unknown>) => {
    for (const value of Object.values(node))
      if (typeof value === "object" && value !== null && !Object.isFrozen(value))
        freeze(value as Record<string, unknown>);
    Object.freeze(node);
  };
  const describe = () => label;
  for (const key of ["toString", "toJSON", Symbol.for("nodejs.util.inspect.custom")]) {
    Object.defineProperty(root, key, { value: describe, enumerable: false });
  }
  freeze(root);
  return root;
}
