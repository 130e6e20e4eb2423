// Request encoding: a method descriptor plus a request object becomes a path, a query string and a JSON body.

import type { HttpVerb, MethodDescriptor } from "./types.js";
import { WixConfigError } from "./wire-link.js";

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
  const input = (request ?? {}) as Record<string, unknown>;
  // Path params leave `rest` by copying, never by deleting from the caller's object (nor from a copy: `delete`
  // turns an object into a slow dictionary).
  let rest = input;
  let path = descriptor.path;
  for (const name of descriptor.pathParams) {
    let value: unknown;
    if (name.includes(".")) value = takeField((rest = rest === input ? { ...input } : rest), name);
    else ({ [name]: value, ...rest } = rest);
    if (value === undefined || value === null || value === "" || typeof value === "object") {
      throw new WixConfigError(
        `${methodId}(request.${name})`,
        `path parameter "${name}" is required and must be a string or number (path ${descriptor.path}).`,
      );
    }
    const encoded = encodeURIComponent(String(value));
    // encodeURIComponent leaves `.` alone, and fetch collapses dot segments: `..` would reach another endpoint.
    if (encoded === "." || encoded === "..") {
      throw new WixConfigError(
        `${methodId}(request.${name})`,
        `path parameter "${name}" may not be "${encoded}" (it would change the path ${descriptor.path}).`,
      );
    }
    path = path.replaceAll(`{${name}}`, () => encoded);
  }
  if (descriptor.method === "GET" || descriptor.method === "DELETE") {
    // Most GETs carry nothing but path parameters: no query builder for them.
    const qs = Object.keys(rest).length === 0 ? "" : queryString(methodId, rest);
    return { method: descriptor.method, pathAndQuery: qs ? `${path}?${qs}` : path, body: undefined };
  }
  // A copy either way: the caller may change its object while the call waits for a token.
  return { method: descriptor.method, pathAndQuery: path, body: rest === input ? { ...input } : rest };
}

function queryString(methodId: string, fields: Record<string, unknown>): string {
  // A list of objects (a query's `sort: [{fieldName}]`) has no flat form: like @wix/sdk-runtime's toURLSearchParams,
  // send the whole request as `.r=<base64url(JSON)>`.
  const cycle = (): never => {
    throw new WixConfigError(
      `${methodId}(request)`,
      "the request refers to itself (a cycle), so it has no query string.",
    );
  };
  if (hasObjectInList(fields, new Set())) {
    let json: string;
    try {
      json = JSON.stringify(fields);
    } catch {
      return cycle();
    }
    return new URLSearchParams({ ".r": base64url(json) }).toString();
  }
  const query = new URLSearchParams();
  appendQuery(query, "", fields, cycle);
  return query.toString();
}

function hasObjectInList(value: unknown, open: Set<object>): boolean {
  if (typeof value !== "object" || value === null || value instanceof Date || open.has(value)) return false;
  open.add(value);
  const children = Array.isArray(value) ? value : Object.values(value);
  const found =
    (Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null && !(v instanceof Date))) ||
    children.some((child) => hasObjectInList(child, open));
  open.delete(value);
  return found;
}

/** UTF-8 → base64url without padding, in browsers and Node alike. */
function base64url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
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
function appendQuery(
  query: URLSearchParams,
  prefix: string,
  value: unknown,
  cycle: () => never,
  open = new Set<object>(),
): void {
  if (value === undefined || value === null) return;
  if (typeof value === "object" && !(value instanceof Date)) {
    if (open.has(value)) cycle();
    open.add(value);
    if (Array.isArray(value)) for (const item of value) appendQuery(query, prefix, item, cycle, open);
    else
      for (const [key, child] of Object.entries(value))
        appendQuery(query, prefix ? `${prefix}.${key}` : key, child, cycle, open);
    open.delete(value);
  } else if (value instanceof Date) {
    query.append(prefix, value.toISOString());
  } else if (prefix) {
    query.append(prefix, String(value));
  }
}
