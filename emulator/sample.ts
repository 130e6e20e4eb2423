// Minimal valid instance of a JSON Schema: the answer of spec methods the emulator has no stateful handler for.
import type { ApiModel, JsonSchema, JsonType } from "../core/model.js";

const MAX_DEPTH = 12;

/** Required properties only, smallest arrays, first enum value, format-shaped strings; `$ref`s resolved in `model`. */
export function sampleFor(schema: JsonSchema, model: ApiModel, nowIso: string): unknown {
  const named = new Map(model.schemas.map((s) => [s.name, s.schema]));
  const walk = (s: JsonSchema, depth: number): unknown => {
    if (depth > MAX_DEPTH) return null;
    if (s.$ref !== undefined) {
      const target = named.get(s.$ref.replace(/^#\/schemas\//, ""));
      if (target === undefined) throw new Error(`Unresolved schema reference ${s.$ref}`);
      return walk(target, depth + 1);
    }
    if (s.const !== undefined) return s.const;
    if (s.enum !== undefined && s.enum.length > 0) return s.enum[0];
    const branch = s.oneOf?.[0] ?? s.anyOf?.[0];
    if (branch !== undefined) return walk(branch, depth + 1);
    if (s.allOf !== undefined) {
      const parts = s.allOf.map((part) => walk(part, depth + 1));
      return parts.every(isObject) ? Object.assign({}, ...parts) : parts[0];
    }
    return byType(s, pickType(s), nowIso, (inner) => walk(inner, depth + 1));
  };
  return walk(schema, 0);
}

function pickType(s: JsonSchema): JsonType {
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type as JsonType];
  if (types.length === 0) return s.properties !== undefined ? "object" : s.items !== undefined ? "array" : "object";
  return types.find((t) => t !== "null") ?? "null";
}

function byType(s: JsonSchema, type: JsonType, nowIso: string, walk: (inner: JsonSchema) => unknown): unknown {
  switch (type) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const name of s.required ?? []) {
        const property = s.properties?.[name];
        result[name] = property === undefined ? {} : walk(property);
      }
      return result;
    }
    case "array": {
      const count = typeof s["minItems"] === "number" ? s["minItems"] : 0;
      return Array.from({ length: count }, () => (s.items === undefined ? {} : walk(s.items)));
    }
    case "string":
      return sampleString(s, nowIso);
    case "integer":
    case "number":
      return sampleNumber(s, type);
    case "boolean":
      return false;
    case "null":
      return null;
  }
}

function sampleString(s: JsonSchema, nowIso: string): string {
  const byFormat: Record<string, string> = {
    "date-time": nowIso,
    date: nowIso.slice(0, 10),
    time: nowIso.slice(11),
    email: "user@example.com",
    uri: "https://example.com/",
    url: "https://example.com/",
    uuid: "00000000-0000-4000-8000-000000000000",
    hostname: "example.com",
    ipv4: "127.0.0.1",
    ipv6: "::1",
  };
  let text = (s.format !== undefined ? byFormat[s.format] : undefined) ?? "";
  const min = typeof s["minLength"] === "number" ? s["minLength"] : 0;
  if (text.length < min) text = text + "x".repeat(min - text.length);
  return text;
}

function sampleNumber(s: JsonSchema, type: "integer" | "number"): number {
  const minimum = typeof s["minimum"] === "number" ? s["minimum"] : undefined;
  const exclusive = typeof s["exclusiveMinimum"] === "number" ? s["exclusiveMinimum"] : undefined;
  let value = minimum ?? (exclusive !== undefined ? exclusive + 1 : 0);
  const maximum = typeof s["maximum"] === "number" ? s["maximum"] : undefined;
  if (minimum === undefined && exclusive === undefined && maximum !== undefined && maximum < 0) value = maximum;
  return type === "integer" ? Math.ceil(value) : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
