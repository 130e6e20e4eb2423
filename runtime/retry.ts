// Backoff policy: exponential delays, a server's Retry-After wins when it asks for longer, all capped.

import type { RetryOptions } from "./types.js";

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, retry: Required<RetryOptions>, retryAfterMs: number | undefined): number {
  const exponential = retry.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(retry.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
