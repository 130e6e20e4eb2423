// Request/response validation with ajv against the model's schemas; ajv errors become Wix fieldViolations.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { ApiModel } from "../core/model.js";
import type { FieldViolation } from "./http.js";

// ajv-formats is CommonJS: depending on the loader, the default import is the plugin or an object holding it.
const formatsExport = addFormatsModule as unknown as { default?: unknown };
const addFormats = (formatsExport.default ?? formatsExport) as (ajv: Ajv) => Ajv;
const MODEL_ID = "wix-authz-model";

/** The Wix `violatedRule` for each validating keyword of the spec format (schema.json); others answer VALIDATION. */
export const VIOLATED_RULES: Readonly<Record<string, string>> = {
  required: "REQUIRED_FIELD",
  maximum: "MAX",
  exclusiveMaximum: "MAX",
  minimum: "MIN",
  exclusiveMinimum: "MIN",
  maxLength: "MAX_LENGTH",
  minLength: "MIN_LENGTH",
  maxItems: "MAX_SIZE",
  minItems: "MIN_SIZE",
  format: "FORMAT",
  additionalProperties: "FIELD_NOT_ALLOWED",
  oneOf: "ONE_OF_ALIGNMENT",
  type: "TYPE",
  enum: "VALIDATION",
};

/**
 * Keywords of the spec format that never fail alone (structure, annotations) or that Wix reports as plain VALIDATION.
 * With VIOLATED_RULES they cover every keyword schema.json allows (test/core/spec-format.test.ts holds it).
 */
export const UNMAPPED_KEYWORDS: readonly string[] = [
  "$ref",
  "title",
  "description",
  "properties",
  "items",
  "allOf",
  "anyOf",
  "const",
  "pattern",
  "uniqueItems",
  "default",
  "examples",
  "readOnly",
  "writeOnly",
  "deprecated",
];

/** One compiled validator per method and direction; `$ref: "#/schemas/X"` resolves inside one registered document. */
export class ModelValidators {
  private readonly strict: Ajv;
  private readonly coercing: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(model: ApiModel) {
    const document = {
      $id: MODEL_ID,
      schemas: Object.fromEntries(model.schemas.map((s) => [s.name, s.schema])),
      methods: Object.fromEntries(model.methods.map((m) => [m.id, { request: m.request, response: m.response }])),
    };
    // strict: false because spec schemas carry annotations (description, readOnly, deprecated) ajv need not know.
    this.strict = addFormats(new Ajv({ allErrors: true, strict: false }));
    // Query-string requests arrive as strings: coerce to the schema's numbers, booleans and arrays.
    this.coercing = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: "array" }));
    this.strict.addSchema(document);
    this.coercing.addSchema(document);
  }

  /** How many validators were compiled so far (one per method and direction used: compiled on first use). */
  get compiledCount(): number {
    return this.cache.size;
  }

  /** Validates (and, for query-string requests, coerces in place) a request; [] when valid. */
  request(methodId: string, data: unknown, fromQuery: boolean): FieldViolation[] {
    return this.run(fromQuery ? this.coercing : this.strict, `${methodId}/request`, data);
  }

  response(methodId: string, data: unknown): FieldViolation[] {
    return this.run(this.strict, `${methodId}/response`, data);
  }

  private run(ajv: Ajv, key: string, data: unknown): FieldViolation[] {
    const cacheKey = `${ajv === this.coercing ? "q" : "b"}:${key}`;
    let validate = this.cache.get(cacheKey);
    if (validate === undefined) {
      const [methodId, direction] = [key.slice(0, key.lastIndexOf("/")), key.slice(key.lastIndexOf("/") + 1)];
      validate = ajv.getSchema(`${MODEL_ID}#/methods/${escapePointer(methodId)}/${direction}`);
      if (validate === undefined) throw new Error(`No schema for ${key}`);
      this.cache.set(cacheKey, validate);
    }
    // Sorted by field so the answer does not depend on schema key order.
    const violations = validate(data) ? [] : toViolations(validate.errors ?? []);
    return violations.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function toViolations(errors: readonly ErrorObject[]): FieldViolation[] {
  // oneOf/anyOf report every branch's failure too; keep the combinator's own error when present.
  const violations: FieldViolation[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const base = error.instancePath
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    const extra =
      error.keyword === "required"
        ? [String(error.params["missingProperty"])]
        : error.keyword === "additionalProperties"
          ? [String(error.params["additionalProperty"])]
          : [];
    const field = [...base, ...extra].join(".") || "body";
    const violation: FieldViolation = {
      field,
      description: error.message ?? error.keyword,
      violatedRule: VIOLATED_RULES[error.keyword] ?? "VALIDATION",
      ruleName: error.keyword.toUpperCase(),
      data: error.params as Record<string, unknown>,
    };
    const key = `${violation.field}|${violation.description}`;
    if (!seen.has(key)) violations.push(violation);
    seen.add(key);
  }
  return violations;
}
