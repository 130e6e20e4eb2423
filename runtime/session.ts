// Token lifecycle for one client: early renewal, single-flight refresh, 401 recovery, no silent member downgrade.

import type { SessionEndReason, WixSessionExpiredError as SessionExpiredError } from "./errors.js";
import type { OAuthClient } from "./oauth.js";
import type { SecretSet } from "./secrets.js";
import type { SessionRole, TokenStore, Tokens } from "./tokens.js";
import type { Clock } from "./types.js";
import { tokensProblem, WixConfigError, WixNetworkError, WixSessionExpiredError, WixTokenError } from "./wire-link.js";

/** Emitted when a session ends without the app asking (refresh rejected, store emptied under a member client). */
export interface SessionExpiredEvent {
  readonly type: "sessionExpired";
  readonly role: SessionRole | undefined;
  readonly reason: SessionEndReason;
  readonly error: SessionExpiredError;
}
export type SessionExpiredListener = (event: SessionExpiredEvent) => void;

/** Session facts without secrets (`auth.getSession()`). */
export interface SessionInfo {
  readonly role: SessionRole;
  readonly expiresAt: number;
}

export interface SessionConfig {
  readonly store: TokenStore;
  readonly oauth: OAuthClient;
  readonly clock: Clock;
  readonly secrets: SecretSet;
  /** Renew this long before expiry (default 60 000 ms). */
  readonly renewMarginMs: number;
  /** Visitor clients mint an anonymous session when the store is empty; member clients never do. */
  readonly mayStartAnonymous: boolean;
  /** Member clients refuse a visitor session found in the store. */
  readonly requireMember: boolean;
  /**
   * Who hears of a session end: the client's own set, which it fills before the session exists (the wire that
   * holds the session loads on the first call; `auth.onSessionExpired` answers at once).
   */
  readonly listeners?: Set<SessionExpiredListener>;
}

export class TokenSession {
  readonly #cfg: SessionConfig;
  readonly #listeners: Set<SessionExpiredListener>;
  #pending: Promise<Tokens> | null = null;
  /** The last token this session got from the token endpoint, and how long it was granted for. */
  #granted: { accessToken: string; lifetimeMs: number } | undefined;

  constructor(cfg: SessionConfig) {
    this.#cfg = cfg;
    this.#listeners = cfg.listeners ?? new Set();
  }

  onSessionExpired(listener: SessionExpiredListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Current tokens without renewing (undefined when the store is empty). */
  async peek(): Promise<Tokens | undefined> {
    return this.#check(await this.#cfg.store.get());
  }

  #check(stored: Tokens | null | undefined): Tokens | undefined {
    if (stored === null || stored === undefined) return undefined;
    const problem = tokensProblem(stored);
    if (problem) throw new WixConfigError("store.get()", `the token store returned invalid tokens: ${problem}.`);
    this.#remember(stored);
    return stored;
  }

  /** The session's facts without its secrets (`auth.getSession()`), or null when the store is empty. */
  async info(): Promise<SessionInfo | null> {
    const t = await this.peek();
    return t ? { role: t.role, expiresAt: t.expiresAt } : null;
  }

  /** A usable access token. All concurrent callers share one store read and at most one token request. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    // The common call (nothing in flight, a synchronous store, a token far from expiry) needs no shared promise.
    // Anything else goes the single-flight way, with the value already read: an async store is read once per call.
    if (!this.#pending && !signal?.aborted) {
      const read = this.#cfg.store.get();
      const current = isThenable(read) ? undefined : this.#check(read as Tokens | null | undefined);
      if (current && this.#fresh(current, undefined)) return current.accessToken;
      this.#start(undefined, read);
    }
    return (await this.#singleFlight(undefined, signal)).accessToken;
  }

  /** After a 401 with `rejected`: renew unless another caller already replaced that token. */
  async renewAfterRejection(rejected: string, signal?: AbortSignal): Promise<string> {
    const joined = await this.#singleFlight(rejected, signal);
    // We may have joined a plain read that started before the 401 and still holds the rejected token.
    return joined.accessToken === rejected
      ? (await this.#singleFlight(rejected, signal)).accessToken
      : joined.accessToken;
  }

  async replace(tokens: Tokens | null): Promise<void> {
    if (tokens) this.#remember(tokens);
    await this.#cfg.store.set(tokens);
  }

  #remember(tokens: Tokens): void {
    this.#cfg.secrets.add(tokens.accessToken);
    this.#cfg.secrets.add(tokens.refreshToken);
  }

  #fresh(current: Tokens, rejected: string | undefined): boolean {
    return (
      (!this.#cfg.requireMember || current.role === "member") &&
      current.accessToken !== rejected &&
      current.expiresAt - this.#margin(current) > this.#cfg.clock.now()
    );
  }

