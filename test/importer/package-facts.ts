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
  /** getUrl({host:'www.wixapis.com'}) with each `:placeholder` written as the proto field it fills (`{member.id}`). */
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
      const info = (
        meta[name] as () => { getUrl: (c: object) => string; httpMethod: string; path: string; pathParams: object }
      )();
      // Each `:placeholder` in the resolved URL, in URL order, is the next `{proto.field}` of the proto path.
      const fields = [...info.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const names = Object.keys(info.pathParams).join("|");
      let i = 0;
      const url = names
        ? info
            .getUrl({ host: "www.wixapis.com" })
            .replace(new RegExp(`:(${names})(?![A-Za-z0-9_])`, "g"), () => `{${fields[i++]}}`)
        : info.getUrl({ host: "www.wixapis.com" });
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
