// facts-check: a validated spec against facts/identities — a method on a known Wix route whose identities or
// permission ids differ from what Wix documents gets a positioned diagnostic naming the evidence (POLICY.md).
import type { Diagnostic, Severity } from "../core/diagnostics.js";
import { isVerified, type FactsTable, type VerifiedFact } from "../core/facts.js";
import type { SpecMethod } from "../core/spec-file.js";
import { positionOf, type JsonPath } from "./positions.js";
import type { ValidatedFile } from "./rules.js";

export const FACT_CODES = {
  identities: "SPEC_IDENTITY_DISAGREES_WITH_WIX",
  permissions: "SPEC_PERMISSIONS_DISAGREE_WITH_WIX",
} as const;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

type Locate = (file: ValidatedFile, at: JsonPath) => { line: number; column: number };

export function checkFacts(
  files: readonly ValidatedFile[],
  facts: FactsTable,
  severity: Severity,
  locate: Locate = (file, at) => positionOf(file.loaded, at),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files)
    (file.data.methods ?? []).forEach((method, i) => {
      const report = (code: string, message: string, at: JsonPath) =>
        out.push({ code, severity, message, file: file.loaded.file, ...locate(file, ["methods", i, ...at]) });
      // Verb and path, never the path alone: one path carries different operations under different verbs, and
      // Wix's REST pages and SDK disagree on some verbs (Catalog V1 queryProducts: POST on the page, GET in the SDK).
      const fact = facts.byRoute(method.http.method, method.http.path).find(isVerified);
      if (fact) {
        const identities = identitiesDisagreement(method, fact);
        if (identities) report(FACT_CODES.identities, identities, ["identities"]);
        const permissions = permissionsDisagreement(method, fact);
        if (permissions) report(FACT_CODES.permissions, permissions, method.permissions ? ["permissions"] : []);
      }
    });
  return out;
}

function identitiesDisagreement(method: SpecMethod, fact: VerifiedFact): string | undefined {
  if (sameSet(method.identities, fact.identities)) return undefined;
  const override = method.provenance?.override;
  if (override?.identities && sameSet(override.identities, method.identities)) return undefined;
  const stale = override?.identities
    ? ` (provenance.override lists ${override.identities.join(", ")}, not what the method lists)`
    : "";
  return `${id(method)} lists ${method.identities.join(", ")}, but Wix documents ${fact.identities.join(", ")}${stale}. ${evidence(fact)} ${FIX}`;
}

function permissionsDisagreement(method: SpecMethod, fact: VerifiedFact): string | undefined {
  const listed = method.permissions ?? [];
  if (sameSet(listed, fact.permissions)) return undefined;
  const override = method.provenance?.override;
  if (override?.permissions && sameSet(override.permissions, listed)) return undefined;
  const shown = (p: readonly string[]) => (p.length ? p.join(", ") : "none");
  return `${id(method)} lists permissions ${shown(listed)}, but ${fact.package} ${fact.method} carries ${shown(fact.permissions)}. ${FIX.replace("{ identities", "{ permissions")}`;
}

const FIX = "Change it, or record a deliberate departure in provenance.override { identities, reason }.";

function id(method: SpecMethod): string {
  return `${method.namespace}.${method.name}`;
}

/** The deciding sentence: the first page quote (docs before package and field evidence), cut short. */
function evidence(fact: VerifiedFact): string {
  const e = fact.evidence.find((x) => x.kind === "docs") ?? fact.evidence[0];
  const source = `${fact.package} ${fact.method}, ${fact.rule}, checked ${fact.checked}`;
  if (!e) return `(${source}.)`;
  const quote = e.quote.length > 200 ? `${e.quote.slice(0, 197)}...` : e.quote;
  return `${e.url} says: "${quote}" (${source}).`;
}
