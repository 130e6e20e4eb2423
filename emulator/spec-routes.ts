// Every spec method served at its verb + path: identity enforcement (401/403), ajv validation (400), then a handler.
import type { ApiModel, MethodModel } from "../core/model.js";
import { identityOf } from "./caller.js";
import { HANDLERS } from "./handlers/index.js";
import { WixApiError, WixValidationError, sendJson } from "./http.js";
import { decodeQuery } from "./query.js";
import type { RequestContext, Router } from "./router.js";
import { sampleFor } from "./sample.js";
import type { ModelValidators } from "./validate.js";

/** `validators` is called on a route's first request: validators compile on first use, never at start. */
export function addSpecRoutes(router: Router, model: ApiModel, validators: () => Promise<ModelValidators>): void {
  // Literal segments win over `{param}` ones (`/members/my` before `/members/{id}`), whatever the spec order.
  const ordered = [...model.methods].sort(
    (a, b) => a.http.pathParams.length - b.http.pathParams.length || a.id.localeCompare(b.id),
  );
  for (const method of ordered) {
    router.add(method.http.method, method.http.path, (rc, params) => serve(rc, params, method, model, validators));
  }
}

async function serve(
  rc: RequestContext,
  params: Readonly<Record<string, string>>,
  method: MethodModel,
  model: ApiModel,
  validatorsOf: () => Promise<ModelValidators>,
): Promise<void> {
  rc.log.methodId = method.id;
  const validators = await validatorsOf();
  const caller = rc.caller();
  const identity = identityOf(caller);
  if (!method.identities.includes(identity)) {
    const what = method.permissions.length > 0 ? method.permissions.join(", ") : method.id;
    throw new WixApiError(403, "PERMISSION_DENIED", `Unauthorized to perform ${what}`, {
      identity,
      allowedIdentities: method.identities,
    });
  }
  const fromQuery = method.http.method === "GET" || method.http.method === "DELETE";
  const request = fromQuery ? decodeQuery(rc.url.searchParams) : await rc.body();
  // Path parameters are the truth: the SDK also repeats them in the query string of GETs. `{product.id}` is
  // request.product.id (clients may leave it out of the body: the URL carries it).
  for (const [name, value] of Object.entries(params)) setField(request, name.split("."), value);
  const violations = validators.request(method.id, request, fromQuery);
  if (violations.length > 0) throw new WixValidationError(violations);
  const handler = HANDLERS[method.id];
  const claims =
    caller.kind === "visitor" || caller.kind === "member" || caller.kind === "admin" ? caller.claims : undefined;
  const response =
    handler === undefined
      ? sampleFor(method.response, model, rc.app.nowIso())
      : handler({ app: rc.app, identity, request, ...(claims !== undefined && { claims }) });
  const problems = validators.response(method.id, response);
  if (problems.length > 0) {
    // A handler (or the sample generator) broke the spec's promise: an emulator bug, reported as one.
    const detail = problems.map((p) => `${p.field} ${p.description}`).join("; ");
    throw new WixApiError(
      500,
      "EMULATOR_RESPONSE_INVALID",
      `Emulator response for ${method.id} violates its schema: ${detail}`,
    );
  }
  sendJson(rc.res, 200, response);
}

/** Sets a (possibly nested) field, replacing whatever non-object stood on the way. */
function setField(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node = node[key] = typeof child === "object" && child !== null && !Array.isArray(child) ? { ...child } : {};
  }
  node[path.at(-1)!] = value;
}
