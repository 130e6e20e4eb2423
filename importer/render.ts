// render: a spec document → YAML text with a fixed key order (same input, same bytes).
import { Document } from "yaml";
import { methodKeyOrder, schemaKeywords } from "../core/spec-file.js";
import type { JsonSchema } from "../core/model.js";
import type { SpecDocument } from "./build.js";
import type { SpecMethod } from "./method.js";

// Key orders are schema.json's (the spec format's one owner): a keyword added there is written here in its place.
const SCHEMA_KEYS = schemaKeywords();
const METHOD_KEYS = methodKeyOrder();

export interface RenderHeader {
  readonly packageName: string;
  readonly version: string;
  /** What the editor comment's `$schema=` names; default `./schema.json`. */
  readonly schemaRef?: string;
}

export function renderSpec(document: SpecDocument, header: RenderHeader): string {
  const value = {
    schemas: Object.fromEntries(Object.entries(document.schemas).map(([k, s]) => [k, canonicalSchema(s)])),
    methods: document.methods.map(canonicalMethod),
  };
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${header.schemaRef ?? "./schema.json"}`,
    ` Imported from ${header.packageName}@${header.version} by \`wix-authz import ${header.packageName}\`. Re-run it instead of editing;`,
    " identities follow the policy in importer/POLICY.md, recorded per method in provenance.rule.",
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}

function ordered(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj).sort()) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** Keywords in SCHEMA_KEYS order; property names keep declaration order (the package's own, stable for a version). */
export function canonicalSchema(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, canonicalSchema(v)]));
  if (schema.items) out.items = canonicalSchema(schema.items);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object")
    out.additionalProperties = canonicalSchema(schema.additionalProperties);
  for (const k of ["allOf", "anyOf", "oneOf"] as const) if (schema[k]) out[k] = schema[k]!.map(canonicalSchema);
  if (schema.required) out.required = [...schema.required].sort();
  return ordered(out, SCHEMA_KEYS) as JsonSchema;
}

function canonicalMethod(m: SpecMethod): Record<string, unknown> {
  return ordered(
    {
      ...m,
      http: ordered({ ...m.http }, ["method", "path"]),
      request: canonicalSchema(m.request),
      response: canonicalSchema(m.response),
      provenance: ordered({ ...m.provenance }, ["source", "fqn", "rule", "evidence", "unverified", "override", "note"]),
      ...(m.deprecated && typeof m.deprecated === "object"
        ? { deprecated: ordered({ ...m.deprecated }, ["reason", "replacedBy"]) }
        : {}),
    },
    METHOD_KEYS,
  );
}
