// What a stateful method handler receives and returns; handlers are keyed by spec method id.
import type { Identity } from "../../core/model.js";
import type { AccessClaims } from "../tokens.js";
import type { AppContext } from "../router.js";

export interface MethodCall {
  readonly app: AppContext;
  readonly identity: Identity;
  /** Token claims for visitor/member (and app-token admin) callers; absent for API keys. */
  readonly claims?: AccessClaims;
  /** The validated request: body (or decoded query) with path parameters merged in. */
  readonly request: Readonly<Record<string, unknown>>;
}

/** Returns the response body; throws WixApiError for Wix application errors. */
export type MethodHandler = (call: MethodCall) => unknown;

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
