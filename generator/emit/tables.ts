// tables: method descriptors as data (verb, path, identities, permissions), the part of generated code that runs.
import type { MethodModel } from "../model.js";

/** An object literal `{ "<id>": { method, path, pathParams, identities, permissions }, … }` in model order. */
export function methodTableLiteral(methods: readonly MethodModel[]): string {
  const rows = methods.map((m) => {
    const d = {
      method: m.http.method,
      path: m.http.path,
      pathParams: m.http.pathParams,
      identities: m.identities,
      permissions: m.permissions,
    };
    return `${JSON.stringify(m.id)}: ${JSON.stringify(d)},`;
  });
  return `{\n${rows.join("\n")}\n}`;
}
