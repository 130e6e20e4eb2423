// contract: what generated code and the runtime agree on — the identities, the method descriptor and the method table.
// The runtime owns it; the generator, the emulator and the importer read the identity table from here (through
// core/identity.ts), and the generated method tables are type-checked against MethodTable by the compiler.

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
  /** True when the credential is a secret: only server code may construct the client (`wix-authz/runtime/admin`). */
  readonly serverOnly: boolean;
  readonly includes: readonly string[];
}

export type Identity = keyof typeof IDENTITY_TABLE;

/** Canonical identity order, used everywhere identities are listed. */
export const IDENTITIES = Object.keys(IDENTITY_TABLE) as readonly Identity[];

export type HttpVerb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One API method, as the generator emits it into a method table. */
export interface MethodDescriptor {
  readonly method: HttpVerb;
  /** Path with `{param}` placeholders, e.g. `/stores/v1/products/{id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly identities: readonly Identity[];
  readonly permissions: readonly string[];
}

/** Method descriptors keyed by method id (`stores.products.queryProducts`). */
export type MethodTable = Readonly<Record<string, MethodDescriptor>>;

/**
 * A method this identity may not call: calling it is error TS2684, whose text is `M` (it names who may call).
 * Declared as a method so parameters compare bivariantly: a MemberClient's real method stays assignable to a
 * VisitorClient's Blocked one.
 */
export type Blocked<M extends string> = { blocked(this: M, request?: unknown, options?: unknown): unknown }["blocked"];

/**
 * Names no namespace or method may have, at any level: they would shadow what JavaScript objects and promises
 * already have (`then` would make a client look like a promise). The spec rules and the runtime's table check both
 * read this list.
 */
export const RESERVED_NAMES: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toJSON",
  "then",
];

/** Top-level names the client itself uses: `auth`, the session API of OAuth clients. */
export const RESERVED_TOP_LEVEL_NAMES: readonly string[] = ["auth"];
