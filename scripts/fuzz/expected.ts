// expected: what the generated files must declare for a model, computed from the model alone (not from the emitter).
import type { ApiModel, Identity, MethodModel } from "../../core/model.js";

export interface ExpectedFile {
  /** Top-level declarations (not imports/exports-from), as `fileShape` renders them; compared as a set. */
  readonly declarations: readonly string[];
  /** Modules the file may import from. */
  readonly modules: readonly string[];
  /** Data tables and their exact values. */
  readonly tables: Readonly<Record<string, unknown>>;
}

const RUNTIME = "@wix-authz/runtime";
const TITLE: Record<Identity, string> = { visitor: "Visitor", member: "Member", admin: "Admin" };

function pascal(parts: readonly string[]): string {
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
}

function table(methods: readonly MethodModel[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of methods) {
    out[m.id] = {
      method: m.http.method,
      path: m.http.path,
      pathParams: m.http.pathParams,
      identities: m.identities,
      permissions: m.permissions,
    };
  }
  return out;
}

/** Every namespace prefix (`shop`, `shop.catalog`, …) once. */
function namespacePaths(model: ApiModel): string[][] {
  const seen = new Map<string, string[]>();
  for (const m of model.methods)
    for (let i = 1; i <= m.namespace.length; i++) seen.set(m.namespace.slice(0, i).join("."), m.namespace.slice(0, i));
  return [...seen.values()];
}

/** Namespaces that hold methods directly (each has one interface listing all its methods). */
function methodNamespaces(model: ApiModel): string[][] {
  const seen = new Map<string, string[]>();
  for (const m of model.methods) seen.set(m.namespace.join("."), [...m.namespace]);
  return [...seen.values()];
}

function clientTypes(model: ApiModel, identity: Identity): string[] {
  return [
    `export type ${TITLE[identity]}Client`,
    ...namespacePaths(model).map((p) => `export type ${TITLE[identity]}${pascal(p)}`),
  ];
}

/** An identity's factory module: the .js (code and, server-only, its table) and the .d.ts (its types). */
function identityFiles(model: ApiModel, identity: Identity): [string, ExpectedFile][] {
  const admin = identity === "admin";
  const entry = admin ? `${RUNTIME}/admin` : RUNTIME;
  const factory = `export function create${TITLE[identity]}Client`;
  return [
    [
      `${identity}.js`,
      {
        declarations: [...(admin ? ["const adminMethods"] : []), factory],
        modules: admin ? [entry] : [RUNTIME, "./site-methods.js"],
        tables: admin ? { adminMethods: table(model.methods.filter((m) => m.identities.includes("admin"))) } : {},
      },
    ],
    [`${identity}.d.ts`, { declarations: [factory], modules: [entry, "./clients.js"], tables: {} }],
  ];
}

/** Top-level namespaces holding browser methods, in model order: one lazily loaded chunk each. */
function siteTops(site: readonly MethodModel[]): string[] {
  return [...new Set(site.map((m) => m.namespace[0]!))];
}

export function expectedShape(model: ApiModel): Map<string, ExpectedFile> {
  const typeNames = [
    ...model.schemas.map((s) => s.name),
    ...model.methods.flatMap((m) => [m.requestType, m.responseType]),
  ];
  const site = model.methods.filter((m) => m.identities.includes("visitor") || m.identities.includes("member"));
  const identities: Identity[] = ["visitor", "member", "admin"];
  return new Map<string, ExpectedFile>([
    ["types.d.ts", { declarations: typeNames.map((n) => `export type ${n}`), modules: [], tables: {} }],
    [
      "clients.d.ts",
      {
        declarations: [
          ...methodNamespaces(model).map((p) => `export type All${pascal(p)}`),
          ...identities.flatMap((i) => clientTypes(model, i)),
        ],
        modules: [RUNTIME, "./types.js"],
        tables: {},
      },
    ],
    [
      "site-methods.js",
      {
        declarations: ["export const siteMethods"],
        modules: [],
        tables: { siteMethods: Object.fromEntries(siteTops(site).map((t) => [t, `import("./site-methods.${t}.js")`])) },
      },
    ],
    ...siteTops(site).map((t): [string, ExpectedFile] => [
      `site-methods.${t}.js`,
      {
        declarations: ["export const methods"],
        modules: [],
        tables: { methods: table(site.filter((m) => m.namespace[0] === t)) },
      },
    ]),
    ["site-methods.d.ts", { declarations: ["export const siteMethods"], modules: [RUNTIME], tables: {} }],
    ...identityFiles(model, "visitor"),
    ...identityFiles(model, "member"),
    ...identityFiles(model, "admin"),
  ]);
}
