// tables: method descriptors as data (verb, path, identities, permissions), the part of generated code that runs.
import type { MethodModel } from "../model.js";

/** Table texts by constant name: the emitter puts each in as its constant's initializer after ts-morph prints. */
export type TableTexts = Map<string, string>;

/**
 * `JSON.parse(`{ "<id>": { method, path, pathParams, identities, permissions }, … }`)`, one method per line, in
 * model order. JSON text rather than an object literal: thousands of descriptors cost the type checker (and
 * Prettier) nothing as one string, and the data stays readable and inert.
 */
export function methodTableExpression(methods: readonly MethodModel[]): string {
  const rows = methods.map((m) => {
    const d = {
      method: m.http.method,
      path: m.http.path,
      pathParams: m.http.pathParams,
      identities: m.identities,
      permissions: m.permissions,
    };
    return `  ${JSON.stringify(m.id)}: ${JSON.stringify(d)}`;
  });
  const json = rows.length ? `{\n${rows.join(",\n")}\n}` : "{}";
  return `JSON.parse(\`${templateSafe(json)}\`)`;
}

/** Text that reads back unchanged inside a template literal. */
function templateSafe(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}
