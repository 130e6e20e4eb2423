// keywords: JSDoc tags on a REST type's property (@format, @maxLength, @readonly, …) → JSON Schema keywords.
import type { JSDoc } from "ts-morph";
import type { JsonSchema, JsonType } from "../core/model.js";

type Mutable = { -readonly [K in keyof JsonSchema]: JsonSchema[K] } & Record<string, unknown>;

/** Wix `@format` values with a standard JSON Schema format; the others (COUNTRY, CURRENCY, …) only go in the text. */
const FORMATS: Readonly<Record<string, string>> = { GUID: "uuid", EMAIL: "email", WEB_URL: "uri", LOCAL_DATE: "date" };
const MAX_DESCRIPTION = 20_000;

export function docText(docs: readonly JSDoc[]): { description: string | undefined; tags: Map<string, string> } {
  const doc = docs.at(-1);
  const tags = new Map<string, string>();
  for (const tag of doc?.getTags() ?? [])
    if (!tags.has(tag.getTagName())) tags.set(tag.getTagName(), (tag.getCommentText() ?? "").trim());
  const text = doc?.getDescription().trim();
  return { description: text ? text.slice(0, MAX_DESCRIPTION) : undefined, tags };
}

/** Adds what the property's JSDoc says to its schema; constraints only where the schema's type can carry them. */
export function withKeywords(
  schema: JsonSchema,
  description: string | undefined,
  tags: ReadonlyMap<string, string>,
): JsonSchema {
  const out: Mutable = { ...schema };
  if (description !== undefined) out.description = description;
  const types = typesOf(schema);
  const num = (tag: string): number | undefined => {
    const value = Number(tags.get(tag));
    return tags.has(tag) && Number.isFinite(value) ? value : undefined;
  };
  if (types.has("string")) {
    const format = FORMATS[tags.get("format") ?? ""];
    if (format && out.format === undefined) out.format = format;
    setIf(out, "minLength", num("minLength"));
    setIf(out, "maxLength", num("maxLength"));
  }
  if (types.has("array")) {
    setIf(out, "minItems", num("minSize"));
    setIf(out, "maxItems", num("maxSize"));
  }
  if (types.has("number") || types.has("integer")) {
    setIf(out, "minimum", num("min"));
    setIf(out, "maximum", num("max"));
  }
  if (tags.has("readonly")) out.readOnly = true;
  if (tags.has("deprecated")) out.deprecated = true;
  return out;
}

function setIf(out: Mutable, key: string, value: number | undefined): void {
  if (value !== undefined && Number.isInteger(value) && value >= 0) out[key] = value;
  else if (value !== undefined && (key === "minimum" || key === "maximum")) out[key] = value;
}

function typesOf(schema: JsonSchema): Set<JsonType> {
  if (schema.$ref) return new Set();
  return new Set(typeof schema.type === "string" ? [schema.type] : (schema.type ?? []));
}

/** `T | null`: a type list gains "null" (and an enum gains null); anything else becomes anyOf [T, null]. */
export function nullable(schema: JsonSchema): JsonSchema {
  if (Object.keys(schema).length === 0) return schema;
  const types =
    schema.$ref || schema.anyOf || schema.allOf || schema.oneOf || schema.const !== undefined ? undefined : schema.type;
  if (types === undefined) return { anyOf: [schema, { type: "null" }] };
  const list = typeof types === "string" ? [types] : [...types];
  const out: Mutable = { ...schema, type: list.includes("null") ? list : [...list, "null"] };
  if (schema.enum && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out;
}
