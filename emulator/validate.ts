// Request/response validation with ajv against the model's schemas; ajv errors become Wix fieldViolations.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { ApiModel, JsonSchema, MethodModel } from "../core/model.js";
import type { FieldViolation } from "./http.js";

// ajv-formats is CommonJS: depending on the loader, the default import is the plugin or an object holding it.
const formatsExport = addFormatsModule as unknown as { default?: unknown };
const addFormats = (formatsExport.default ?? formatsExport) as (ajv: Ajv) => Ajv;

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

/**
 * One validator per method and direction, compiled on its first use. Each is compiled from its own document: the
 * method's schema plus only the shared schemas it reaches (`$ref: "#/schemas/X"` resolves in it), so nothing of the
 * rest of a large spec is read, and referenced schemas are compiled as functions, not inlined at every use.
 */
export class ModelValidators {
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly named: ReadonlyMap<string, JsonSchema>;
  private readonly methods: ReadonlyMap<string, MethodModel>;
  private strictAjv: Ajv | undefined;
  private coercingAjv: Ajv | undefined;

  constructor(model: ApiModel) {
    this.named = new Map(model.schemas.map((s) => [s.name, s.schema]));
    this.methods = new Map(model.methods.map((m) => [m.id, m]));
  }

  /** How many validators were compiled so far (one per method and direction used: compiled on first use). */
  get compiledCount(): number {
    return this.cache.size;
  }

  /** Validates (and, for query-string requests, coerces in place) a request; [] when valid. */
  request(methodId: string, data: unknown, fromQuery: boolean): FieldViolation[] {
    return this.run(fromQuery ? "query" : "body", methodId, "request", data);
  }

  response(methodId: string, data: unknown): FieldViolation[] {
    return this.run("body", methodId, "response", data);
  }

  private run(mode: "query" | "body", methodId: string, direction: "request" | "response", data: unknown) {
    const cacheKey = `${mode}:${methodId}/${direction}`;
    let validate = this.cache.get(cacheKey);
    if (validate === undefined) {
      const method = this.methods.get(methodId);
      if (method === undefined) throw new Error(`No schema for ${methodId}/${direction}`);
      validate = this.ajv(mode).compile({ ...method[direction], schemas: this.reachable(method[direction]) });
      this.cache.set(cacheKey, validate);
    }
    // Sorted by field so the answer does not depend on schema key order.
    const violations = validate(data) ? [] : toViolations(validate.errors ?? []);
    return violations.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  }

  private ajv(mode: "query" | "body"): Ajv {
    // strict: false because spec schemas carry annotations (description, readOnly, deprecated) ajv need not know;
    // inlineRefs false + no code optimisation: a large product schema compiles in a third of the time.
    const options = { allErrors: true, strict: false, inlineRefs: false, code: { optimize: false } } as const;
    if (mode === "body") return (this.strictAjv ??= addFormats(new Ajv(options)));
    // Query-string requests arrive as strings: coerce to the schema's numbers, booleans and arrays.
    return (this.coercingAjv ??= addFormats(new Ajv({ ...options, coerceTypes: "array" })));
  }

  /** The shared schemas a schema reaches through `$ref`s, transitively. */
  private reachable(root: JsonSchema): Record<string, JsonSchema> {
    const found: Record<string, JsonSchema> = {};
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const value = stack.pop();
      if (Array.isArray(value)) stack.push(...(value as unknown[]));
      else if (typeof value === "object" && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
          if (key !== "$ref" || typeof inner !== "string") {
            stack.push(inner);
            continue;
          }
          const name = inner.replace(/^#\/schemas\//, "");
          const target = this.named.get(name);
          if (target !== undefined && !(name in found)) {
            found[name] = target;
            stack.push(target);
          }
        }
      }
    }
    return found;
  }
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
