// report: what one import did, per package, and its one-screen summary for the CLI.
import type { Identity } from "../core/model.js";
import { RULE_IDS, type RuleId } from "./policy.js";

export interface MethodNote {
  readonly method: string;
  readonly reason: string;
}

export interface ImportedMethod {
  readonly name: string;
  readonly verb: string;
  readonly path: string;
  readonly permissions: readonly string[];
  readonly identities: readonly Identity[];
  readonly rule: RuleId;
  /** True when an identity fact (Wix's page) decided; false: unverified (provenance.unverified). */
  readonly verified: boolean;
}

export interface PackageReport {
  readonly package: string;
  readonly version: string;
  readonly namespace: string;
  /** Absolute path of the spec file written. */
  readonly file: string;
  readonly methods: readonly ImportedMethod[];
  /** Not in the spec file: internal methods (without --include-internal), paths the spec format cannot express. */
  readonly skipped: readonly MethodNote[];
  /** In the spec file, with a caveat worth a look (no gateway mapping, unmapped @requiredField, no JSDoc). */
  readonly flagged: readonly MethodNote[];
  /** Methods whose request requires a field the package does not require (the fields in `reason`); the goal is none. */
  readonly overRequired: readonly MethodNote[];
  readonly schemas: number;
  /** TS type names replaced by open objects at the depth limit, and names meta.d.ts does not declare. */
  readonly truncatedTypes: readonly string[];
  readonly unresolvedTypes: readonly string[];
}

export interface ImportReport {
  readonly grantsFile: string;
  readonly packages: readonly PackageReport[];
  /** Packages given that have nothing to import (service plugins), with why. */
  readonly skippedPackages: readonly { readonly package: string; readonly version: string; readonly reason: string }[];
}

export function rulesCount(methods: readonly ImportedMethod[]): Record<RuleId, number> {
  const counts = Object.fromEntries(RULE_IDS.map((r) => [r, 0])) as Record<RuleId, number>;
  for (const m of methods) counts[m.rule]++;
  return counts;
}

export function verifiedCount(methods: readonly ImportedMethod[]): number {
  return methods.filter((m) => m.verified).length;
}

/** Plain-text summary: one block per package, then totals by identity rule. */
export function formatReport(report: ImportReport, cwdRelative: (file: string) => string = (f) => f): string {
  const lines: string[] = [];
  for (const p of report.packages) {
    lines.push(
      `${p.package}@${p.version} → ${cwdRelative(p.file)}: ${p.methods.length} methods (${verifiedCount(p.methods)} verified, ${p.methods.length - verifiedCount(p.methods)} unverified), ${p.schemas} schemas, ${p.flagged.length} flagged, ${p.skipped.length} skipped`,
    );
    const unverified = p.methods.filter((m) => !m.verified);
    if (unverified.length)
      lines.push(
        `  unverified (no identity fact): ${unverified.map((m) => `${m.name} → ${m.identities.join(", ")}`).join("; ")}`,
      );
    for (const f of p.flagged) lines.push(`  flagged ${p.namespace}.${f.method}: ${f.reason}`);
    for (const s of p.skipped) lines.push(`  skipped ${p.namespace}.${s.method}: ${s.reason}`);
    for (const o of p.overRequired)
      lines.push(`  over-required ${p.namespace}.${o.method}: requires what the package does not: ${o.reason}`);
    if (p.truncatedTypes.length)
      lines.push(
        `  ${p.truncatedTypes.length} types cut at the depth limit (open objects): ${p.truncatedTypes.join(", ")}`,
      );
    if (p.unresolvedTypes.length)
      lines.push(`  types not declared in meta.d.ts (left unconstrained): ${p.unresolvedTypes.join(", ")}`);
  }
  for (const s of report.skippedPackages) lines.push(`${s.package}@${s.version} skipped: ${s.reason}`);
  const all = report.packages.flatMap((p) => p.methods);
  const counts = rulesCount(all);
  lines.push(
    `${all.length} methods imported from ${report.packages.length} packages${report.skippedPackages.length ? ` (${report.skippedPackages.length} skipped: nothing to import)` : ""} (${verifiedCount(all)} verified against Wix's pages, ${all.length - verifiedCount(all)} unverified); identities by rule (grants: ${cwdRelative(report.grantsFile)}):`,
  );
  for (const rule of RULE_IDS) if (counts[rule] > 0) lines.push(`  ${rule}: ${counts[rule]}`);
  const over = report.packages.reduce((n, p) => n + p.overRequired.length, 0);
  lines.push(`${over} methods whose request requires a field the package does not require`);
  return lines.join("\n");
}
