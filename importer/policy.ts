// policy: a method's tags and description → who may call it, and the rule that decided (POLICY.md).
import { IDENTITIES, type Identity } from "../core/identity.js";
import type { GrantsTable } from "./grants.js";
import type { MethodDoc } from "./jsdoc.js";

export type RuleId =
  | "no-metadata"
  | "no-permission-id"
  | "member-identity-tag"
  | "visitor-or-member-note"
  | "grants-table"
  | "app-default";
export const RULE_IDS: readonly RuleId[] = [
  "no-metadata",
  "no-permission-id",
  "member-identity-tag",
  "visitor-or-member-note",
  "grants-table",
  "app-default",
];

export interface Decision {
  readonly identities: readonly Identity[];
  readonly rule: RuleId;
  /** One line for provenance.rule: the rule id and the evidence. */
  readonly text: string;
}

/** Wix's own sentence on methods a visitor or member session calls (wix-protocol.md §5.4). */
const VISITOR_OR_MEMBER = /requires\s+\[?visitor or member authentication/i;
const ALL: readonly Identity[] = IDENTITIES;

/** First matching rule wins; see POLICY.md for why this order. */
export function decideIdentities(doc: MethodDoc | undefined, grants: GrantsTable): Decision {
  if (!doc)
    return {
      identities: ["admin"],
      rule: "no-metadata",
      text: "no-metadata: the package has no JSDoc for this method, so nothing says who may call it; admin only",
    };
  if (doc.permissionIds.length === 0)
    return {
      identities: ALL,
      rule: "no-permission-id",
      text: "no-permission-id: no @permissionId, so any caller with a site identity may call it",
    };
  if (doc.applicableIdentities.includes("MEMBER"))
    return {
      identities: ["member", "admin"],
      rule: "member-identity-tag",
      text: `member-identity-tag: @applicableIdentity MEMBER (a member on their own resources; admin on any)`,
    };
  const note = VISITOR_OR_MEMBER.exec(doc.description);
  if (note)
    return {
      identities: ["visitor", "member"],
      rule: "visitor-or-member-note",
      text: `visitor-or-member-note: the description says "This method ${note[0].replace(/\[/g, "")}"`,
    };
  const granted = doc.permissionIds.flatMap((p) => {
    const g = grants.grants.get(p);
    return g ? [{ permission: p, grant: g }] : [];
  });
  if (granted.length > 0) {
    const identities = ALL.filter((i) => granted.some((g) => g.grant.identities.includes(i)));
    const why = granted.map((g) => `${g.permission} → ${g.grant.identities.join(", ")} (${g.grant.source})`).join("; ");
    return { identities, rule: "grants-table", text: clip(`grants-table: ${why}`) };
  }
  return {
    identities: ["admin"],
    rule: "app-default",
    text: `app-default: ${doc.permissionIds.join(", ")} is not in the grants table, so admin only`,
  };
}

function clip(text: string): string {
  return text.length <= 500 ? text : `${text.slice(0, 497)}...`;
}
