// schemas: the spec's JSON Schema subset → OpenAPI 3.1 Schema Objects. OpenAPI 3.1 speaks JSON Schema 2020-12, so a
// schema carries over unchanged except its `$ref`s, which move from `#/schemas/<Name>` to
// `#/components/schemas/<Name>`.
import type { JsonSchema, NamedSchema } from "../core/model.js";

const SPEC_REF = "#/schemas/";
export const COMPONENT_REF = "#/components/schemas/";

/** A plain (unfrozen) copy of `schema` with every spec `$ref` rewritten to the component it names. */
export function toOpenApiSchema(schema: JsonSchema): Record<string, unknown> {
  return rewrite(schema) as Record<string, unknown>;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === "$ref" && typeof child === "string" ? componentRef(child) : rewrite(child);
  }
  return out;
}

function componentRef(ref: string): string {
  // The spec's validator has already refused any other form; kept as is if one ever slips through, so the
  // OpenAPI validator names it instead of this code hiding it.
  return ref.startsWith(SPEC_REF) ? COMPONENT_REF + ref.slice(SPEC_REF.length) : ref;
}

/** Looks up shared schemas by name and follows `$ref` chains (a `$ref` to a `$ref`), stopping on a loop. */
export class SchemaIndex {
  private readonly byName: ReadonlyMap<string, JsonSchema>;

  constructor(schemas: readonly NamedSchema[]) {
    this.byName = new Map(schemas.map((s) => [s.name, s.schema]));
  }

  /** The schema a `$ref` names (`#/schemas/X`), or undefined when it is not a spec ref. */
  named(ref: string): JsonSchema | undefined {
    return ref.startsWith(SPEC_REF) ? this.byName.get(ref.slice(SPEC_REF.length)) : undefined;
  }

  /** `schema` itself, or what its `$ref` chain ends at; `seen` collects the refs followed. */
  resolve(schema: JsonSchema, seen: Set<string> = new Set()): JsonSchema {
    let current = schema;
    while (typeof current.$ref === "string" && !seen.has(current.$ref)) {
      seen.add(current.$ref);
      const next = this.named(current.$ref);
      if (!next) return current;
      current = next;
    }
    return current;
  }

  /**
   * The fields an object schema has, through its `$ref` and `allOf` members (`allOf: [{ $ref }]` is how the
   * importer adds a description to a shared type): merged properties and required names, undefined when none.
   */
  objectView(schema: JsonSchema, seen: Set<string> = new Set()): ObjectView | undefined {
    const resolved = this.resolve(schema, seen);
    if (typeof resolved.$ref === "string") return undefined;
    const properties: Record<string, JsonSchema> = {};
    const required = new Set<string>();
    let found = false;
    for (const part of resolved.allOf ?? []) {
      const view = this.objectView(part, new Set(seen));
      if (!view) continue;
      found = true;
      Object.assign(properties, view.properties);
      view.required.forEach((r) => required.add(r));
    }
    if (resolved.properties) {
      found = true;
      Object.assign(properties, resolved.properties);
    }
    (resolved.required ?? []).forEach((r) => required.add(r));
    return found ? { schema: resolved, properties, required: [...required] } : undefined;
  }
}

export interface ObjectView {
  /** The schema the `$ref` chain ended at. */
  readonly schema: JsonSchema;
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: readonly string[];
}
