// spec-file: the spec format — one YAML file's TypeScript shape and the key orders spec writers use. spec/schema.json
// is the one definition: validate.ts checks files against it, and test/core/spec-file.test.ts proves with the compiler
// that these types say what schema.json says (json-schema-to-typescript's reading of it and these agree both ways).
import { createRequire } from "node:module";
import type { HttpVerb, Identity } from "@wix-authz/runtime/contract";
import type { JsonSchema, ProvenanceEvidence, ProvenanceOverride } from "./model.js";

/** One spec file as written (before normalization). */
export interface SpecFile {
  readonly schemas?: Readonly<Record<string, JsonSchema>>;
  readonly methods?: readonly SpecMethod[];
}

export interface SpecMethod {
  readonly name: string;
  readonly namespace: string;
  readonly description?: string;
  readonly http: { readonly method: HttpVerb; readonly path: string };
  readonly identities: readonly Identity[];
  readonly permissions?: readonly string[];
  readonly request: JsonSchema;
  readonly response: JsonSchema;
  readonly deprecated?: boolean | SpecDeprecation;
  readonly provenance?: SpecProvenance;
}

export interface SpecDeprecation {
  readonly reason?: string;
  readonly replacedBy?: string;
}

export interface SpecProvenance {
  readonly source: string;
  readonly fqn?: string;
  readonly rule?: string;
  readonly note?: string;
  readonly evidence?: readonly SpecEvidence[];
  readonly unverified?: string;
  readonly override?: SpecOverride;
}

export type SpecEvidence = ProvenanceEvidence;
/** A deliberate departure from Wix's documented identities or permissions (generator/facts-check.ts). */
export type SpecOverride = ProvenanceOverride;

/**
 * `http.path` (schema.json's pattern, held equal by test/core/spec-format.test.ts): literal segments, or one `{param}`
 * per segment naming a request field; dotted (`{product.id}`) for a nested one, as Wix writes its paths.
 */
export const SPEC_PATH_PATTERN =
  /^(\/([A-Za-z0-9._~:@!$&'()*+,;=-]+|\{[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\}))+$/;

interface FormatSchema {
  readonly definitions: {
    readonly method: { readonly properties: Readonly<Record<string, unknown>> };
    readonly jsonSchema: { readonly properties: Readonly<Record<string, unknown>> };
    readonly identity: { readonly enum: readonly string[] };
  };
}

let format: FormatSchema | undefined;

/** spec/schema.json, read once per process (through the package's own export, from sources and from dist/ alike). */
export function specFormatSchema(): FormatSchema {
  format ??= createRequire(import.meta.url)("wix-authz/spec/schema.json") as FormatSchema;
  return format;
}

/** A method's keys in the order schema.json lists them: the order spec writers (the importer) emit. */
export function methodKeyOrder(): readonly string[] {
  return Object.keys(specFormatSchema().definitions.method.properties);
}

/** The JSON Schema keywords the spec allows, in schema.json's order (besides `x-` extensions). */
export function schemaKeywords(): readonly string[] {
  return Object.keys(specFormatSchema().definitions.jsonSchema.properties);
}
