// Visitor and member client factories: options checked and the table turned into a client at once; the token session
// and transport (the wire) are built on the first call that needs them.

import { createAuthApi, type AuthDeps } from "./auth-api.js";
import { buildClient, type Call } from "./client.js";
import { WixConfigError, WixIdentityError } from "./errors.js";
import { buildLazyClient, isLazyTable } from "./lazy-client.js";
import { wireFor, type Wire } from "#load-wire";
import { checkMargin, checkTransportOptions, requireString, snapshotTransport } from "./options.js";
import type { SecretSet } from "./secrets.js";
import type { SessionExpiredListener } from "./session.js";
import { tokensProblem, type TokenStore, type Tokens } from "./tokens.js";
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
  return createSiteRuntime("visitor", options, table, undefined) as V;
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
  return createSiteRuntime("member", options, table, undefined) as M;
}

function createSiteRuntime(
  identity: "visitor" | "member",
  options: VisitorOptions,
  table: SiteTable,
  secrets: SecretSet | undefined,
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
  // A client given no store gets one from the wire, on its first call: nothing reads or writes tokens before.
  const { store, tokens } = options;
  const renewMarginMs = checkMargin(options.renewMarginMs);
  const transportOptions = snapshotTransport(options);
  const listeners = new Set<SessionExpiredListener>();
  if (options.onSessionExpired) listeners.add(options.onSessionExpired);
  const label = `[Wix ${identity} client ${clientId}]`;
  const skipGuard = options.dangerouslySkipIdentityGuard === true;
  const defaultRedirectUri = options.redirectUri;
  let built: { wire: Wire; deps: AuthDeps } | undefined;
  // Built once the wire module is there; a failed load builds nothing, and the next call tries again.
  const wired = async (operation: string) => {
    const wire = await wireFor(operation);
    built ??= {
      wire,
      deps: wire.connect({
        identity,
        clientId,
        store,
        tokens,
        transportOptions,
        renewMarginMs,
        listeners,
        skipGuard,
        label,
        defaultRedirectUri,
        secrets,
        // Logins and logouts hand the same store to the next client: the browser has one session, whoever holds it.
        spawn: (nextIdentity, known, same) =>
          createSiteRuntime(nextIdentity, { ...options, tokens: undefined, store: same }, table, known),
      }),
    };
    return built;
  };
  const call: Call = async (id, d, request, options) => {
    // The guard needs only the descriptor: a refused call is refused even when the wire cannot load.
    if (!skipGuard && !d.identities.includes(identity)) throw new WixIdentityError(id, identity, d.identities);
    const { wire, deps } = await wired(id);
    return wire.callMethod(deps.ctx.core, id, d, request, options);
  };
  const auth = createAuthApi({
    identity,
    secrets: () => built?.deps.ctx.core.secrets,
    defaultRedirectUri,
    listeners,
    deps: async () => (await wired("auth")).deps,
  });
  const prefetch = () => void wired("prefetch").catch(() => undefined);
  return isLazyTable(table)
    ? buildLazyClient(label, table, auth, call, prefetch)
    : buildClient(label, table, auth, call);
}
