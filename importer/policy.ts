// policy: a method's fact, its package JSDoc and the grants table → who may call it, the rule and the evidence that
// decided (POLICY.md "Identities"). Facts first, then Wix's sentences in the package, then the unverified default.
import { isVerified, type Evidence, type IdentityFact } from "../core/facts.js";
import { IDENTITIES, ordered, type Identity } from "../core/identity.js";
import type { GrantsTable } from "./grants.js";
import type { MethodDoc } from "./jsdoc.js";

export type RuleId =
  | "wix-facts"
  | "package-sentence"
  | "no-metadata"
  | "member-identity-tag"
  | "no-permission-id"
  | "grants-table"
  | "app-default"
  | "wix-default";
export const RULE_IDS: readonly RuleId[] = [
  "wix-facts",
  "package-sentence",
  "no-metadata",
  "member-identity-tag",
  "no-permission-id",
  "grants-table",
  "app-default",
  "wix-default",
];

/**
 * What a method the facts do not cover gets (POLICY.md "Unverified methods" measures each):
 * `admin`: admin only; `heuristics`: the package's tags and the grants table; `wix-default`: Wix's stated default,
 * every identity.
 */
export type UnverifiedDefault = "admin" | "heuristics" | "wix-default";
export const UNVERIFIED_DEFAULTS: readonly UnverifiedDefault[] = ["admin", "heuristics", "wix-default"];
export const DEFAULT_UNVERIFIED: UnverifiedDefault = "admin";

export interface Decision {
  readonly identities: readonly Identity[];
  readonly rule: RuleId;
  /** One line for provenance.rule: the rule id and why. */
  readonly text: string;
  /** The sentences (URL + quote) that decided; empty when nothing Wix wrote did. */
  readonly evidence: readonly Evidence[];
  /** Set when no fact covers the method: why it is unverified (provenance.unverified). */
  readonly unverified?: string;
}

export interface PolicyInput {
  readonly pkg: { readonly name: string; readonly version: string };
  readonly method: string;
  readonly doc: MethodDoc | undefined;
  readonly fact: IdentityFact | undefined;
  readonly grants: GrantsTable;
  readonly unverified: UnverifiedDefault;
}

const ALL: readonly Identity[] = IDENTITIES;

/** Wix's three sentences, most restrictive first: an Authentication restriction beats a note (deleteMyMember). */
const SENTENCES: readonly { re: RegExp; identities: readonly Identity[] }[] = [
  {
    re: /only call this method (?:directly )?when authenticated as a Wix app or Wix user identity/i,
    identities: ["admin"],
  },
  { re: /requires elevated permissions/i, identities: ["admin"] },
  {
    re: /only logged-in members can call this (?:method|function) without elevated permissions/i,
    identities: ["member", "admin"],
  },
  { re: /requires visitor or member authentication/i, identities: ["visitor", "member"] },
];

export function decideIdentities(input: PolicyInput): Decision {
  const { fact, doc } = input;
  if (isVerified(fact)) {
    const version = fact.version === input.pkg.version ? "" : `, read on ${fact.version}`;
    return {
      identities: ordered(fact.identities),
      rule: "wix-facts",
      text: clip(`wix-facts: ${fact.rule} (${fact.file}, checked ${fact.checked}${version})`),
      evidence: fact.evidence,
    };
  }
  const unverified = fact
    ? `Wix's page for this method was not found (${fact.file}, checked ${fact.checked})`
    : `no identity fact for this method (facts/identities, ${input.pkg.name} not covered or method added later)`;
  const sentence = doc ? packageSentence(doc.description) : undefined;
  if (sentence)
    return {
      identities: sentence.identities,
      rule: "package-sentence",
      text: `package-sentence: the package's JSDoc says "${sentence.quote}"`,
      evidence: [
        {
          kind: "package",
          url: `npm:${input.pkg.name}@${input.pkg.version} (${input.method} JSDoc)`,
          quote: sentence.quote,
        },
      ],
      unverified,
    };
  return { ...fallback(input), evidence: [], unverified };
}

function fallback(input: PolicyInput): Pick<Decision, "identities" | "rule" | "text"> {
  const { doc, grants } = input;
  if (!doc)
    return {
      identities: ["admin"],
      rule: "no-metadata",
      text: "no-metadata: the package has no JSDoc for this method; admin only",
    };
  if (input.unverified === "wix-default")
    return {
      identities: ALL,
      rule: "wix-default",
      text: 'wix-default: "By default, methods can be called using any identity" (Wix, About Identities)',
    };
  if (input.unverified === "admin")
    return { identities: ["admin"], rule: "app-default", text: "app-default: unverified, so admin only (fail closed)" };
  if (doc.applicableIdentities.includes("MEMBER"))
    return {
      identities: ["member", "admin"],
      rule: "member-identity-tag",
      text: "member-identity-tag: @applicableIdentity MEMBER (a member on their own resources; admin on any)",
    };
  if (doc.permissionIds.length === 0)
    return { identities: ALL, rule: "no-permission-id", text: "no-permission-id: no @permissionId; any identity" };
  return grantsDecision(doc.permissionIds, grants);
}

/**
 * Identities every one of the method's permission ids grants: a permission the table does not list grants admin
 * only, so `ECOM.ADMIN_MODIFY_CHECKOUTS` + `ECOM.MODIFY_CHECKOUTS` stays admin (no union over permission ids).
 */
function grantsDecision(
  permissionIds: readonly string[],
  grants: GrantsTable,
): Pick<Decision, "identities" | "rule" | "text"> {
  const granted = permissionIds.map((p) => ({ permission: p, grant: grants.grants.get(p) }));
  if (granted.every((g) => !g.grant))
    return {
      identities: ["admin"],
      rule: "app-default",
      text: `app-default: ${permissionIds.join(", ")} not in the grants table; admin only`,
    };
  const sets = granted.map((g) => g.grant?.identities ?? ["admin"]);
  const both = ordered(ALL.filter((i) => sets.every((s) => s.includes(i))));
  const why = granted
    .map(
      (g) =>
        `${g.permission} → ${g.grant ? `${g.grant.identities.join(", ")} (${g.grant.source})` : "admin (not granted)"}`,
    )
    .join("; ");
  return {
    identities: both.length ? both : ["admin"],
    rule: "grants-table",
    text: clip(`grants-table: what every permission grants: ${why}`),
  };
}

/** The first of Wix's identity sentences in a JSDoc description, quoted as one sentence without markdown links. */
export function packageSentence(description: string): { identities: readonly Identity[]; quote: string } | undefined {
  const text = description.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ");
  for (const { re, identities } of SENTENCES) {
    const m = re.exec(text);
    if (!m) continue;
    const start = Math.max(text.lastIndexOf(". ", m.index) + 2, text.lastIndexOf("> ", m.index) + 2, 0);
    const end = text.indexOf(".", m.index + m[0].length);
    return { identities, quote: text.slice(start, end === -1 ? text.length : end + 1).trim() };
  }
  return undefined;
}

function clip(text: string): string {
  return text.length <= 500 ? text : `${text.slice(0, 497)}...`;
}
