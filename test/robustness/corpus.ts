// Injection corpus specs: every free-text and name slot filled with hostile text, plus a clean twin of the same structure.
import { stringify } from "yaml";
import { GLOBAL_TYPE_NAMES, HOSTILE_KEYS, INJECTION_TEXTS, RESERVED_WORDS } from "../support/payloads.js";

/** Path characters the spec format allows, arranged to contain `*\/`, `/*`, quotes and `$`. */
export const HOSTILE_PATH = "/v1/a*/b/*c/'q'/$x/&y/(z)/@w:x;y=z,+!~/{id}";

/** Keys used as property names: the hostile ones, the injection texts, and both without duplicates. */
export const PROPERTY_KEYS: readonly string[] = [...new Set([...HOSTILE_KEYS, ...INJECTION_TEXTS])];

function schemaFor(text: (i: number) => string, key: (i: number) => string, i: number): object {
  const properties: Record<string, object> = {};
  // Every hostile key once (in the first schema), a few in the others: the spec stays small enough to compile quickly.
  const keys = i === 0 ? PROPERTY_KEYS.map((_, j) => j) : [i % PROPERTY_KEYS.length, (i * 7) % PROPERTY_KEYS.length];
  // defineProperty: a key named "__proto__" must stay a plain key.
  for (const j of keys)
    Object.defineProperty(properties, key(j), {
      value: { type: "string", description: text(j), title: text(j) },
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return {
    type: "object",
    title: text(i),
    description: text(i),
    properties: { ...properties, kind: { enum: INJECTION_TEXTS.map((_, j) => text(j)) }, fixed: { const: text(i) } },
  };
}

/** The free-text spec. `clean` swaps every hostile text and key for a plain one, keeping the structure identical. */
export function textSpec(clean: boolean): string {
  const text = (i: number) => (clean ? `text ${i}` : INJECTION_TEXTS[i % INJECTION_TEXTS.length]!);
  const key = (j: number) => (clean ? `key${j}` : PROPERTY_KEYS[j]!);
  const schemas: Record<string, object> = {};
  INJECTION_TEXTS.forEach((_, i) => (schemas[`Payload${i}`] = schemaFor(text, key, i)));
  const methods = INJECTION_TEXTS.map((_, i) => ({
    name: `call${i}`,
    namespace: "inject.texts",
    description: text(i),
    http: { method: "POST", path: clean ? `/v1/clean/${i}/{id}` : `${HOSTILE_PATH.replace("{id}", String(i))}/{id}` },
    identities: i % 3 === 0 ? ["admin"] : ["visitor", "member", "admin"],
    request: {
      type: "object",
      required: ["id"],
      properties: { id: { type: "string", description: text(i) }, body: { $ref: `#/schemas/Payload${i}` } },
    },
    response: schemaFor(text, key, i),
    deprecated: { reason: text(i), replacedBy: text(i + 1) },
    provenance: { source: text(i), fqn: text(i + 2), rule: text(i + 3), note: text(i + 4) },
  }));
  return stringify({ schemas, methods });
}

/** Reserved and contextual words as method and namespace names (the ones the spec format accepts must compile). */
export function reservedNameSpec(words: readonly string[]): string {
  const methods = words.map((w, i) => ({
    name: w,
    namespace: `words.${w}`,
    http: { method: "GET", path: `/words/${i}` },
    identities: ["visitor", "member", "admin"],
    request: { type: "object" },
    response: { type: "object", properties: { [w]: { type: "string" } } },
  }));
  return stringify({ methods });
}

/** Shared schemas named like TypeScript/JavaScript globals, each referenced from a method. */
export function globalNameSpec(names: readonly string[]): string {
  const schemas = Object.fromEntries(
    names.map((n) => [n, { type: "object", properties: { value: { type: "string" } } }]),
  );
  const methods = names.map((n, i) => ({
    name: `get${i}`,
    namespace: "globals",
    http: { method: "GET", path: `/globals/${i}` },
    identities: ["member", "admin"],
    request: { type: "object" },
    response: {
      type: "object",
      properties: {
        item: { $ref: `#/schemas/${n}` },
        open: { type: "object" },
        closed: { type: "object", additionalProperties: false },
      },
    },
  }));
  return stringify({ schemas, methods });
}

export { GLOBAL_TYPE_NAMES, INJECTION_TEXTS, RESERVED_WORDS };
