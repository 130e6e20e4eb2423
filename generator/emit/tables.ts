// tables: method descriptors as data (verb, path, identities, permissions), the part of generated code that runs.
import type { MethodDescriptor } from "../../runtime/contract.js";
import type { MethodModel } from "../../core/model.js";
import { jsDocs } from "./types-file.js";

/** A method table constant: printed as an object literal typed `MethodTable` (print.ts). */
export interface TableStatement {
  readonly kind: "table";
  readonly name: string;
  readonly exported: boolean;
  readonly docs: ReturnType<typeof jsDocs>;
  /** `[method id, descriptor]` in model order. */
  readonly rows: readonly (readonly [string, MethodDescriptor])[];
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
): TableStatement {
  return { kind: "table", name, exported, docs: jsDocs(doc), rows: methods.map((m) => [m.id, descriptor(m)] as const) };
}
