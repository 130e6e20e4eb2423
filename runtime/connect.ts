// A visitor or member client's wired parts, built on its first call: transport, token endpoint, token session, the
// secrets they learn, and the core every call and login flow uses. Part of the wire (wire.ts).

import type { AuthDeps } from "./auth-flows.js";
import type { ClientCore } from "./client.js";
import { OAuthClient } from "./oauth.js";
import { SecretSet } from "./secrets.js";
import { TokenSession, type SessionExpiredListener } from "./session.js";
import type { TokenStore, Tokens } from "./tokens.js";
import { Transport } from "./transport.js";
import type { TransportOptions } from "./types.js";

/** What the client checked and kept at construction (site-runtime.ts). */
export interface SiteSettings {
  readonly identity: "visitor" | "member";
  readonly clientId: string;
  /** The app's store; without one, the client keeps `tokens` (its starting tokens, if any) in memory. */
  readonly store: TokenStore | undefined;
  readonly tokens: Tokens | undefined;
  readonly transportOptions: TransportOptions;
  readonly renewMarginMs: number;
  readonly listeners: Set<SessionExpiredListener>;
  readonly skipGuard: boolean;
  readonly label: string;
  readonly defaultRedirectUri: string | undefined;
  /** The secrets of the client that logged in or out into this one: one browser session, one set. */
  readonly secrets: SecretSet | undefined;
  /** A new client of the given identity on the same store and secrets. */
  readonly spawn: (identity: "visitor" | "member", secrets: SecretSet, store: TokenStore) => object;
}

/**
 * The store of a client the app gave none: its tokens in a variable. Not the public MemoryTokenStore: that class is
 * core code for the apps that import it, and the wire imports nothing from the core (that would split out a shared
 * chunk every page loads first). This store never leaves the client, so it needs no safe string form.
 */
function memoryStore(tokens: Tokens | undefined): TokenStore {
  let held = tokens ?? null;
  return {
    get: () => held,
    set: (next) => void (held = next),
  };
}

export function connect(s: SiteSettings): AuthDeps {
  const { identity, clientId } = s;
  const store = s.store ?? memoryStore(s.tokens);
  const secrets = s.secrets ?? new SecretSet();
  const transport = new Transport(s.transportOptions);
  const oauth = new OAuthClient(transport, clientId, secrets);
  const session = new TokenSession({
    store,
    oauth,
    clock: transport.clock,
    secrets,
    renewMarginMs: s.renewMarginMs,
    mayStartAnonymous: identity === "visitor",
    requireMember: identity === "member",
    listeners: s.listeners,
  });
  const core: ClientCore = {
    identity,
    transport,
    secrets,
    credentials: { session },
    dangerouslySkipIdentityGuard: s.skipGuard,
    label: s.label,
  };
  return {
    identity,
    ctx: { core, oauth, clientId },
    session,
    defaultRedirectUri: s.defaultRedirectUri,
    spawn: (next) => s.spawn(next, secrets, store),
  };
}
