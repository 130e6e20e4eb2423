// fidelity-assertions: one TypeScript file proving, method by method, that the package's declared types fit the
// generated ones (the compiler is the judge). Each assertion is one line, so a diagnostic's line names its method.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ApiModel } from "../../core/model.js";
import type { PackageReport } from "../../importer/report.js";
import { readArgMappings, type ArgMapping } from "../../importer/sdk-args.js";
import { readTypedRequired } from "../../importer/sdk-required.js";
import { loadSources } from "../../importer/sources.js";
import { locatePackage } from "../../importer/package.js";

/**
 * `Wire<T>`: what JSON carries for a declared REST type — a `Date` is its ISO string, an enum its string values.
 * `SdkKey<K>`: the SDK's spelling of a REST key (@wix/sdk-runtime renames exactly these three).
 * `RequirePaths<T, P>`: T with the dotted paths P (SDK or REST spelling, array items implied) required where their
 * parent is present — the package's `NonNullablePaths` (type-fest `SetRequiredDeep`) on the REST shape.
 */
export const PRELUDE = `
type Wire<T> = T extends Date ? string
  : T extends string ? \`\${T}\`
  : T extends readonly (infer E)[] ? Wire<E>[]
  : T extends object ? { [K in keyof T]: Wire<T[K]> }
  : T;
type SdkKey<K> = K extends "id" ? "_id" : K extends "createdDate" ? "_createdDate" : K extends "updatedDate" ? "_updatedDate" : K;
type Named<K> = K | SdkKey<K>;
type Here<P extends string> = P extends \`\${string}.\${string}\` ? never : P;
type Below<P extends string, K> = P extends \`\${infer H}.\${infer R}\` ? (H extends Named<K> ? R : never) : never;
type Flat<T> = { [K in keyof T]: T[K] };
type RequirePaths<T, P extends string> = [P] extends [never] ? T
  : T extends readonly (infer E)[] ? RequirePaths<E, P>[]
  : T extends object
    ? Flat<
        { [K in keyof T as [Extract<Named<K>, Here<P>>] extends [never] ? K : never]: RequirePaths<T[K], Below<P, K>> } &
        { [K in keyof T as [Extract<Named<K>, Here<P>>] extends [never] ? never : K]-?: RequirePaths<NonNullable<T[K]>, Below<P, K>> }
      >
  : T;
`;

/**
 * Lines that must hold for the assertions to mean anything: the package's types and the generated ones are not \`any\`,
 * and RequirePaths binds per item. An unused @ts-expect-error is a diagnostic outside any assertion, which fails the run.
 */
const CANARIES = `
import type * as CC from "@wix/auto_sdk_ecom_current-cart/meta";
type CartAdd = ReturnType<typeof CC.addToCurrentCart>;
// @ts-expect-error the package's REST request is a real type
export const canary0: Wire<CartAdd["__originalRequestType"]> = { lineItems: 5 };
// @ts-expect-error the generated request is a real type: a line item needs its quantity
export const canary1: G.EcomCurrentCartAddToCurrentCartRequest = { lineItems: [{ catalogReference: {} }] };
export const canary2: G.EcomCurrentCartAddToCurrentCartRequest = { lineItems: [{ quantity: 1, catalogReference: { appId: "a", catalogItemId: "b" } }] };
// @ts-expect-error RequirePaths binds each item where the list is present
export const canary3: RequirePaths<{ a?: { _id?: string; b?: { id?: string } }[] }, "a._id"> = { a: [{}] };
// @ts-expect-error generated responses are real types too
export const canary5: G.EcomCurrentCartGetCurrentCartResponse = { cart: 5 };
// @ts-expect-error SdkKey: the SDK's a._id is the REST a.id
export const canary4: RequirePaths<{ a?: { id?: string }[] }, "a._id"> = { a: [{}] };
`;

export interface Assertion {
  readonly method: string;
  readonly kind: "request" | "response";
  readonly line: number;
}

export function assertionFile(
  model: ApiModel,
  reports: readonly PackageReport[],
  cwd: string,
): { text: string; assertions: Assertion[] } {
  const lines = [
    `import type * as G from "./generated/types.js";`,
    ...reports.map((p, i) => `import type * as M${i} from "${p.package}/meta";`),
    ...PRELUDE.trim().split("\n"),
    ...CANARIES.trim().split("\n"),
  ];
  const assertions: Assertion[] = [];
  reports.forEach((p, i) => {
    const sources = loadSources(locatePackage(p.package, cwd));
    const typed = readTypedRequired(sources);
    const args = readArgMappings(sources.sdkJs);
    for (const m of p.methods) {
      const id = `${p.namespace}.${m.name}`;
      const method = model.methods.find((x) => x.id === id)!;
      const meta = `ReturnType<typeof M${i}.${m.name}>`;
      const mapping = args.get(m.name);
      const paths = new Set<string>();
      for (const sdkPath of typed.get(m.name) ?? []) {
        const rest = mapping ? restLocation(sdkPath, mapping) : undefined;
        if (!rest) continue;
        // A required argument the SDK writes at \`cartInfo.id\` creates \`cartInfo\` too: every prefix is there.
        const segments = rest.split(".");
        const from = sdkPath.includes(".") ? segments.length - 1 : 0;
        for (let k = from; k < segments.length; k++) paths.add(JSON.stringify(segments.slice(0, k + 1).join(".")));
      }
      const required = paths.size ? [...paths].join(" | ") : "never";
      lines.push(
        `export const req${assertions.length} = (x: RequirePaths<Wire<${meta}["__originalRequestType"]>, ${required}>): G.${method.requestType} => x; // ${id}`,
      );
      assertions.push({ method: id, kind: "request", line: lines.length });
      lines.push(
        `export const res${assertions.length} = (x: Wire<${meta}["__originalResponseType"]>): G.${method.responseType} => x; // ${id}`,
      );
      assertions.push({ method: id, kind: "response", line: lines.length });
    }
  });
  return { text: `${lines.join("\n")}\n`, assertions };
}

/**
 * Where an SDK argument path lands in the REST request, by the SDK function's own `transformError` mapping
 * (`options.lineItems.quantity` → `lineItems.quantity`, `_id` → `member.id`). Field names stay as the SDK spells them
 * below the argument (`selectedMembership._id`): `SdkKey` maps them, in the type system.
 */
export function restLocation(sdkPath: string, mapping: ArgMapping): string | undefined {
  const [arg, ...tail] = sdkPath.split(".");
  const index = mapping.argNames.indexOf(arg ?? "");
  if (index < 0) return undefined;
  const target = [`$[${index}]`, ...tail].join(".");
  for (const pairs of [mapping.explicit, mapping.spread]) {
    const best = pairs
      .filter(([, ref]) => target === ref || target.startsWith(`${ref}.`))
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (best) return [best[0], target.slice(best[1].length + 1)].filter((s) => s.length > 0).join(".") || undefined;
  }
  return mapping.singleArgumentUnchanged && index === 0 && tail.length ? tail.join(".") : undefined;
}

/** The pinned @wix/auto_sdk_* devDependencies that are installed (all of them after `npm ci`). */
export function pinnedPackages(root: string, devDependencies: Record<string, string>): string[] {
  const installed = new Set(readdirSync(path.join(root, "node_modules/@wix")).map((d) => `@wix/${d}`));
  return Object.keys(devDependencies)
    .filter((n) => n.startsWith("@wix/auto_sdk_") && installed.has(n))
    .sort();
}
