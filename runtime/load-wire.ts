// Loads the wire (wire.ts) once, linked to the core; every client, SSR helper and admin client reaches transport,
// token session and calls through here. The browser build (package.json "#load-wire", condition "browser"): on a
// server, load-wire-node.ts links it statically instead.

import { WixNetworkError } from "./errors.js";
import type * as WireModule from "./wire.js";
import { VALUES } from "./wire-values.js";

export type Wire = typeof WireModule;

let pending: Promise<Wire> | undefined;

/**
 * The wire module, linked. A dynamic import: bundlers with code splitting put it in a chunk fetched on the first call
 * (in parallel with the namespace's descriptors). A failed load is forgotten, so the next call tries again.
 */
export function loadWire(): Promise<Wire> {
  if (!pending) {
    const loading = import("./wire.js").then((wire) => (wire.link(VALUES), wire));
    pending = loading;
    loading.catch(() => {
      if (pending === loading) pending = undefined;
    });
  }
  return pending;
}

/** The wire for `operation`: the app's own asset that did not arrive (offline, a removed chunk) is a network error. */
export async function wireFor(operation: string): Promise<Wire> {
  try {
    return await loadWire();
  } catch (cause) {
    // No Wix request was made; the next call loads the chunk again.
    throw new WixNetworkError({
      reason: "network",
      operation: `${operation} (loading the runtime)`,
      attempts: 1,
      cause,
    });
  }
}