  /**
   * A token granted here that lives no longer than the margin would be due on arrival: one refresh per call, for
   * ever. Its margin is half its life instead, which still renews it well before it expires. (Scaling beats a
   * warning: nothing is wrong that the app should fix, and a library should not write to the console.) Tokens
   * from the store have an unknown life; they keep the configured margin.
   */
  #margin(current: Tokens): number {
    const granted = this.#granted;
    const margin = this.#cfg.renewMarginMs;
    return granted?.accessToken === current.accessToken && granted.lifetimeMs <= margin
      ? granted.lifetimeMs / 2
      : margin;
  }

  /** `read`: what the store's get() returned for this flight (a read is never repeated, even of an empty store). */
  #start(rejected: string | undefined, read: ReturnType<TokenStore["get"]>): void {
    this.#pending = this.#ensure(rejected, read).finally(() => {
      this.#pending = null;
    });
  }

  #singleFlight(rejected: string | undefined, signal?: AbortSignal): Promise<Tokens> {
    // Joining an in-flight renewal is always right: it yields tokens newer than anything we hold.
    if (!this.#pending) this.#start(rejected, this.#cfg.store.get());
    const pending = this.#pending as Promise<Tokens>;
    return signal ? abortable(pending, signal) : pending;
  }

  // No caller signal here: one caller cancelling must not fail the renewal every other caller waits on.
  async #ensure(rejected: string | undefined, read: ReturnType<TokenStore["get"]>): Promise<Tokens> {
    const current = this.#check(await read);
    if (current && this.#cfg.requireMember && current.role !== "member") throw this.#end("not_member", current.role);
    if (current && this.#fresh(current, rejected)) return current;
    if (!current) {
      if (!this.#cfg.mayStartAnonymous) throw this.#end("no_session", undefined);
      return this.#store(await this.#cfg.oauth.token({ grantType: "anonymous" }), undefined);
    }
    let renewed: Tokens;
    try {
      const { store, oauth } = this.#cfg;
      const refresh = () =>
        oauth.token({ grantType: "refresh_token", refreshToken: current.refreshToken, role: current.role });
      // After a 401 the shared result may be the very token the server just refused: ask the server itself.
      renewed =
        store.shareRefresh && rejected === undefined
          ? await store.shareRefresh(current.refreshToken, refresh, this.#cfg.clock.now())
          : await refresh();
      this.#remember(renewed);
    } catch (error) {
      if (!(error instanceof WixTokenError && error.sessionIsDead)) throw error; // transient: keep the tokens
      // Only the session the refresh was based on is dead: a login (or logout) that landed meanwhile stands.
      const latest = await this.peek();
      if (!sameSession(latest, current)) return this.#adopt(latest);
      if (current.role === "member" || !this.#cfg.mayStartAnonymous) {
        await this.#cfg.store.set(null);
        throw this.#end("invalid_grant", current.role, error);
      }
      // A dead visitor session has nothing to protect: start a new anonymous one, but tell the app.
      this.#emit(new WixSessionExpiredError("invalid_grant", "visitor", error));
      return this.#store(await this.#cfg.oauth.token({ grantType: "anonymous" }), current);
    }
    return this.#store(renewed, current);
  }

  /**
   * Writes a token-endpoint result only if the store still holds the session it was based on. An emptied store counts
   * as moved on: a logout while a refresh was out must stick, not be undone by the late answer.
   */
  async #store(tokens: Tokens, basedOn: Tokens | undefined): Promise<Tokens> {
    const latest = await this.peek();
    if (!sameSession(latest, basedOn)) return this.#adopt(latest);
    this.#granted = { accessToken: tokens.accessToken, lifetimeMs: tokens.expiresAt - this.#cfg.clock.now() };
    await this.#cfg.store.set(tokens);
    return tokens;
  }

  /** The store moved on while a token request was out (a login, a logout, another client's renewal): it wins. */
  async #adopt(latest: Tokens | undefined): Promise<Tokens> {
    if (latest) {
      if (this.#cfg.requireMember && latest.role !== "member") throw this.#end("not_member", latest.role);
      return latest;
    }
    if (!this.#cfg.mayStartAnonymous) throw this.#end("no_session", undefined);
    return this.#store(await this.#cfg.oauth.token({ grantType: "anonymous" }), undefined);
  }

  #end(reason: SessionEndReason, role: SessionRole | undefined, cause?: unknown): SessionExpiredError {
    const error = this.#cfg.secrets.scrub(new WixSessionExpiredError(reason, role, cause));
    this.#emit(error);
    return error;
  }

  #emit(error: SessionExpiredError): void {
    const event: SessionExpiredEvent = { type: "sessionExpired", role: error.role, reason: error.reason, error };
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A throwing listener must not turn a session end into a different error for the caller.
      }
    }
  }
}

/** One session is one refresh token; `undefined` (an empty store) is only the same as another empty store. */
const sameSession = (a: Tokens | undefined, b: Tokens | undefined): boolean => a?.refreshToken === b?.refreshToken;

const isThenable = (value: unknown): boolean =>
  (typeof value === "object" || typeof value === "function") &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

/** Lets one waiter stop waiting on a shared promise without cancelling it for the others. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = () =>
    new WixNetworkError({ reason: "aborted", operation: "token renewal", attempts: 0, cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
