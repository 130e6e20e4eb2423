// Loads the wire (wire.ts) once, linked to the core; every client, SSR helper and admin client reaches transport,
// token session and calls through here. The browser build (package.json "#load-wire", condition "browser"): on a
// server, load-wire-node.ts links it statically instead.

import { WixNetworkError } from "./errors.js";
import type * as WireModule from "./wire.js";
import { VALUES } from "./wire-values.js";

export type Wire = typeof WireModule;

/**
 * A loader of the wire module, linked, that loads it once. A failed load is forgotten, so the next call tries again.
 * `importWire` is the dynamic import; a test passes one that fails.
 */
export function wireLoader(importWire: () => Promise<Wire>): () => Promise<Wire> {
  let pending: Promise<Wire> | undefined;
  return () => {
    if (!pending) {
      const loading = importWire().then((wire) => (wire.link(VALUES), wire));
      pending = loading;
      loading.catch(() => {
        if (pending === loading) pending = undefined;
      });
    }
    return pending;
  };
}

/**
 * The wire module, linked. A dynamic import: bundlers with code splitting put it in a chunk fetched on the first call
 * (in parallel with the namespace's descriptors).
 */
export const loadWire = wireLoader(() => import("./wire.js"));

/** The wire for `operation`: the app's own asset that did not arrive (offline, a removed chunk) is a network error. */
export async function wireFor(operation: string, load = loadWire): Promise<Wire> {
  try {
    return await load();
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
