// Typed runtime errors: one class per failure kind, readable messages, secrets scrubbed from every text field.

import type { Identity } from "./types.js";
import { redactShapes } from "./redact.js";

export type ErrorKind = "api" | "token" | "session" | "network" | "response" | "identity" | "login" | "config";

/** Base of every error the runtime throws. `toJSON` gives the structured fields, never secrets. */
export abstract class WixAuthzError extends Error {
  declare readonly kind: ErrorKind;

  /** `fields` become own properties in their order (`kind` first): what `toJSON` shows after name and message. */
  constructor(message: string, fields: { kind: ErrorKind; [field: string]: unknown }, cause?: unknown) {
    super(redactShapes(message), cause === undefined ? undefined : { cause: safeCause(cause) });
    this.name = new.target.name;
    Object.assign(this, redactDeep(fields, redactShapes));
  }

  toJSON(): Record<string, unknown> {
    // Own fields after these three; `message`, `stack` and `cause` are not enumerable, so never repeated.
    return Object.assign({ name: this.name, kind: this.kind, message: this.message }, this as object);
  }
}

/**
 * Strings redacted in plain data (objects and arrays, copied); anything else kept as is. A client's own secrets are
 * scrubbed by its SecretSet (secrets.ts), in the wire: they are only known once the wire has learnt them.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}

/** Keeps the cause's type and message only: foreign errors may carry request details we do not control. */
function safeCause(cause: unknown): Error {
  if (cause instanceof WixAuthzError) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  const copy = new Error(redactShapes(text));
  copy.name = cause instanceof Error ? cause.name : "Error";
  return copy;
}

export interface ApiErrorFields {
  status: number;
  /** `details.applicationError.code`, `UNKNOWN` when the body had none (e.g. empty 5xx/403 bodies). */
  code: string;
  description: string;
  serverMessage?: string;
  requestId?: string;
  methodId: string;
  identity: Identity;
  allowedIdentities: readonly Identity[];
  permissions?: readonly string[];
  fieldViolations?: readonly { field: string; description: string }[];
  retryAfterMs?: number;
}

const requestIdText = (id: string | undefined) => (id ? ` Request id ${id}.` : "");

/** A non-2xx answer from a Wix API method. */
export class WixApiError extends WixAuthzError {
  declare readonly kind: "api";
  declare readonly status: number;
  declare readonly code: string;
  declare readonly description: string;
  declare readonly serverMessage: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly methodId: string;
  declare readonly identity: Identity;
  declare readonly allowedIdentities: readonly Identity[];
  declare readonly permissions: readonly string[];
  declare readonly fieldViolations: readonly { field: string; description: string }[];
  declare readonly retryAfterMs: number | undefined;

  constructor(f: ApiErrorFields) {
    const what = f.description || f.serverMessage || "no description in the response";
    const hint =
      f.status === 401 || f.status === 403 ? ` Permissions: ${(f.permissions ?? []).join(", ") || "none listed"}.` : "";
    super(
      `${f.methodId} failed with HTTP ${f.status} ${f.code}: ${what}. Called as ${f.identity}; ` +
        `allowed: ${f.allowedIdentities.join(", ") || "none"}.${hint}${requestIdText(f.requestId)}`,
      { kind: "api", ...f, permissions: f.permissions ?? [], fieldViolations: f.fieldViolations ?? [] },
    );
  }
}

/** `POST /oauth2/token` refused: `oauthError` is the RFC 6749 `error` code (`invalid_grant`, …) when present. */
export class WixTokenError extends WixAuthzError {
  declare readonly kind: ErrorKind;
  declare readonly grantType: string;
  declare readonly status: number;
  declare readonly oauthError: string | undefined;
  declare readonly description: string | undefined;
  declare readonly requestId: string | undefined;

  constructor(f: { grantType: string; status: number; oauthError?: string; description?: string; requestId?: string }) {
    super(
      `Token request (grant ${f.grantType}) failed with HTTP ${f.status}` +
        `${f.oauthError ? ` ${f.oauthError}` : ""}${f.description ? `: ${f.description}` : ""}.${requestIdText(f.requestId)}`,
      { kind: "token", ...f },
    );
  }

  /** True when the server says the grant itself is dead (not a transient failure). */
  get sessionIsDead(): boolean {
    return this.oauthError === "invalid_grant" || this.oauthError === "invalid_client";
  }
}

