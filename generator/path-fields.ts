// path-fields: a path parameter (`{id}`, `{product.id}`) → the request field it names, through $refs and allOf.
import type { JsonSchema } from "../core/model.js";

type Schemas = ReadonlyMap<string, { readonly schema: JsonSchema }>;

/** Where a path parameter's field lookup stopped, if it did; `parent` is the container as a message names it. */
export type PathFieldProblem =
  | { readonly kind: "undeclared"; readonly parent: string; readonly key: string }
  | { readonly kind: "not-required"; readonly parent: string; readonly key: string }
  | { readonly kind: "array"; readonly parent: string; readonly key: string }
  | { readonly kind: "type"; readonly type: unknown };

/**
 * `{product.id}` is `request.product.id`: every segment must be declared and required (in some allOf branch, as the
 * importer's overlays do), none may be an array, and the last one must be a string or number.
 */
export function checkPathField(request: JsonSchema, param: string, schemas: Schemas): PathFieldProblem | undefined {
  let current = [request];
  let parent = "request";
  for (const key of param.split(".")) {
    const objects = current.flatMap((s) => branches(s, schemas));
    if (objects.some(isArray)) return { kind: "array", parent, key };
    const props = objects.flatMap((o) => (o.properties?.[key] ? [o.properties[key]] : []));
    if (props.length === 0) return { kind: "undeclared", parent, key };
    if (!objects.some((o) => o.required?.includes(key))) return { kind: "not-required", parent, key };
    current = props;
    parent = `${parent}.${key}`;
  }
  for (const leaf of current.flatMap((s) => branches(s, schemas))) {
    const types = leaf.type === undefined ? undefined : typeof leaf.type === "string" ? [leaf.type] : leaf.type;
    if (types && !types.some((t) => t === "string" || t === "number" || t === "integer"))
      return { kind: "type", type: leaf.type };
  }
  return undefined;
}

/** The schemas a value must satisfy at once: $refs resolved, allOf flattened, the non-null side of `T | null`. */
function branches(schema: JsonSchema, schemas: Schemas, depth = 0): JsonSchema[] {
  if (depth > 32) return [];
  if (schema.$ref) {
    const target = schemas.get(schema.$ref.slice("#/schemas/".length));
    return target ? branches(target.schema, schemas, depth + 1) : [];
  }
  const all = (schema.allOf ?? []).flatMap((s) => branches(s, schemas, depth + 1));
  const nonNull = (schema.anyOf ?? []).filter((s) => s.type !== "null");
  const single = nonNull.length === 1 ? branches(nonNull[0]!, schemas, depth + 1) : [];
  return [schema, ...all, ...single];
}

function isArray(schema: JsonSchema): boolean {
  return schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array"));
}
