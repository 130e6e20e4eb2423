// The core values the lazily loaded login flows use, bound once when their chunk loads (see link()).

import type * as Callback from "./callback.js";
import type * as Call from "./call.js";
import type * as Errors from "./errors.js";
import type * as Options from "./options.js";

/**
 * The flows import these bindings as if from the core modules. They cannot import the core modules themselves: esbuild
 * puts every module that both the entry and a dynamic-import chunk import into a shared chunk, a second initial
 * request (evanw/esbuild#2144). So the chunk imports only types from the core, and the loader in auth-api.ts hands it
 * the values here before any flow runs.
 */
export interface CoreValues {
  readonly callMethod: typeof Call.callMethod;
  readonly parseCallback: typeof Callback.parseCallback;
  readonly requireString: typeof Options.requireString;
  readonly WixApiError: typeof Errors.WixApiError;
  readonly WixConfigError: typeof Errors.WixConfigError;
  readonly WixLoginError: typeof Errors.WixLoginError;
  readonly WixResponseError: typeof Errors.WixResponseError;
}

export let callMethod: CoreValues["callMethod"];
export let parseCallback: CoreValues["parseCallback"];
export let requireString: CoreValues["requireString"];
export let WixApiError: CoreValues["WixApiError"];
export let WixConfigError: CoreValues["WixConfigError"];
export let WixLoginError: CoreValues["WixLoginError"];
export let WixResponseError: CoreValues["WixResponseError"];

/** Binds the values; the same every time (they are the core's module exports), so calling it again is harmless. */
export function link(core: CoreValues): void {
  ({ callMethod, parseCallback, requireString, WixApiError, WixConfigError, WixLoginError, WixResponseError } = core);
}
