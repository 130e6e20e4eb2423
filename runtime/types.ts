// Shared runtime types: call options and the injectable seams (fetch, clock); the contract with generated code is
// contract.ts (re-exported here for the runtime's own modules).

export type {
  Blocked,
  HttpVerb,
  Identity,
  LazyMethodTable,
  MethodChunk,
  MethodDescriptor,
  MethodTable,
} from "./contract.js";

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
