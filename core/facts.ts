// facts: the committed identity facts (facts/identities/*.yaml, shape facts/schema.json) → lookups by package method
// and by REST route. Data only: the importer decides from it, the generator checks specs against it.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import type { HttpVerb, Identity } from "@wix-authz/runtime/contract";

export type FactRule =
  | "docs-admin-only"
  | "docs-visitor-member"
  | "docs-member-admin"
  | "docs-no-restriction"
  | "package-jsdoc"
  | "field"
  | "related-page"
  | "not-found";

export interface Evidence {
  readonly kind: "docs" | "package" | "field";
  readonly url: string;
  readonly quote: string;
}

export interface IdentityFact {
  readonly package: string;
  readonly version: string;
  readonly method: string;
  readonly fqn?: string;
  readonly http: { readonly method: HttpVerb; readonly path: string };
  readonly permissions: readonly string[];
  /** null: no page was found (the method is unverified). */
  readonly identities: readonly Identity[] | null;
  readonly rule: FactRule;
  readonly evidence: readonly Evidence[];
  readonly conflict?: string;
  readonly note?: string;
  readonly searched?: string;
  /** The `checked` date of the file it came from. */
  readonly checked: string;
  /** The file it came from, relative to the facts folder's parent (`identities/ecom.yaml`). */
  readonly file: string;
}

/** A fact with identities: Wix's pages say who may call it. */
export type VerifiedFact = IdentityFact & { readonly identities: readonly Identity[] };

export interface FactsTable {
  readonly facts: readonly IdentityFact[];
  /** `<package>#<method>` → fact. */
  byMethod(pkg: string, method: string): IdentityFact | undefined;
  /** Facts whose REST route is `verb` + `path`, path parameter names ignored. */
  byRoute(verb: string, path: string): readonly IdentityFact[];
  /** Facts whose path matches whatever the verb (to report verb-only mismatches). */
  byPath(path: string): readonly IdentityFact[];
}

export function isVerified(fact: IdentityFact | undefined): fact is VerifiedFact {
  return fact !== undefined && fact.identities !== null;
}

/** `/v1/carts/{id}/x` and `/v1/carts/{cartId}/x` are one route: parameter names are the writer's choice. */
export function routePath(p: string): string {
  return p.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "");
}

/** facts/identities in this package (found from sources and from dist/ alike). */
export function defaultFactsDir(): string {
  const pkgJson = createRequire(import.meta.url).resolve("wix-authz/package.json");
  return path.join(path.dirname(pkgJson), "facts", "identities");
}

interface FactsFile {
  readonly checked: string;
  readonly facts: readonly Omit<IdentityFact, "checked" | "file">[];
}

/** Every *.yaml in `dir`, in file-name order. The data is trusted as committed (test/core/facts.test.ts checks it). */
export function loadFacts(dir: string = defaultFactsDir()): FactsTable {
  const facts: IdentityFact[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    // js-yaml with the core schema, as the spec loader reads specs: the facts are read on every generate and import,
    // and the position-keeping `yaml` parser took a tenth of an incremental run over them (no positions are needed).
    const source = path.join(dir, name);
    const data = load(readFileSync(source, "utf8"), { schema: CORE_SCHEMA, filename: source }) as FactsFile;
    const file = `${path.basename(dir)}/${name}`;
    for (const f of data.facts) facts.push({ ...f, version: String(f.version), checked: String(data.checked), file });
  }
  return factsTable(facts);
}

export function factsTable(facts: readonly IdentityFact[]): FactsTable {
  const methods = new Map<string, IdentityFact>();
  const routes = new Map<string, IdentityFact[]>();
  const paths = new Map<string, IdentityFact[]>();
  const push = (map: Map<string, IdentityFact[]>, key: string, f: IdentityFact) =>
    map.set(key, [...(map.get(key) ?? []), f]);
  for (const f of facts) {
    methods.set(`${f.package}#${f.method}`, f);
    push(routes, `${f.http.method} ${routePath(f.http.path)}`, f);
    push(paths, routePath(f.http.path), f);
  }
  return {
    facts,
    byMethod: (pkg, method) => methods.get(`${pkg}#${method}`),
    byRoute: (verb, p) => routes.get(`${verb.toUpperCase()} ${routePath(p)}`) ?? [],
    byPath: (p) => paths.get(routePath(p)) ?? [],
  };
}

let cached: FactsTable | undefined;

/** The shipped facts, read once per process. */
export function shippedFacts(): FactsTable {
  cached ??= loadFacts();
  return cached;
}
