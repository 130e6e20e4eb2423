// The client over a lazy table: `client.stores.products.queryProducts(…)` loads the `stores` descriptors on the first
// call under `stores`, so a browser's initial load carries the namespace loaders, never the descriptors themselves.

import { atCall, checkTop, describeAs, finish, layoutOf, type Call } from "./client.js";
import { RESERVED_NAMES } from "./contract.js";
import { WixConfigError, WixNetworkError } from "./errors.js";
import type { CallOptions, LazyMethodTable, MethodTable } from "./types.js";

/** Loaded (or loading) namespaces per lazy table: shared by every client of the table (a login's member client too). */
const loaded = new WeakMap<LazyMethodTable, Map<string, Promise<MethodTable>>>();

const kinds = new WeakMap<object, boolean>();

/** True for a lazy table (its values are loaders); an eager MethodTable's values are descriptors. Read once a table. */
export function isLazyTable(table: MethodTable | LazyMethodTable): table is LazyMethodTable {
  let lazy = kinds.get(table);
  if (lazy === undefined) {
    const values = Object.values(table);
    const loaders = values.filter((v) => typeof v === "function").length;
    if (loaders > 0 && loaders < values.length)
      throw new WixConfigError("method table", "mixes namespace loaders and method descriptors; use one or the other.");
    kinds.set(table, (lazy = loaders > 0));
  }
  return lazy;
}

/** A namespace's descriptors, loaded once; a failed load is forgotten so the next call tries again. */
function load(index: LazyMethodTable, top: string): Promise<MethodTable> {
  let cache = loaded.get(index);
  if (!cache) loaded.set(index, (cache = new Map()));
  let pending = cache.get(top);
  if (!pending) {
    pending = index[top]!().then((chunk) => checked(top, chunk?.methods));
    cache.set(top, pending);
    pending.catch(() => cache.delete(top));
  }
  return pending;
}

/** The chunk holds a table whose ids all sit under its namespace and pass the same checks as an eager table. */
function checked(top: string, methods: MethodTable | undefined): MethodTable {
  if (typeof methods !== "object" || methods === null)
    throw new WixConfigError(`method table "${top}"`, "its module exports no `methods` table.");
  for (const id of Object.keys(methods))
    if (!id.startsWith(`${top}.`))
      throw new WixConfigError(`method table "${id}"`, `it was loaded for the "${top}" namespace.`);
  layoutOf(methods);
  return methods;
}

interface Lazy {
  readonly label: string;
  readonly index: LazyMethodTable;
  readonly call: Call;
  /** Starts loading what a call needs besides the descriptors (the wire), so both chunks arrive together. */
  readonly prefetch: (() => void) | undefined;
}

async function callLazy(ctx: Lazy, path: readonly string[], request: unknown, options?: CallOptions) {
  const id = path.join(".");
  ctx.prefetch?.();
  let table: MethodTable;
  try {
    table = await load(ctx.index, path[0]!);
  } catch (error) {
    if (error instanceof WixConfigError) throw error;
    // The app's own asset did not arrive (offline, a deploy removed the old chunk): no Wix request was made.
    throw new WixNetworkError({
      reason: "network",
      operation: `loading the ${path[0]} methods`,
      attempts: 1,
      cause: error,
    });
  }
  const descriptor = Object.hasOwn(table, id) ? table[id] : undefined;
  if (descriptor === undefined)
    throw new WixConfigError(
      id,
      "not a method of this client: its spec has no such method, or only a server-side identity may call it.",
    );
  return ctx.call(id, descriptor, request, options);
}

/**
 * A namespace or method under a lazy namespace: any name (but the reserved ones) is a deeper node, and calling a node
 * calls the method of that id once its namespace is loaded. The generated types say which names exist; a name the
 * spec does not have fails when called, naming it. Read-only, like the eager client's frozen namespaces.
 */
function node(ctx: Lazy, path: readonly string[]): unknown {
  const children = new Map<string, unknown>();
  const target = () => undefined;
  // No own `name` or `length`: a frozen target's own properties would fix what the proxy must answer for them.
  delete (target as { name?: string }).name;
  delete (target as { length?: number }).length;
  describeAs(target, `${ctx.label}.${path.join(".")}`);
  Object.freeze(target);
  return new Proxy(target, {
    get(t, key) {
      if (typeof key !== "string" || RESERVED_NAMES.includes(key)) return Reflect.get(t, key);
      let child = children.get(key);
      if (child === undefined) children.set(key, (child = node(ctx, [...path, key])));
      return child;
    },
    apply: (_t, _this, args: unknown[]) => callLazy(ctx, path, atCall(args[0]), args[1] as CallOptions | undefined),
  });
}

/** `{ auth, stores, ecom, … }`: one lazy node per top-level namespace of the index. */
export function buildLazyClient(
  label: string,
  index: LazyMethodTable,
  auth: object | undefined,
  call: Call,
  prefetch?: () => void,
): object {
  const root: Record<string, unknown> = {};
  const ctx: Lazy = { label, index, call, prefetch };
  for (const top of Object.keys(index).sort()) {
    const broken = (why: string) => new WixConfigError(`method table "${top}"`, why);
    if (!/^[^.]+$/.test(top) || RESERVED_NAMES.includes(top))
      throw broken(
        "a lazy table is keyed by top-level namespace names; empty, dotted or reserved names are not allowed.",
      );
    checkTop(top, broken);
    root[top] = node(ctx, [top]);
  }
  if (auth) root.auth = auth;
  return finish(root, label);
}
