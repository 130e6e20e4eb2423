// The core values the lazily loaded wire (transport, token session, calls) uses, bound once when its chunk loads.

import type * as Errors from "./errors.js";
import type * as Redact from "./redact.js";
import type * as TokensModule from "./tokens.js";

/**
 * The wire modules read these bindings as if from errors.ts, tokens.ts and redact.ts. They cannot import those
 * modules: the core (the initial chunk) imports them too, and esbuild puts every module that both the entry and a
 * dynamic-import chunk import into a shared chunk, a second initial request (evanw/esbuild#2144) — even a module only
 * re-exported by index.ts that the app never uses. The error classes stay in the core (a chunk that fails to load is
 * reported as a WixNetworkError; an app's `instanceof` needs the one class); load-wire.ts hands them over before the
 * wire runs.
 */
export interface WireValues {
  readonly WixAuthzError: typeof Errors.WixAuthzError;
  readonly WixApiError: typeof Errors.WixApiError;
  readonly WixConfigError: typeof Errors.WixConfigError;
  readonly WixIdentityError: typeof Errors.WixIdentityError;
  readonly WixNetworkError: typeof Errors.WixNetworkError;
  readonly WixResponseError: typeof Errors.WixResponseError;
  readonly WixSessionExpiredError: typeof Errors.WixSessionExpiredError;
  readonly WixTokenError: typeof Errors.WixTokenError;
  readonly tokensProblem: typeof TokensModule.tokensProblem;
  readonly REDACTED: typeof Redact.REDACTED;
  readonly redactShapes: typeof Redact.redactShapes;
  readonly redactDeep: typeof Errors.redactDeep;
}

export let WixAuthzError: WireValues["WixAuthzError"];
export let WixApiError: WireValues["WixApiError"];
export let WixConfigError: WireValues["WixConfigError"];
export let WixIdentityError: WireValues["WixIdentityError"];
export let WixNetworkError: WireValues["WixNetworkError"];
export let WixResponseError: WireValues["WixResponseError"];
export let WixSessionExpiredError: WireValues["WixSessionExpiredError"];
export let WixTokenError: WireValues["WixTokenError"];
export let tokensProblem: WireValues["tokensProblem"];
export let REDACTED: WireValues["REDACTED"];
export let redactShapes: WireValues["redactShapes"];
export let redactDeep: WireValues["redactDeep"];

/** Binds the values; the same every time (they are the core's module exports), so calling it again is harmless. */
export function link(core: WireValues): void {
  ({
    WixAuthzError,
    WixApiError,
    WixConfigError,
    WixIdentityError,
    WixNetworkError,
    WixResponseError,
    WixSessionExpiredError,
    WixTokenError,
    tokensProblem,
    REDACTED,
    redactShapes,
    redactDeep,
  } = core);
}
