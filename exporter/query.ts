// query: how a GET or DELETE request reaches the wire, as OpenAPI query parameters. The runtime
// (runtime/request.ts `appendQuery`) flattens the request object: nested fields join with dots (`paging.limit`),
// an array repeats its key (`fields=A&fields=B`; an array of objects repeats each field's dotted key), null and
// undefined are left out. OpenAPI's `deepObject` style writes brackets, so each leaf becomes its own parameter
// under its dotted name instead.
import type { JsonSchema } from "../core/model.js";
import type { SchemaIndex } from "./schemas.js";
import { toOpenApiSchema } from "./schemas.js";

export interface QueryParameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: Record<string, unknown>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface FlattenedQuery {
  readonly parameters: readonly QueryParameter[];
  /**
   * Dotted prefixes the runtime sends with keys no schema lists (a free-form object such as a query `filter`, or
   * a recursive type reached again): `prefix.<any key>=value`. OpenAPI cannot name such parameters.
   */
  readonly freeForm: readonly string[];
  /**
   * Whether the request can hold a list of objects (a V3 query's `sort: [{ fieldName }]`): such a request has no flat
   * form, so the runtime (like @wix/sdk-runtime) sends the whole of it as `.r=<base64url(JSON)>` instead.
   */
  readonly objectLists: boolean;
}

interface Walk {
  readonly index: SchemaIndex;
  readonly params: Map<string, QueryParameter>;
  readonly freeForm: Set<string>;
  objectLists: boolean;
}

/** The parameter a request with a list of objects is sent in (runtime/request.ts `queryString`). */
export const WHOLE_REQUEST_PARAMETER: QueryParameter = {
  name: ".r",
  required: false,
  schema: { type: "string", contentEncoding: "base64url", contentMediaType: "application/json" },
  description:
    "The whole request as base64url(JSON), sent instead of the other query parameters when the request holds a list of objects (as @wix/sdk-runtime sends it).",
};

/** The query parameters of a request object's fields (path parameters already taken out). */
export function flattenQuery(
  fields: Readonly<Record<string, JsonSchema>>,
  required: readonly string[],
  index: SchemaIndex,
): FlattenedQuery {
  const walk: Walk = { index, params: new Map(), freeForm: new Set(), objectLists: false };
  for (const [name, schema] of Object.entries(fields)) {
    visit(walk, name, schema, { required: required.includes(name), repeated: false, refs: new Set() });
  }
  const parameters = [...walk.params.values(), ...(walk.objectLists ? [WHOLE_REQUEST_PARAMETER] : [])];
  return { parameters, freeForm: [...walk.freeForm].sort(), objectLists: walk.objectLists };
}

interface At {
  /** Required at every level from the request down to here. */
  readonly required: boolean;
  /** Inside an array: the leaf repeats its key once per item. */
  readonly repeated: boolean;
  /** Shared schemas entered on the way here (a recursive type stops at its second visit). */
  readonly refs: ReadonlySet<string>;
}

function visit(walk: Walk, name: string, schema: JsonSchema, at: At): void {
  const seen = new Set(at.refs);
  const resolved = walk.index.resolve(schema, seen);
  if (typeof resolved.$ref === "string") {
    walk.freeForm.add(name); // a type that contains itself: its depth has no bound
    return;
  }
  const next = { ...at, refs: seen };
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (alternatives && !resolved.properties && !resolved.allOf) {
    // Only one alternative is sent: none of their fields is required.
    for (const part of alternatives) visit(walk, name, part, { ...next, required: false });
    return;
  }
  const object = resolved.allOf ? walk.index.objectView(resolved, new Set(seen)) : undefined;
  if (object) {
    for (const [key, child] of Object.entries(object.properties)) {
      visit(walk, `${name}.${key}`, child, { ...next, required: next.required && object.required.includes(key) });
    }
    return;
  }
  if (isType(resolved, "array")) {
    if (resolved.items && holdsObjects(walk, resolved.items, new Set(seen))) walk.objectLists = true;
    if (resolved.items) visit(walk, name, resolved.items, { ...next, repeated: true });
    else addLeaf(walk, name, {}, next, resolved);
    return;
  }
  if (resolved.properties || isType(resolved, "object")) {
    const required = resolved.required ?? [];
    for (const [key, child] of Object.entries(resolved.properties ?? {})) {
      visit(walk, `${name}.${key}`, child, { ...next, required: next.required && required.includes(key) });
    }
    if (!resolved.properties || resolved.additionalProperties) walk.freeForm.add(name);
    return;
  }
  addLeaf(walk, name, toOpenApiSchema(schema), next, resolved);
}

function addLeaf(walk: Walk, name: string, leaf: Record<string, unknown>, at: At, resolved: JsonSchema): void {
  if (walk.params.has(name)) return; // two alternatives naming one field: the first one describes it
  const schema = at.repeated ? { type: "array", items: leaf } : leaf;
  walk.params.set(name, {
    name,
    required: at.required,
    schema,
    ...(typeof resolved.description === "string" ? { description: resolved.description } : {}),
    ...(resolved.deprecated === true ? { deprecated: true } : {}),
  });
}

/** Whether an array's items can be objects (so the request has no flat query form). */
function holdsObjects(walk: Walk, items: JsonSchema, seen: Set<string>): boolean {
  const resolved = walk.index.resolve(items, seen);
  if (typeof resolved.$ref === "string") return true; // a recursive type: an object at its second visit
  const alternatives = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
  return (
    resolved.properties !== undefined ||
    isType(resolved, "object") ||
    alternatives.some((part) => holdsObjects(walk, part, new Set(seen)))
  );
}

function isType(schema: JsonSchema, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type as never));
}