export type SessionEndReason = "invalid_grant" | "no_session" | "not_member";

const SESSION_END: Record<SessionEndReason, string> = {
  invalid_grant:
    "The member session has ended (the refresh token was rejected with invalid_grant). Log the member in again.",
  no_session: "There is no session in the token store. Log the member in (or use a visitor client).",
  not_member: "The token store holds a visitor session, but a member client needs member tokens.",
};

/** The member session is over; the runtime never swaps in an anonymous visitor on its own. */
export class WixSessionExpiredError extends WixAuthzError {
  declare readonly kind: "session";
  declare readonly reason: SessionEndReason;
  declare readonly role: "visitor" | "member" | undefined;

  constructor(reason: SessionEndReason, role: "visitor" | "member" | undefined, cause?: unknown) {
    super(SESSION_END[reason], { kind: "session", reason, role }, cause);
  }
}

export type NetworkFailure = "network" | "timeout" | "aborted";

/** The request never got an HTTP answer: connection failure, per-attempt timeout, or caller cancellation. */
export class WixNetworkError extends WixAuthzError {
  declare readonly kind: "network";
  declare readonly reason: NetworkFailure;
  declare readonly operation: string;
  declare readonly attempts: number;

  constructor(f: { reason: NetworkFailure; operation: string; attempts: number; timeoutMs?: number; cause?: unknown }) {
    const what =
      f.reason === "timeout"
        ? `timed out after ${f.timeoutMs} ms`
        : f.reason === "aborted"
          ? "was cancelled by the caller"
          : "could not reach the server";
    super(
      `${f.operation} ${what} (${f.attempts} attempt${f.attempts === 1 ? "" : "s"}).`,
      { kind: "network", reason: f.reason, operation: f.operation, attempts: f.attempts },
      f.cause,
    );
  }
}

/** The server answered, but not with what the protocol promises (garbage JSON, missing fields, HTML…). */
export class WixResponseError extends WixAuthzError {
  declare readonly kind: "response";
  declare readonly operation: string;
  declare readonly status: number;
  declare readonly problem: string;
  declare readonly requestId: string | undefined;

  constructor(f: { operation: string; status: number; problem: string; requestId?: string }) {
    super(`${f.operation}: unexpected response (HTTP ${f.status}): ${f.problem}.${requestIdText(f.requestId)}`, {
      kind: "response",
      ...f,
    });
  }
}

/** The runtime guard refused a call before any network traffic: the client's identity may not call the method. */
export class WixIdentityError extends WixAuthzError {
  declare readonly kind: "identity";
  declare readonly methodId: string;
  declare readonly identity: Identity;
  declare readonly allowedIdentities: readonly Identity[];

  constructor(methodId: string, identity: Identity, allowed: readonly Identity[]) {
    super(
      `${methodId} may only be called by: ${allowed.join(", ") || "nobody"}; this client is a ${identity} client. No request was sent.`,
      { kind: "identity", methodId, identity, allowedIdentities: allowed },
    );
  }
}

export type LoginFailure = "callback_error" | "state_mismatch" | "missing_code" | "no_redirect" | "browser_redirect";

/** A member login step failed: the OAuth callback carried an error, or its state/code did not check out. */
export class WixLoginError extends WixAuthzError {
  declare readonly kind: "login";
  declare readonly reason: LoginFailure;
  declare readonly oauthError: string | undefined;
  declare readonly description: string | undefined;

  constructor(reason: LoginFailure, message: string, oauth?: { error?: string; description?: string }) {
    super(message, { kind: "login", reason, oauthError: oauth?.error, description: oauth?.description });
  }
}

/** Bad options or bad request input, reported at the point of use with the option or field name. */
export class WixConfigError extends WixAuthzError {
  declare readonly kind: "config";
  declare readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`, { kind: "config", option });
  }
}

/**
 * Every error class by its name: what the core hands its lazy chunks (wire-values.ts), and each class's `name`. A
 * minifying bundler renames classes, and `error.name` (logs, `String(error)`, toJSON) comes from the class.
 */
export const ERROR_CLASSES = {
  WixAuthzError,
  WixApiError,
  WixConfigError,
  WixIdentityError,
  WixLoginError,
  WixNetworkError,
  WixResponseError,
  WixSessionExpiredError,
  WixTokenError,
};
for (const [name, type] of Object.entries(ERROR_CLASSES)) Object.defineProperty(type, "name", { value: name });
