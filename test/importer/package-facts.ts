// package-facts: what a fixture package itself says about its REST methods, read independently of importer/ (for tests).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const FIXTURE_PACKAGES = [
  "@wix/auto_sdk_stores_products",
  "@wix/auto_sdk_members_members",
  "@wix/auto_sdk_bookings_bookings",
  "@wix/auto_sdk_ecom_current-cart",
  "@wix/auto_sdk_redirects_redirects",
  "@wix/auto_sdk_identity_authentication",
  "@wix/auto_sdk_ecom_orders",
  "@wix/auto_sdk_ecom_checkout",
] as const;

export const REPO = path.resolve(import.meta.dirname, "../..");

export interface PackageFact {
  readonly name: string;
  readonly verb: string;
  /** getUrl({host:'www.wixapis.com'}) with the package's own `:param` placeholders turned into `{param}`. */
  readonly path: string;
  readonly permissionIds: string[];
  readonly internal: boolean;
}

/** The extraction recipe of wix-protocol.md §5.5: meta.js for URLs, a regex over the .d.ts JSDoc for tags. */
export function packageFacts(pkgName: string): PackageFact[] {
  const require = createRequire(path.join(REPO, "noop.js"));
  const dir = path.dirname(require.resolve(`${pkgName}/package.json`));
  const meta = require(path.join(dir, "build/cjs/meta.js")) as Record<string, unknown>;
  const pub = jsDocs(path.join(dir, "build/cjs"));
  const internal = jsDocs(path.join(dir, "build/internal/cjs"));
  return Object.keys(meta)
    .filter((k) => !k.endsWith("Original") && typeof meta[k] === "function")
    .map((name) => {
      const info = (meta[name] as () => { getUrl: (c: object) => string; httpMethod: string; pathParams: object })();
      let url = info.getUrl({ host: "www.wixapis.com" });
      for (const p of Object.keys(info.pathParams)) url = url.replace(new RegExp(`:${p}(?![A-Za-z0-9_])`), `{${p}}`);
      const doc = pub.get(name) ?? internal.get(name) ?? "";
      return {
        name,
        verb: info.httpMethod,
        path: url,
        permissionIds: [...doc.matchAll(/@permissionId\s+(\S+)/g)].map((m) => m[1]!),
        internal: /@internal\b/.test(doc) || (!pub.has(name) && internal.has(name)),
      };
    });
}

function jsDocs(dir: string): Map<string, string> {
  const text = readdirSync(dir)
    .filter((f) => f.endsWith(".d.ts") && f !== "meta.d.ts")
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*declare function (\w+)\s*[(<]/g))
    if (!out.has(m[2]!)) out.set(m[2]!, m[1]!);
  return out;
}

/** spec/schema.json's http.path pattern, read from the schema itself. */
export function schemaPathPattern(): RegExp {
  const schema = JSON.parse(readFileSync(path.join(REPO, "spec/schema.json"), "utf8")) as {
    definitions: { method: { properties: { http: { properties: { path: { pattern: string } } } } } };
  };
  return new RegExp(schema.definitions.method.properties.http.properties.path.pattern);
}
