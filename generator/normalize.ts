// normalize: ValidatedSpec → ApiModel (the IR). Every default and every order is decided here, with pinned comparators.
import type { ApiModel, Deprecation, JsonSchema, MethodModel, NamedSchema } from "../core/model.js";
import { ordered } from "../core/identity.js";
import { requestTypeName, responseTypeName } from "../core/names.js";
import type { SpecMethod as RawMethod } from "../core/spec-file.js";
import type { ValidatedFile, ValidatedSpec } from "./rules.js";

/** Code-point order: the same on every machine and locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function normalize(spec: ValidatedSpec): ApiModel {
  const methods: MethodModel[] = [];
  const schemas: NamedSchema[] = [];
  for (const file of spec.files) {
    for (const raw of file.data.methods ?? []) methods.push(normalizeMethod(raw, file));
    for (const [name, schema] of Object.entries(file.data.schemas ?? {}))
      schemas.push({ name, schema: canonicalSchema(schema), source: { file: file.loaded.file } });
  }
  methods.sort((a, b) => byCodePoint(a.id, b.id));
  schemas.sort((a, b) => byCodePoint(a.name, b.name));
  return deepFreeze({ methods, schemas, sources: spec.files.map((f) => f.loaded.file).sort(byCodePoint) });
}

function normalizeMethod(raw: RawMethod, file: ValidatedFile): MethodModel {
  const namespace = raw.namespace.split(".");
  const identities = ordered(raw.identities);
  const deprecated = normalizeDeprecation(raw.deprecated);
  return {
    id: `${raw.namespace}.${raw.name}`,
    name: raw.name,
    namespace,
    description: (raw.description ?? "").trim(),
    http: {
      method: raw.http.method,
      path: raw.http.path,
      pathParams: [...raw.http.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
    },
    identities,
    permissions: [...(raw.permissions ?? [])].sort(byCodePoint),
    ...(deprecated ? { deprecated } : {}),
    ...(raw.provenance ? { provenance: sortKeys(raw.provenance) } : {}),
    request: canonicalSchema(raw.request),
    response: canonicalSchema(raw.response),
    requestType: requestTypeName(namespace, raw.name),
    responseType: responseTypeName(namespace, raw.name),
    source: { file: file.loaded.file },
  };
}

function normalizeDeprecation(value: RawMethod["deprecated"]): Deprecation | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  return sortKeys(value);
}

/** Object keys sorted recursively (schema key order must not change the output); arrays keep their order. */
export function canonicalSchema(schema: JsonSchema): JsonSchema {
  return canonical(schema) as JsonSchema;
}

/**
 * Frozen as it is made: `deepFreeze` stops at frozen objects, so the model's largest part (its schemas) is walked
 * once, not twice (the second walk was a tenth of an incremental catalogue run).
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map(canonical));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(byCodePoint)) {
      const v = canonical((value as Record<string, unknown>)[key]);
      // defineProperty: a key named "__proto__" stays a plain key instead of replacing the prototype.
      if (key === "__proto__")
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
    if (Array.isArray(out.required)) out.required = Object.freeze([...(out.required as string[])].sort(byCodePoint));
    return Object.freeze(out);
  }
  return value;
}

function sortKeys<T extends object>(value: T): T {
  return canonical(value) as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
