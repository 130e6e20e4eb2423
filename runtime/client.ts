// The client object: nested namespaces built from a method table, every method routed through one guarded call
// (call.ts, which the client reaches through `Call`: in browsers it loads with the wire on the first call).

import { RESERVED_NAMES, RESERVED_TOP_LEVEL_NAMES } from "./contract.js";
import { WixConfigError } from "./errors.js";
import type { SecretSet } from "./secrets.js";
import type { TokenSession } from "./session.js";
import type { Transport } from "./transport.js";
import type { CallOptions, Identity, MethodDescriptor, MethodTable } from "./types.js";

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

/** Calls one method of the table: callMethod on the client's core, once the core is there. */
export type Call = (id: string, d: MethodDescriptor, request: unknown, options?: CallOptions) => Promise<unknown>;

/**
 * The request as it is at the call (a shallow copy, as the encoded body is): the caller may change its object while
 * the call waits for code, descriptors or a token. Anything but a plain object is left for encodeRequest to refuse.
 */
export const atCall = (request: unknown): unknown =>
  typeof request === "object" && request !== null && !Array.isArray(request) ? { ...request } : request;

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
      checkTop(path[0] ?? name, broken);
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

/** A top-level name the client itself uses (`auth`) is no namespace of a table, lazy or not. */
export function checkTop(top: string, broken: (why: string) => Error): void {
  if (RESERVED_TOP_LEVEL_NAMES.includes(top))
    throw broken(`the top-level name "${top}" is reserved (auth: the session API).`);
}

/** Builds `{ auth, stores: { products: { queryProducts } } }` from the table (admin clients have no `auth`). */
export function buildClient(label: string, table: MethodTable, auth: object | undefined, call: Call): object {
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
    node[name] = (request?: unknown, options?: CallOptions) => call(id, descriptor, atCall(request), options);
  }
  if (auth) root.auth = auth;
  return finish(root, label);
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
