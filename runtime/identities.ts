// identities: who may call Wix, as data — the identity table the generator, the spec rules, the importer and the
// emulator read (through core/identity.ts). Only types from here reach runtime code that runs in browsers: the table
// names the admin factory and credential, which a browser bundle must not carry.

/**
 * Who may call Wix, as data. Everything that differs per identity — the credential, the generated file and factory,
 * whether it may run in a browser, which identities' methods it may also call — is read from this table; adding an
 * identity means adding a row here, a runtime factory for its credential and the emulator's way of recognising it.
 */
export const IDENTITY_TABLE = {
  visitor: {
    title: "Visitor",
    credential: "oauth-anonymous",
    summary: "an anonymous visitor (OAuth client ID, no secret)",
    factory: "createVisitorClient",
    runtimeFactory: "createVisitorRuntime",
    options: "VisitorOptions",
    serverOnly: false,
    /** Identities whose methods this one may also call. */
    includes: [],
  },
  member: {
    title: "Member",
    credential: "oauth-member",
    summary: "a logged-in member (OAuth tokens from a login)",
    factory: "createMemberClient",
    runtimeFactory: "createMemberRuntime",
    options: "MemberOptions",
    serverOnly: false,
    // Wix: a member is a logged-in visitor and "can call everything a visitor can".
    includes: ["visitor"],
  },
  admin: {
    title: "Admin",
    credential: "api-key",
    summary: "an admin (a Wix API key with a site or account id)",
    factory: "createAdminClient",
    runtimeFactory: "createAdminRuntime",
    options: "AdminOptions",
    serverOnly: true,
    includes: [],
  },
} as const satisfies Readonly<Record<string, IdentityInfo>>;

export interface IdentityInfo {
  /** `Visitor`: the prefix of generated type names (`VisitorClient`, `VisitorStoresProducts`). */
  readonly title: string;
  /** How calls authenticate: OAuth tokens minted anonymously or by a login, or an API key. */
  readonly credential: "oauth-anonymous" | "oauth-member" | "api-key";
  /** For documentation and messages. */
  readonly summary: string;
  /** The generated factory (`createVisitorClient`), also the generated file's name without `create…Client`. */
  readonly factory: string;
  /** The runtime function the generated factory calls. */
  readonly runtimeFactory: string;
  /** The runtime's options type for the factory. */
  readonly options: string;
  /** True when the credential is a secret: only server code may construct the client (`@wix-authz/runtime/admin`). */
  readonly serverOnly: boolean;
  readonly includes: readonly string[];
}

export type Identity = keyof typeof IDENTITY_TABLE;

/** Canonical identity order, used everywhere identities are listed. */
export const IDENTITIES = Object.keys(IDENTITY_TABLE) as readonly Identity[];
