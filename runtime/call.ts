// One guarded call of a Wix method: identity guard, request encoding, token, 401 renewal, typed API errors. Part of
// the wire (wire.ts): its error classes come from wire-link.ts.

import type { ClientCore } from "./client.js";
import type { WixApiError as ApiError } from "./errors.js";
import { encodeRequest } from "./request.js";
import type { HttpResponse } from "./transport.js";
import type { CallOptions, MethodDescriptor } from "./types.js";
import { WixApiError, WixIdentityError } from "./wire-link.js";

/** A JSON value as an object to read fields from: `{}` for anything that is not one. */
const asRecord = (value: unknown): Record<string, unknown> =>
  (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;

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
    throw core.secrets.scrub(error);
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

function apiError(core: ClientCore, id: string, d: MethodDescriptor, res: HttpResponse): ApiError {
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
