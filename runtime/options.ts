// Option checks shared by every client factory: bad options fail at construction with the option's name.

import { WixConfigError } from "./errors.js";
import type { TransportOptions } from "./types.js";

export function requireString(option: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new WixConfigError(
      option,
      `expected a non-empty string, got ${value === "" ? "an empty string" : typeof value}.`,
    );
  }
  return value;
}

function optionalNumber(option: string, value: unknown, min: number): void {
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < min)) {
    throw new WixConfigError(option, `expected a number ≥ ${min}, got ${JSON.stringify(value)}.`);
  }
}

export function checkTransportOptions(options: TransportOptions): void {
  if (
    options.baseUrl !== undefined &&
    (typeof options.baseUrl !== "string" || !/^https?:\/\//i.test(options.baseUrl) || !URL.canParse(options.baseUrl))
  ) {
    throw new WixConfigError(
      "baseUrl",
      `expected an http(s) URL such as https://www.wixapis.com, got ${JSON.stringify(options.baseUrl)}.`,
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    throw new WixConfigError("fetch", "expected a fetch-compatible function.");
  if (options.fetch === undefined && typeof globalThis.fetch !== "function") {
    throw new WixConfigError("fetch", "this environment has no global fetch; pass one.");
  }
  optionalNumber("timeoutMs", options.timeoutMs, 1);
  for (const key of ["retries", "baseDelayMs", "maxDelayMs"] as const)
    optionalNumber(`retry.${key}`, options.retry?.[key], 0);
}

export function checkMargin(value: unknown): number {
  optionalNumber("renewMarginMs", value, 0);
  return (value as number | undefined) ?? 60_000;
}

/** The transport settings as given now: a client builds its transport on the first call, from what it was given. */
export function snapshotTransport<T extends TransportOptions>(options: T): T {
  return {
    ...options,
    ...(options.headers && { headers: { ...options.headers } }),
    ...(options.retry && { retry: { ...options.retry } }),
  };
}
