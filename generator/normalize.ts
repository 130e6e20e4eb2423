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

/**
 * `isCanonical`: data already in canonical form (generate's spec cache keeps it so: loaded.ts, `checked`), which is
 * frozen where it is instead of copied: the same model, without a copy of every schema.
 */
export function normalize(spec: ValidatedSpec, isCanonical: (data: unknown) => boolean = () => false): ApiModel {
  const methods: MethodModel[] = [];
  const schemas: NamedSchema[] = [];
  for (const file of spec.files) {
    const canon = isCanonical(file.data) ? frozenCanonical : canonical;
    for (const raw of file.data.methods ?? []) methods.push(normalizeMethod(raw, file, canon));
    for (const [name, schema] of Object.entries(file.data.schemas ?? {}))
      schemas.push({ name, schema: canon(schema) as JsonSchema, source: { file: file.loaded.file } });
  }
  methods.sort((a, b) => byCodePoint(a.id, b.id));
  schemas.sort((a, b) => byCodePoint(a.name, b.name));
  return deepFreeze({ methods, schemas, sources: spec.files.map((f) => f.loaded.file).sort(byCodePoint) });
}

function normalizeMethod(raw: RawMethod, file: ValidatedFile, canon: (value: unknown) => unknown): MethodModel {
  const namespace = raw.namespace.split(".");
  const identities = ordered(raw.identities);
  const deprecated = normalizeDeprecation(raw.deprecated, canon);
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
    ...(raw.provenance ? { provenance: canon(raw.provenance) as NonNullable<RawMethod["provenance"]> } : {}),
    request: canon(raw.request) as JsonSchema,
    response: canon(raw.response) as JsonSchema,
    requestType: requestTypeName(namespace, raw.name),
    responseType: responseTypeName(namespace, raw.name),
    source: { file: file.loaded.file },
  };
}

function normalizeDeprecation(
  value: RawMethod["deprecated"],
  canon: (value: unknown) => unknown,
): Deprecation | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  return canon(value) as Deprecation;
}

/** Object keys sorted recursively (schema key order must not change the output); arrays keep their order. */
export function canonicalSchema(schema: JsonSchema): JsonSchema {
  return canonical(schema) as JsonSchema;
}

/** Any parsed value in canonical form (a frozen copy): what generate's spec cache keeps of a file. */
export function canonicalValue(value: unknown): unknown {
  return canonical(value);
}

/** A value already canonical (canonical(value) would equal it), frozen in place. */
function frozenCanonical(value: unknown): unknown {
  return deepFreeze(value);
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
