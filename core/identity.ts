// identity: the identity table (runtime/identities.ts) as the tools read it — order, inclusion, server-only — so that
// no tool branches on an identity's name.
import { IDENTITIES, IDENTITY_TABLE, type Identity, type IdentityInfo } from "@wix-authz/runtime/identities";

export { IDENTITIES, IDENTITY_TABLE, type Identity, type IdentityInfo };
export { RESERVED_NAMES, RESERVED_TOP_LEVEL_NAMES } from "@wix-authz/runtime/contract";

export function identityInfo(identity: Identity): IdentityInfo {
  return IDENTITY_TABLE[identity];
}

export function isIdentity(value: unknown): value is Identity {
  return typeof value === "string" && Object.hasOwn(IDENTITY_TABLE, value);
}

/** `identities` in canonical order, without duplicates. */
export function ordered(identities: Iterable<Identity>): Identity[] {
  const set = new Set(identities);
  return IDENTITIES.filter((i) => set.has(i));
}

/** Identities that include `identity`'s methods (members include visitors), not `identity` itself. */
export function includersOf(identity: Identity): Identity[] {
  return IDENTITIES.filter((i) => (IDENTITY_TABLE[i].includes as readonly string[]).includes(identity));
}

/**
 * Inclusion broken by a list: each pair `[present, missing]` where `missing` includes `present`'s methods but is not
 * listed (e.g. `[visitor]` alone: a member can call everything a visitor can).
 */
export function missingIncluders(identities: readonly Identity[]): [present: Identity, missing: Identity][] {
  return identities.flatMap((present) =>
    includersOf(present)
      .filter((i) => !identities.includes(i))
      .map((missing): [Identity, Identity] => [present, missing]),
  );
}

/** Identities whose clients may run in a browser: their method table ships to browsers. */
export const BROWSER_IDENTITIES: readonly Identity[] = IDENTITIES.filter((i) => !IDENTITY_TABLE[i].serverOnly);

/** True when only server-only identities may call: the method's name and path never reach a browser bundle. */
export function serverOnlyMethod(identities: readonly Identity[]): boolean {
  return identities.every((i) => IDENTITY_TABLE[i].serverOnly);
}
