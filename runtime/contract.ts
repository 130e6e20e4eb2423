// contract: what generated code and the runtime agree on — the method descriptor, the method table, Blocked and the
// reserved names. The runtime owns it; the generated method tables are type-checked against MethodTable by the
// compiler. The identity table itself is identities.ts (data the tools read; browser code never imports it).

export type { Identity, IdentityInfo } from "./identities.js";
import type { Identity } from "./identities.js";

export type HttpVerb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One API method, as the generator emits it into a method table. */
export interface MethodDescriptor {
  readonly method: HttpVerb;
  /** Path with `{param}` placeholders, e.g. `/stores/v1/products/{id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly identities: readonly Identity[];
  readonly permissions: readonly string[];
}

/** Method descriptors keyed by method id (`stores.products.queryProducts`). */
export type MethodTable = Readonly<Record<string, MethodDescriptor>>;

/** One top-level namespace's descriptors, as a lazily loaded module exports them (`site-methods.stores.js`). */
export interface MethodChunk {
  readonly methods: MethodTable;
}

/**
 * The browser table, split by top-level namespace (`stores`, `ecom`): each entry loads that namespace's descriptors
 * with a dynamic `import()` on its first call, so a page's initial bundle holds only these loaders, never the
 * descriptors of methods it does not call.
 */
export type LazyMethodTable = Readonly<Record<string, () => Promise<MethodChunk>>>;

/**
 * A method this identity may not call: calling it is error TS2684, whose text is `M` (it names who may call).
 * Declared as a method so parameters compare bivariantly: a MemberClient's real method stays assignable to a
 * VisitorClient's Blocked one.
 */
export type Blocked<M extends string> = { blocked(this: M, request?: unknown, options?: unknown): unknown }["blocked"];

/**
 * Names no namespace or method may have, at any level: they would shadow what JavaScript objects, promises and
 * functions already have (`then` would make a client look like a promise; a browser client's namespaces and methods
 * are functions until their descriptors load, and `method.bind(…)` must stay Function.prototype.bind). The spec rules
 * and the runtime's table check both read this list.
 */
export const RESERVED_NAMES: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toJSON",
  "then",
  "bind",
  "call",
  "apply",
];

/** Top-level names the client itself uses: `auth`, the session API of OAuth clients. */
export const RESERVED_TOP_LEVEL_NAMES: readonly string[] = ["auth"];
