// Synthetic workload, part 1: seeded PRNG and the JSON Schemas (shared and per-resource) of the synthetic API.

export type JsonSchema = { [key: string]: unknown };

/** mulberry32, shared with the emulator's fault injection: a seed always gives the same spec. */
export { mulberry32 as prng } from "../../emulator/prng.js";

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/schemas/${name}` });
const str = (description?: string): JsonSchema => (description ? { type: "string", description } : { type: "string" });

/** Schemas every namespace references: the shared `$ref`s of the workload. */
export const SHARED_SCHEMAS: Record<string, JsonSchema> = {
  Money: {
    type: "object",
    required: ["amount", "currency"],
    properties: { amount: str("Decimal amount as a string."), currency: { type: "string", pattern: "^[A-Z]{3}$" } },
  },
  Address: {
    type: "object",
    properties: { country: str(), subdivision: str(), city: str(), addressLine: str(), postalCode: str() },
  },
  Paging: {
    type: "object",
    properties: { limit: { type: "integer", minimum: 0, maximum: 100 }, offset: { type: "integer", minimum: 0 } },
  },
  Sorting: {
    type: "object",
    required: ["fieldName"],
    properties: { fieldName: str(), order: { type: "string", enum: ["ASC", "DESC"] } },
  },
  PagingMetadata: {
    type: "object",
    properties: {
      count: { type: "integer" },
      offset: { type: "integer" },
      total: { type: "integer" },
      hasNext: { type: "boolean" },
    },
  },
  ApiError: { type: "object", required: ["code"], properties: { code: str(), description: str() } },
  ExtendedFields: { type: "object", properties: { namespaces: { type: "object", additionalProperties: true } } },
};

const STATUS_SETS: readonly (readonly string[])[] = [
  ["DRAFT", "ACTIVE", "ARCHIVED"],
  ["PENDING", "APPROVED", "REJECTED", "CANCELED"],
  ["OPEN", "CLOSED"],
  ["UNKNOWN", "IN_STOCK", "OUT_OF_STOCK", "PARTIALLY_OUT_OF_STOCK"],
];
const EXTRA_FIELDS: readonly [string, JsonSchema][] = [
  ["sku", str()],
  ["slug", str("URL slug, unique per site.")],
  ["weight", { type: "number", minimum: 0 }],
  ["quantity", { type: ["integer", "null"] }],
  ["visible", { type: "boolean" }],
  ["ribbon", str()],
  ["brand", { type: ["string", "null"] }],
  ["email", { type: "string", format: "email" }],
  ["phone", str()],
  ["rating", { type: "number", minimum: 0, maximum: 5 }],
  ["priority", { type: "integer", enum: [1, 2, 3] }],
  ["color", { type: "string", enum: ["RED", "GREEN", "BLUE", "BLACK", "WHITE"] }],
];

/** The entity a namespace manages, and its input shape (what create/update accept). */
export function resourceSchemas(entity: string, rand: () => number): Record<string, JsonSchema> {
  const extras = EXTRA_FIELDS.filter(() => rand() < 0.5);
  const status = { type: "string", enum: [...pick(rand, STATUS_SETS)] };
  const details: JsonSchema = {
    type: "object",
    description: `Nested details of a ${entity}.`,
    properties: {
      summary: str(),
      dimensions: {
        type: "object",
        properties: {
          width: { type: "number" },
          height: { type: "number" },
          unit: { type: "string", enum: ["CM", "IN"] },
        },
      },
      attributes: {
        type: "array",
        items: { type: "object", required: ["key"], properties: { key: str(), value: str() } },
      },
    },
  };
  const lineItem: JsonSchema = {
    type: "object",
    required: ["quantity"],
    properties: { sku: str(), quantity: { type: "integer", minimum: 1 }, price: ref("Money") },
  };
  const entityProps: JsonSchema = {
    id: { type: "string", format: "uuid", readOnly: true },
    name: { type: "string", maxLength: 80, description: `${entity} name.` },
    status,
    price: ref("Money"),
    tags: { type: "array", items: str() },
    details,
    lines: { type: "array", items: lineItem },
    ...(rand() < 0.5 ? { address: ref("Address") } : {}),
    extendedFields: ref("ExtendedFields"),
    createdDate: { type: "string", format: "date-time", readOnly: true },
    updatedDate: { type: "string", format: "date-time", readOnly: true },
    ...Object.fromEntries(extras),
  };
  const inputProps: JsonSchema = {
    name: { type: "string", minLength: 1, maxLength: 80 },
    status,
    tags: entityProps.tags,
    details,
    ...Object.fromEntries(extras),
  };
  return {
    [entity]: { type: "object", required: ["id", "name"], description: `A ${entity}.`, properties: entityProps },
    [`${entity}Input`]: { type: "object", required: ["name"], properties: inputProps },
  };
}

/** A request value with every required field filled (enums: first value), for usage files and runtime calls. */
export function sampleValue(schema: JsonSchema, schemas: Record<string, JsonSchema>, depth = 0): unknown {
  if (depth > 8) return undefined;
  const target = typeof schema.$ref === "string" ? (schemas[schema.$ref.slice("#/schemas/".length)] ?? {}) : schema;
  if (Array.isArray(target.enum)) return target.enum[0];
  const type = Array.isArray(target.type) ? target.type[0] : target.type;
  switch (type) {
    case "string":
      return target.pattern === "^[A-Z]{3}$" ? "USD" : "x";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object": {
      const props = (target.properties ?? {}) as Record<string, JsonSchema>;
      const required = (target.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, sampleValue(props[k] ?? {}, schemas, depth + 1)]));
    }
    default:
      return null;
  }
}

export type Verb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Identity = "visitor" | "member" | "admin";

export interface SynthMethod {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly verb: Verb;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly identities: readonly Identity[];
  readonly permissions: readonly string[];
  readonly description: string;
  readonly request: JsonSchema;
  readonly response: JsonSchema;
  /** A request with every required field set. */
  readonly sample: Record<string, unknown>;
}
