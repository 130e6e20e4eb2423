// HTTP transport: one fetch per attempt with timeout and cancellation, bounded retries, JSON parsing.

import { backoffDelay, parseRetryAfter } from "./retry.js";
import type { Clock, FetchLike, HttpVerb, RetryOptions, TransportOptions } from "./types.js";
import type { WixNetworkError as NetworkError } from "./errors.js";
import { realClock } from "./clock.js";
import { WixConfigError, WixNetworkError, WixResponseError } from "./wire-link.js";

export const DEFAULT_BASE_URL = "https://www.wixapis.com";
const DEFAULT_TIMEOUT_MS = 30_000;
const RETRYABLE_STATUS = new Set([429, 503]);
// Token requests also retry plain 5xx: a refresh must survive a hiccup instead of ending a session.
const RETRYABLE_TOKEN_STATUS = new Set([429, 500, 502, 503, 504]);

export interface HttpRequest {
  /** Method id or flow step, for error messages. */
  readonly operation: string;
  readonly method: HttpVerb;
  /** Path + query relative to the base URL, or an absolute URL (authorize URLs live on the site's domain). */
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Safe to repeat: enables retries on network failures, 429 and 503. */
  readonly idempotent: boolean;
  readonly tokenRequest?: boolean;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly redirect?: "manual";
  /** False for pages (the authorize URL): the body is kept as text and never parsed. */
  readonly expectJson?: false;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. Non-JSON bodies of error responses are kept as `text`. */
  readonly json: unknown;
  readonly text: string;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
}

export class Transport {
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #retry: Required<RetryOptions>;
  readonly #headers: Record<string, string>;

  constructor(options: TransportOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.clock = options.clock ?? realClock;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = { retries: 2, baseDelayMs: 250, maxDelayMs: 10_000, ...options.retry };
    this.#headers = { ...options.headers };
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    // Serialized once, before any attempt: a body JSON cannot encode is the caller's error, never a network one.
    const body = req.body === undefined ? undefined : toJson(req);
    const retryable = req.tokenRequest ? RETRYABLE_TOKEN_STATUS : RETRYABLE_STATUS;
    const canRetry = req.idempotent || req.tokenRequest === true;
    for (let attempt = 1; ; attempt++) {
      const last = !canRetry || attempt > this.#retry.retries;
      let response: HttpResponse;
      try {
        response = await this.#attempt(req, attempt, body);
      } catch (error) {
        if (last || !(error instanceof WixNetworkError) || error.reason === "aborted") throw error;
        await this.#wait(req, attempt, undefined);
        continue;
      }
      if (last || !retryable.has(response.status)) return response;
      await this.#wait(req, attempt, response.retryAfterMs);
    }
  }

  async #wait(req: HttpRequest, attempt: number, retryAfterMs: number | undefined): Promise<void> {
    const delay = backoffDelay(attempt, this.#retry, retryAfterMs);
    try {
      await this.clock.sleep(delay, req.signal);
    } catch (cause) {
      throw new WixNetworkError({ reason: "aborted", operation: req.operation, attempts: attempt, cause });
    }
  }

  async #attempt(req: HttpRequest, attempt: number, body: string | undefined): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const fail = (cause: unknown): NetworkError => {
      const reason = req.signal?.aborted ? "aborted" : timeout.signal.aborted ? "timeout" : "network";
      return new WixNetworkError({ reason, operation: req.operation, attempts: attempt, timeoutMs, cause });
    };
    try {
      if (req.signal?.aborted) throw fail(req.signal.reason);
      let res: Response;
      try {
        res = await this.#fetch(this.#url(req.url), this.#init(req, signal, body));
      } catch (cause) {
        throw fail(cause);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (cause) {
        throw fail(cause);
      }
      return toResponse(req, res, text, this.clock.now());
    } finally {
      clearTimeout(timer);
    }
  }

  #url(url: string): string {
    if (url.startsWith("/")) return this.baseUrl + url;
    return /^https?:\/\//i.test(url) ? url : `${this.baseUrl}/${url}`;
  }

  #init(req: HttpRequest, signal: AbortSignal, body: string | undefined): RequestInit {
    const headers: Record<string, string> = { ...this.#headers, ...req.headers };
    const init: RequestInit = { method: req.method, headers, signal };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = body;
    }
    if (req.redirect) init.redirect = req.redirect;
    return init;
  }
}

/** Cycles and BigInts make JSON.stringify throw; the reason names the problem (and property names), not values. */
function toJson(req: HttpRequest): string {
  try {
    return JSON.stringify(req.body);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new WixConfigError(`${req.operation}(request)`, `the request cannot be sent as JSON: ${reason}.`);
  }
}

function toResponse(req: HttpRequest, res: Response, text: string, nowMs: number): HttpResponse {
  const requestId = res.headers.get("x-wix-request-id") ?? undefined;
  const ok = res.status >= 200 && res.status < 300;
  let json: unknown;
  if (/\S/.test(text) && req.expectJson !== false) {
    // The content type is read only when the body does not look like JSON, or for a message.
    const contentType = () => res.headers.get("content-type");
    const body = () => `${contentType() ?? "no content-type"}, ${text.length} bytes`;
    let problem: string | undefined;
    if (!/^\s*[[{]/.test(text) && !/json/i.test(contentType() ?? "")) problem = `expected JSON, got ${body()}`;
    else {
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        problem = `the body is not valid JSON (${body()})`;
      }
    }
    // Only 2xx promises JSON; redirects and errors keep their raw text for the caller to interpret.
    if (problem && ok) throw new WixResponseError({ operation: req.operation, status: res.status, problem, requestId });
  }
  return {
    status: res.status,
    headers: res.headers,
    json,
    text,
    requestId,
    // Retry-After only means something on a refusal (429, 503) or a redirect; a success never waits.
    retryAfterMs: ok ? undefined : parseRetryAfter(res.headers.get("retry-after"), nowMs),
  };
}
