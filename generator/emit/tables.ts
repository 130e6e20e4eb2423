// tables: method descriptors as data (verb, path, identities, permissions), the part of generated code that runs.
import type { MethodDescriptor } from "@wix-authz/runtime/contract";
import type { MethodModel } from "../../core/model.js";
import { jsDocs } from "./types-file.js";

/**
 * A method table constant in a `.js` module: printed as an object literal whose JSDoc says
 * `@satisfies {MethodTable}`, so a checkJs compile checks every descriptor (print.ts).
 */
export interface TableStatement {
  readonly kind: "table";
  readonly name: string;
  readonly exported: boolean;
  readonly docs: ReturnType<typeof jsDocs>;
  /** `[method id, descriptor]` in model order. */
  readonly rows: readonly (readonly [string, MethodDescriptor])[];
}

/**
 * A lazy table in a `.js` module: `{ "stores": () => import("./site-methods.stores.js"), … }`, one loader per
 * top-level namespace (the runtime's LazyMethodTable), checked by checkJs through `@satisfies` like a method table.
 */
export interface LoaderTableStatement {
  readonly kind: "loaders";
  readonly name: string;
  readonly docs: ReturnType<typeof jsDocs>;
  /** `[top-level namespace, module specifier]` in model order. */
  readonly rows: readonly (readonly [string, string])[];
}

export function descriptor(m: MethodModel): MethodDescriptor {
  return {
    method: m.http.method,
    path: m.http.path,
    pathParams: m.http.pathParams,
    identities: m.identities,
    permissions: m.permissions,
  };
}

export function tableStatement(
  name: string,
  doc: string,
  methods: readonly MethodModel[],
  exported: boolean,
  runtime: string,
): TableStatement {
  const docs = jsDocs(doc, [`@satisfies {import(${JSON.stringify(runtime)}).MethodTable}`]);
  return { kind: "table", name, exported, docs, rows: methods.map((m) => [m.id, descriptor(m)] as const) };
}
