// The wire on servers (package.json "#load-wire", every condition but "browser"): imported and linked statically, so
// a Node process's calls take the same turns of the event loop as before the browser build split the wire out.

import * as wire from "./wire.js";
import { VALUES } from "./wire-values.js";

export type Wire = typeof wire;

wire.link(VALUES);
const loaded = Promise.resolve(wire);

/** The wire module, linked (load-wire.ts's signature). */
export const loadWire = (): Promise<Wire> => loaded;

/** The wire for an operation; on a server it is always there. */
export const wireFor = (_operation: string): Promise<Wire> => loaded;
