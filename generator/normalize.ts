// normalize: ValidatedSpec → ApiModel (the IR). Every default and every order is decided here, with pinned comparators.
import type { ApiModel, Deprecation, JsonSchema, MethodModel, NamedSchema } from "../core/model.js";
import { ordered } from "../core/identity.js";
import { requestTypeName, responseTypeName } from "../core/names.js";
import type { SpecFile, SpecMethod as RawMethod } from "../core/spec-file.js";
import type { ValidatedFile, ValidatedSpec } from "./rules.js";

/** Code-point order: the same on every machine and locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Each file's data is copied into canonical form once, whole, and the model takes its parts from that copy (which
 * generate's spec cache then keeps: `canonicalValue`). `isCanonical`: data already in that form (the spec cache's:
 * loaded.ts, `checked`), frozen where it is instead: the same model, without a copy.
 */
export function normalize(spec: ValidatedSpec, isCanonical: (data: unknown) => boolean = () => false): ApiModel {
  const methods: MethodModel[] = [];
  const schemas: NamedSchema[] = [];
  for (const file of spec.files) {
    const data = (isCanonical(file.data) ? deepFreeze(file.data) : canonicalCopy(file.data)) as SpecFile;
    for (const raw of data.methods ?? []) methods.push(normalizeMethod(raw, file));
    for (const [name, schema] of Object.entries(data.schemas ?? {}))
      schemas.push({ name, schema, source: { file: file.loaded.file } });
  }
  methods.sort((a, b) => byCodePoint(a.id, b.id));
  schemas.sort((a, b) => byCodePoint(a.name, b.name));
  return deepFreeze({ methods, schemas, sources: spec.files.map((f) => f.loaded.file).sort(byCodePoint) });
}

/** A method of a file's canonical copy (its schemas and objects already canonical and frozen) in the model. */
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
    ...(raw.provenance ? { provenance: raw.provenance } : {}),
    request: raw.request,
    response: raw.response,
    requestType: requestTypeName(namespace, raw.name),
    responseType: responseTypeName(namespace, raw.name),
    source: { file: file.loaded.file },
  };
}

function normalizeDeprecation(value: RawMethod["deprecated"]): Deprecation | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  return value;
}

/** Object keys sorted recursively (schema key order must not change the output); arrays keep their order. */
export function canonicalSchema(schema: JsonSchema): JsonSchema {
  return canonical(schema) as JsonSchema;
}

/** The canonical copy normalize made of each file's data, for the spec cache to keep (no second copy). */
const copies = new WeakMap<object, unknown>();

function canonicalCopy(data: unknown): unknown {
  const copy = canonical(data);
  if (typeof data === "object" && data !== null) copies.set(data, copy);
  return copy;
}

/** A file's data in canonical form (a frozen copy): normalize's copy of it when there is one, else a new one. */
export function canonicalValue(value: unknown): unknown {
  return (typeof value === "object" && value !== null && copies.get(value)) || canonical(value);
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

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
