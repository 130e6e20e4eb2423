// required: REST paths the package requires (`lineItems.quantity`) → `required` on the request schema, SetRequiredDeep-style.
import type { JsonSchema } from "../core/model.js";

/** One path segment: required itself or not (only a parent on the way), what to put there, and what lies below. */
export interface TrieNode {
  required: boolean;
  /** Replaces the property's schema (a path parameter is a plain string, whatever the entity field says). */
  schema?: JsonSchema;
  readonly children: Trie;
}
export type Trie = Map<string, TrieNode>;
type Lookup = (name: string) => JsonSchema | undefined;
const REF = "#/schemas/";

/**
 * Each path requires its last segment only, where its parent is present: `lineItems.selectedMembership.id` leaves
 * `lineItems` and `selectedMembership` optional (the package's `NonNullablePaths`, type-fest's `SetRequiredDeep`).
 * A parent is required only when it is a path of its own. Array items are implied (`lineItems.quantity` binds each item).
 */
export function trieOf(paths: readonly string[], schemas: ReadonlyMap<string, JsonSchema> = new Map()): Trie {
  const root: Trie = new Map();
  for (const p of paths) {
    let node: TrieNode | undefined;
    let level = root;
    for (const seg of p.split(".")) {
      node = level.get(seg) ?? level.set(seg, { required: false, children: new Map() }).get(seg)!;
      level = node.children;
    }
    if (node) {
      node.required = true;
      const schema = schemas.get(p);
      if (schema) node.schema = schema;
    }
  }
  return root;
}

/**
 * Marks the paths required. Inline objects get `required`; a shared schema is never edited (other methods use it), so a
 * `$ref` becomes `allOf: [$ref, {required, properties}]` with the touched properties repeated so TypeScript sees them
 * as non-optional. Arrays apply the rest of the path to their items. Paths that lead nowhere are returned in `missed`.
 */
export function applyRequired(schema: JsonSchema, trie: Trie, lookup: Lookup, missed: string[], at = ""): JsonSchema {
  if (trie.size === 0) return schema;
  if (schema.$ref) {
    const target = lookup(schema.$ref.slice(REF.length));
    if (!target?.properties) return miss(schema, trie, missed, at);
    const { description, ...ref } = schema;
    return {
      ...(description ? { description } : {}),
      allOf: [ref, overlay(target, trie, lookup, missed, at)],
    };
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
    const all = [...new Set([...(schema.required ?? []), ...(required ?? [])])];
    return { ...schema, properties: { ...schema.properties, ...properties }, ...(all.length ? { required: all } : {}) };
  }
  return miss(schema, trie, missed, at);
}

function overlay(target: JsonSchema, trie: Trie, lookup: Lookup, missed: string[], at: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, node] of trie) {
    const prop = target.properties?.[key];
    const here = at ? `${at}.${key}` : key;
    if (!prop && !node.schema) {
      missed.push(here);
      continue;
    }
    if (node.required) required.push(key);
    properties[key] = node.schema ?? applyRequired(prop!, node.children, lookup, missed, here);
  }
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

function miss(schema: JsonSchema, trie: Trie, missed: string[], at: string): JsonSchema {
  for (const key of trie.keys()) missed.push(at ? `${at}.${key}` : key);
  return schema;
}

/**
 * Every required path of a request as the importer wrote it (arrays implied), not looking into shared schemas: those
 * are the package's own REST types. Compared with what the package requires to count over-required methods.
 */
export function requiredPaths(schema: JsonSchema, at = ""): string[] {
  const join = (k: string): string => (at ? `${at}.${k}` : k);
  const out: string[] = [];
  for (const key of schema.required ?? []) out.push(join(key));
  for (const [key, prop] of Object.entries(schema.properties ?? {})) out.push(...requiredPaths(prop, join(key)));
  if (schema.items) out.push(...requiredPaths(schema.items, at));
  for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])]) out.push(...requiredPaths(branch, at));
  return [...new Set(out)];
}
