// Visitor and member client factories: options checked, a token session built, the table turned into a client.

import { createAuthApi } from "./auth-api.js";
import { buildClient, type ClientCore } from "./client.js";
import { buildLazyClient, isLazyTable } from "./lazy-client.js";
import { WixConfigError } from "./errors.js";
import { OAuthClient } from "./oauth.js";
import { checkMargin, checkTransportOptions, requireString } from "./options.js";
import { SecretSet } from "./redact.js";
import { TokenSession, type SessionExpiredListener } from "./session.js";
import { MemoryTokenStore, tokensProblem, type TokenStore, type Tokens } from "./tokens.js";
import { Transport } from "./transport.js";
import type { LazyMethodTable, MethodTable, TransportOptions } from "./types.js";

/** The generated browser table (lazy, one loader per top-level namespace) or a table of descriptors. */
type SiteTable = MethodTable | LazyMethodTable;

interface SessionOptions extends TransportOptions {
  /** The Headless OAuth app's client id. */
  clientId: string;
  /** Default redirect URI for login flows (must be on the OAuth app's allow list). */
  redirectUri?: string;
  /**
   * Renew access tokens this long before they expire (default 60 000 ms). A token granted for no longer than this
   * is renewed halfway through its life instead.
   */
  renewMarginMs?: number;
  /** Called when a session ends without the app asking (e.g. the refresh token was revoked). */
  onSessionExpired?: SessionExpiredListener;
  /** Sends calls the spec says this identity may not make, to observe the server's answer (demos, tests). */
  dangerouslySkipIdentityGuard?: boolean;
}

export interface VisitorOptions extends SessionOptions {
  /** Where tokens live (default: in memory). On servers, one store per request. */
  store?: TokenStore;
  /** Starting tokens for the default in-memory store. */
  tokens?: Tokens;
}

export type MemberOptions = SessionOptions &
  ({ tokens: Tokens; store?: undefined } | { store: TokenStore; tokens?: undefined });
export type { MemberAuth, SessionInfo, VisitorAuth } from "./auth-api.js";

/** What every visitor or member client type has: the session API. */
export interface SessionClientShape {
  readonly auth: object;
}

/**
 * The client type is the generated one (`VisitorClient`): the runtime builds it from the table, and the generator
 * guarantees the two agree (the identity matrix and the golden tests prove it). The bound keeps the factories
 * apart: a client type without the session API (an admin client) is refused here.
 */
export function createVisitorRuntime<V extends SessionClientShape>(options: VisitorOptions, table: SiteTable): V {
  return createSiteRuntime("visitor", options, table, new SecretSet()) as V;
}

export function createMemberRuntime<M extends SessionClientShape>(options: MemberOptions, table: SiteTable): M {
  if (options?.tokens === undefined && options?.store === undefined) {
    throw new WixConfigError("tokens | store", "a member client needs the member's tokens or a store that holds them.");
  }
  if (options.tokens && options.tokens.role !== "member") {
    throw new WixConfigError(
      "tokens.role",
      `a member client needs member tokens, got a ${options.tokens.role} session.`,
    );
  }
  return createSiteRuntime("member", options, table, new SecretSet()) as M;
}

function createSiteRuntime(
  identity: "visitor" | "member",
  options: VisitorOptions,
  table: SiteTable,
  secrets: SecretSet,
): object {
  if (typeof options !== "object" || options === null)
    throw new WixConfigError("options", "expected an options object with clientId.");
  const clientId = requireString("clientId", options.clientId);
  checkTransportOptions(options);
  if (options.tokens !== undefined && options.store !== undefined)
    throw new WixConfigError("tokens", "pass either tokens or store, not both.");
  const problem = options.tokens === undefined ? undefined : tokensProblem(options.tokens);
  if (problem) throw new WixConfigError("tokens", problem);
  if (options.redirectUri !== undefined) requireString("redirectUri", options.redirectUri);
  const store = options.store ?? new MemoryTokenStore(options.tokens);
  const transport = new Transport(options);
  const oauth = new OAuthClient(transport, clientId, secrets);
  const session = new TokenSession({
    store,
    oauth,
    clock: transport.clock,
    secrets,
    renewMarginMs: checkMargin(options.renewMarginMs),
    mayStartAnonymous: identity === "visitor",
    requireMember: identity === "member",
  });
  if (options.onSessionExpired) session.onSessionExpired(options.onSessionExpired);
  const core: ClientCore = {
    identity,
    transport,
    secrets,
    credentials: { session },
    dangerouslySkipIdentityGuard: options.dangerouslySkipIdentityGuard === true,
    label: `[Wix ${identity} client ${clientId}]`,
  };
  // Logins and logouts hand the same store to the next client: the browser has one session, whoever holds it.
  const next = { ...options, tokens: undefined, store };
  const auth = createAuthApi({
    identity,
    ctx: { core, oauth, clientId },
    session,
    defaultRedirectUri: options.redirectUri,
    spawn: (nextIdentity) => createSiteRuntime(nextIdentity, next, table, secrets),
  });
  return isLazyTable(table) ? buildLazyClient(core, table, auth) : buildClient(core, table, auth);
}
