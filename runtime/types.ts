// Shared runtime types: the generated-code contract (method tables, Blocked, CallOptions) and injectable seams.

export type Identity = "visitor" | "member" | "admin";
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

/**
 * A method this identity may not call: calling it is error TS2684, whose text is `M` (it names who may call).
 * Declared as a method so parameters compare bivariantly: a MemberClient's real method stays assignable to a
 * VisitorClient's Blocked one.
 */
export type Blocked<M extends string> = { blocked(this: M, request?: unknown, options?: unknown): unknown }["blocked"];

export interface CallOptions {
  /** Caller cancellation; aborts the request (and any retry wait) with a WixNetworkError(reason "aborted"). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call; overrides the runtime's `timeoutMs`. */
  timeoutMs?: number;
  /** Extra request headers. `Authorization` and the wix-* identity headers cannot be overridden. */
  headers?: Record<string, string>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Time source, injectable so tests control expiry and backoff without real waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryOptions {
  /** Extra attempts after the first one (default 2; 0 disables retries). */
  retries?: number;
  /** First backoff delay; doubles per attempt (default 250 ms). */
  baseDelayMs?: number;
  /** Upper bound for any single wait, including a server's Retry-After (default 10 000 ms). */
  maxDelayMs?: number;
}

/** Transport settings shared by every identity. */
export interface TransportOptions {
  /** API origin; default `https://www.wixapis.com`. Point it at the emulator in tests. */
  baseUrl?: string;
  /** Defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  clock?: Clock;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Headers added to every request (e.g. `client-binding`). */
  headers?: Record<string, string>;
}

/** A JSON value as an object to read fields from: `{}` for anything that is not one. */
export const asRecord = (value: unknown): Record<string, unknown> =>
  (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
