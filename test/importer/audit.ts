// audit: imported methods compared with facts/identities → the figures of facts/AUDIT.md (agreement, clients, the
// consequence of each unverified default). Pure: the test imports the packages and hands the reports in.
import { routePath, type FactsTable, type IdentityFact } from "../../core/facts.js";
import type { Identity } from "../../core/identity.js";
import type { ImportedMethod, ImportReport } from "../../importer/index.js";

export interface Row {
  readonly package: string;
  readonly version: string;
  readonly method: ImportedMethod;
  readonly fact: IdentityFact | undefined;
}

export function rows(report: ImportReport, facts: FactsTable): Row[] {
  return report.packages.flatMap((p) =>
    p.methods.map((m) => ({
      package: p.package,
      version: p.version,
      method: m,
      fact: facts.byMethod(p.package, m.name),
    })),
  );
}

const BROWSER: readonly Identity[] = ["visitor", "member"];
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export type Verdict = "agree" | "exposes" | "hides" | "admin-differs";

/** exposes: a browser identity Wix refuses (403 at runtime); hides: a browser identity Wix allows (compile error). */
export function verdict(decided: readonly Identity[], documented: readonly Identity[]): Verdict {
  if (same(decided, documented)) return "agree";
  if (BROWSER.some((i) => decided.includes(i) && !documented.includes(i))) return "exposes";
  if (BROWSER.some((i) => documented.includes(i) && !decided.includes(i))) return "hides";
  return "admin-differs";
}

export interface Agreement {
  readonly checked: number;
  readonly agree: number;
  readonly exposes: readonly Row[];
  readonly hides: readonly Row[];
  readonly adminDiffers: readonly Row[];
  /** Facts saying [admin] (a Wix app or Wix user only) whose method landed on the visitor or member client. */
  readonly restrictedOnBrowserClients: readonly Row[];
}

export function agreement(list: readonly Row[]): Agreement {
  const verified = list.filter((r) => r.fact?.identities);
  const by = (v: Verdict) => verified.filter((r) => verdict(r.method.identities, r.fact!.identities!) === v);
  return {
    checked: verified.length,
    agree: by("agree").length,
    exposes: by("exposes"),
    hides: by("hides"),
    adminDiffers: by("admin-differs"),
    restrictedOnBrowserClients: verified.filter(
      (r) => same(r.fact!.identities!, ["admin"]) && BROWSER.some((i) => r.method.identities.includes(i)),
    ),
  };
}

export interface Placement {
  readonly visitor: number;
  readonly memberNotVisitor: number;
  readonly adminOnly: number;
}

export function placement(list: readonly Row[]): Placement {
  const ids = list.map((r) => r.method.identities);
  return {
    visitor: ids.filter((i) => i.includes("visitor")).length,
    memberNotVisitor: ids.filter((i) => i.includes("member") && !i.includes("visitor")).length,
    adminOnly: ids.filter((i) => !i.includes("visitor") && !i.includes("member")).length,
  };
}

/** Facts whose REST call or permission ids no longer match the installed package (a refresh is due). */
export function drift(list: readonly Row[], facts: FactsTable): string[] {
  const out: string[] = [];
  for (const r of list) {
    const f = r.fact;
    if (!f) {
      out.push(`no fact: ${r.package} ${r.method.name}`);
      continue;
    }
    if (f.http.method !== r.method.verb || routePath(f.http.path) !== routePath(r.method.path))
      out.push(
        `http changed: ${r.package} ${r.method.name}: ${f.http.method} ${f.http.path} → ${r.method.verb} ${r.method.path}`,
      );
    if (!same(f.permissions, r.method.permissions))
      out.push(
        `permissions changed: ${r.package} ${r.method.name}: [${f.permissions.join(", ")}] → [${r.method.permissions.join(", ")}]`,
      );
  }
  const imported = new Set(list.map((r) => `${r.package}#${r.method.name}`));
  for (const f of facts.facts)
    if (!imported.has(`${f.package}#${f.method}`)) out.push(`no method: ${f.package} ${f.method} (${f.file})`);
  return out;
}
