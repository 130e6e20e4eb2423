// Request encoding: a method descriptor plus a request object becomes a path, a query string and a JSON body.

import { WixConfigError } from "./errors.js";
import type { HttpVerb, MethodDescriptor } from "./types.js";

export interface EncodedRequest {
  readonly method: HttpVerb;
  /** Path with params substituted and the query string appended. */
  readonly pathAndQuery: string;
  readonly body: unknown;
}

export function encodeRequest(methodId: string, descriptor: MethodDescriptor, request: unknown): EncodedRequest {
  if (request !== undefined && request !== null && (typeof request !== "object" || Array.isArray(request))) {
    throw new WixConfigError(
      `${methodId}(request)`,
      `the request must be an object, got ${Array.isArray(request) ? "an array" : typeof request}.`,
    );
  }
  // A shallow copy: path params are removed from it, never from the caller's object.
  const rest: Record<string, unknown> = { ...((request ?? {}) as Record<string, unknown>) };
  let path = descriptor.path;
  for (const name of descriptor.pathParams) {
    const value = takeField(rest, name);
    if (value === undefined || value === null || value === "" || typeof value === "object") {
      throw new WixConfigError(
        `${methodId}(request.${name})`,
        `path parameter "${name}" is required and must be a string or number (path ${descriptor.path}).`,
      );
    }
    path = path.split(`{${name}}`).join(encodeURIComponent(String(value)));
  }
  if (descriptor.method === "GET" || descriptor.method === "DELETE") {
    // Most GETs carry nothing but path parameters: no query builder for them.
    const qs = Object.keys(rest).length === 0 ? "" : queryString(rest);
    return { method: descriptor.method, pathAndQuery: qs ? `${path}?${qs}` : path, body: undefined };
  }
  return { method: descriptor.method, pathAndQuery: path, body: rest };
}

function queryString(fields: Record<string, unknown>): string {
  const query = new URLSearchParams();
  appendQuery(query, "", fields);
  return query.toString();
}

/** Reads and removes a (possibly dotted) field, copying parents so the caller's object stays intact. */
function takeField(target: Record<string, unknown>, dotted: string): unknown {
  const parts = dotted.split(".");
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (typeof child !== "object" || child === null) return undefined;
    const copy = { ...(child as Record<string, unknown>) };
    node[part] = copy;
    node = copy;
  }
  const leaf = parts[parts.length - 1] as string;
  const value = node[leaf];
  delete node[leaf];
  return value;
}

/** Nested objects flatten with dots, arrays become repeated keys, null/undefined are skipped (Wix's GET encoding). */
export function appendQuery(query: URLSearchParams, prefix: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendQuery(query, prefix, item);
  } else if (value instanceof Date) {
    query.append(prefix, value.toISOString());
  } else if (typeof value === "object") {
    for (const [key, child] of Object.entries(value)) appendQuery(query, prefix ? `${prefix}.${key}` : key, child);
  } else if (prefix) {
    query.append(prefix, String(value));
  }
}
