// required: REST paths marked @requiredField (`order.lineItems.quantity`) → `required` on the request schema.
import type { JsonSchema } from "../core/model.js";

type Trie = Map<string, Trie>;
type Lookup = (name: string) => JsonSchema | undefined;
const REF = "#/schemas/";

export function trieOf(paths: readonly string[]): Trie {
  const root: Trie = new Map();
  for (const p of paths) {
    let node = root;
    for (const seg of p.split(".")) node = node.get(seg) ?? node.set(seg, new Map()).get(seg)!;
  }
  return root;
}

/**
 * Marks the paths required. Inline objects get `required`; a shared schema is never edited (other methods use it), so a
 * `$ref` becomes `allOf: [$ref, {required, properties}]` with the required properties repeated so TypeScript sees them
 * as non-optional. Arrays apply the rest of the path to their items. Paths that lead nowhere are returned in `missed`.
 */
export function applyRequired(schema: JsonSchema, trie: Trie, lookup: Lookup, missed: string[], at = ""): JsonSchema {
  if (trie.size === 0) return schema;
  if (schema.$ref) {
    const target = lookup(schema.$ref.slice(REF.length));
    if (!target?.properties) return miss(schema, trie, missed, at);
    return { allOf: [{ $ref: schema.$ref }, overlay(target, trie, lookup, missed, at)] };
  }
  if (schema.anyOf && !schema.type) {
    // `T | null`: required applies to the non-null branch.
    return {
      ...schema,
      anyOf: schema.anyOf.map((s) => (s.type === "null" ? s : applyRequired(s, trie, lookup, missed, at))),
    };
  }
  const types = typeof schema.type === "string" ? [schema.type] : (schema.type ?? []);
  if (types.includes("array") && schema.items)
    return { ...schema, items: applyRequired(schema.items, trie, lookup, missed, at) };
  if (schema.properties) {
    const { properties, required } = overlay(schema, trie, lookup, missed, at);
    return {
      ...schema,
      properties: { ...schema.properties, ...properties },
      required: [...new Set([...(schema.required ?? []), ...(required ?? [])])],
    };
  }
  return miss(schema, trie, missed, at);
}

function overlay(target: JsonSchema, trie: Trie, lookup: Lookup, missed: string[], at: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, sub] of trie) {
    const prop = target.properties?.[key];
    const here = at ? `${at}.${key}` : key;
    if (!prop) {
      missed.push(here);
      continue;
    }
    required.push(key);
    properties[key] = applyRequired(prop, sub, lookup, missed, here);
  }
  return { type: "object", properties, required };
}

function miss(schema: JsonSchema, trie: Trie, missed: string[], at: string): JsonSchema {
  for (const key of trie.keys()) missed.push(at ? `${at}.${key}` : key);
  return schema;
}
