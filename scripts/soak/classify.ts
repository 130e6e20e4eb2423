// Failure classes for the soak: a failed call is "injected" only when the logs show every attempt it lost was a fault.
import type { RequestLogEntry } from "../../emulator/index.js";
import { WixApiError, WixNetworkError, WixResponseError, WixTokenError } from "@wix-authz/runtime";
import type { ProxyLogEntry } from "../../test/support/fault-proxy.js";

export interface FailedCall {
  readonly callId: string;
  readonly operation: string;
  readonly verb: string;
  readonly error: unknown;
}

export interface Classified {
  /** e.g. `API 503 server-error on POST (not retried)`, or `unexpected WixSessionExpiredError`. */
  readonly label: string;
  readonly injected: boolean;
}

export class Classifier {
  readonly #emulator = new Map<string, RequestLogEntry>();
  readonly #byCall = new Map<string, ProxyLogEntry[]>();

  constructor(emulatorLog: readonly RequestLogEntry[], proxyLog: readonly ProxyLogEntry[]) {
    for (const entry of emulatorLog) this.#emulator.set(entry.requestId, entry);
    for (const entry of proxyLog) {
      if (entry.callId === undefined) continue;
      this.#byCall.set(entry.callId, [...(this.#byCall.get(entry.callId) ?? []), entry]);
    }
  }

  /** The fault behind one proxied attempt: injected by the proxy itself, or by the emulator (looked up by request id). */
  #fault(entry: ProxyLogEntry): string | undefined {
    return entry.fault ?? (entry.requestId ? this.#emulator.get(entry.requestId)?.fault : undefined);
  }

  classify(call: FailedCall): Classified {
    const e = call.error;
    const attempts = this.#byCall.get(call.callId) ?? [];
    const faults = attempts.map((a) => this.#fault(a));
    const allFaulted = attempts.length > 0 && faults.every((f) => f !== undefined);
    const retry = attempts.length > 1 ? `retries exhausted after ${attempts.length}` : "not retried";
    if (e instanceof WixApiError || (e instanceof WixNetworkError && !e.operation.startsWith("oauth2.token"))) {
      const what = e instanceof WixApiError ? `API ${e.status}` : `API network error (${e.reason})`;
      const kinds = [...new Set(faults)].join("+");
      return allFaulted
        ? { label: `${what} ${kinds} on ${call.verb} (${retry})`, injected: true }
        : unexpected(e, call);
    }
    if ((e instanceof WixTokenError || e instanceof WixResponseError) && e.requestId !== undefined) {
      const fault = this.#emulator.get(e.requestId)?.fault;
      const operation = e instanceof WixTokenError ? `oauth2.token(${e.grantType})` : e.operation;
      if (fault && operation.startsWith("oauth2.token"))
        return { label: `token ${fault} in ${operation}`, injected: true };
    }
    return unexpected(e, call);
  }
}

function unexpected(error: unknown, call: FailedCall): Classified {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return { label: `unexpected ${name} in ${call.operation}: ${message}`, injected: false };
}
