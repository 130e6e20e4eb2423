// validate: LoadedSpec → ValidatedSpec or Diagnostic[] (ajv shape check against spec/schema.json, then rules.ts).
import type { ErrorObject, ValidateFunction } from "ajv";
import { compareDiagnostics, type Diagnostic } from "../core/diagnostics.js";
import type { LoadedFile, LoadedSpec } from "./load.js";
import type { SpecFile } from "../core/spec-file.js";
import { validate as specSchemaValidate } from "../core/validators/spec-schema.generated.js";
import { formatPath, positionOf, type JsonPath } from "./positions.js";
import { checkRules, type ValidatedFile, type ValidatedSpec } from "./rules.js";

export type { ValidatedFile, ValidatedSpec } from "./rules.js";

type ValidationResult =
  | { readonly ok: true; readonly spec: ValidatedSpec }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** spec/schema.json's validator, compiled ahead of time (scripts/validators/build.ts) with the options it always had:
 * allErrors, strict, allowUnionTypes, verbose. */
function specValidator(): ValidateFunction {
  return specSchemaValidate as unknown as ValidateFunction;
}

export function validateSpec(loaded: LoadedSpec): ValidationResult {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const files: ValidatedFile[] = [];
  const broken = new Set(loaded.diagnostics.map((d) => d.file));
  for (const file of loaded.files) {
    if (broken.has(file.file)) continue;
    const data = file.data;
    if (loaded.checked?.has(data)) {
      files.push({ loaded: file, data: data as SpecFile });
      continue;
    }
    const tooDeep = deepestPathBeyond(data, MAX_DEPTH);
    if (tooDeep) {
      diagnostics.push({
        code: "SPEC_TOO_DEEP",
        severity: "error",
        message: `Nesting deeper than ${MAX_DEPTH} levels at ${formatPath(tooDeep.slice(0, 8))}…: flatten it with shared schemas ($ref).`,
        file: file.file,
        ...positionOf(file, tooDeep),
      });
      continue;
    }
    const validate = specValidator();
    if (validate(data)) files.push({ loaded: file, data: data as SpecFile });
    else diagnostics.push(...capped(file, shapeDiagnostics(file, validate.errors ?? [])));
  }
  if (diagnostics.length === 0) diagnostics.push(...checkRules(files, (data) => loaded.checked?.get(data)?.refs));
  if (diagnostics.length > 0) return { ok: false, diagnostics: dedupe(diagnostics).sort(compareDiagnostics) };
  return { ok: true, spec: { files } };
}

/** Deeper than this, recursive walks (ours, ajv's, the emitters') risk the stack; no real schema nests so deep. */
const MAX_DEPTH = 64;
const MAX_DIAGNOSTICS_PER_FILE = 100;

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly key: string | number;
  readonly parent: Frame | undefined;
}

/** The path to the first value nested deeper than `limit`, found without recursion (paths built only for that one). */
function deepestPathBeyond(root: unknown, limit: number): JsonPath | undefined {
  const stack: Frame[] = [{ value: root, depth: 0, key: "", parent: undefined }];
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.depth > limit) {
      const path: (string | number)[] = [];
      for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path.unshift(f.key);
      return path;
    }
    const { value } = frame;
    if (Array.isArray(value))
      value.forEach(
        (v, i) =>
          typeof v === "object" &&
          v !== null &&
          stack.push({ value: v, depth: frame.depth + 1, key: i, parent: frame }),
      );
    else if (value && typeof value === "object")
      for (const k in value) {
        const v = (value as Record<string, unknown>)[k];
        if (typeof v === "object" && v !== null)
          stack.push({ value: v, depth: frame.depth + 1, key: k, parent: frame });
      }
  }
  return undefined;
}

/** At most MAX_DIAGNOSTICS_PER_FILE per file, then one line saying how many more. */
function capped(file: LoadedFile, list: Diagnostic[]): Diagnostic[] {
  if (list.length <= MAX_DIAGNOSTICS_PER_FILE) return list;
  const kept = list.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  // Placed where the first omitted problem is, so it reads after the ones shown.
  const { line, column } = list[MAX_DIAGNOSTICS_PER_FILE]!;
  return [
    ...kept,
    {
      code: "SPEC_TOO_MANY_ERRORS",
      severity: "error",
      message: `…and ${list.length - kept.length} more problems in this file.`,
      file: file.file,
      line,
      column,
    },
  ];
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function toPath(instancePath: string): JsonPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Keeps the most useful ajv errors: drops oneOf summaries when a branch explains the problem. */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "if");
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of specific.length ? specific : errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out: ErrorObject[] = [];
  for (const list of byPath.values()) {
    // Under oneOf, a value failing every branch yields one "type" error per branch: keep one summary.
    const types = list.filter((e) => e.keyword === "type");
    const rest = list.filter((e) => e.keyword !== "type");
    out.push(...rest);
    if (types.length > 0 && rest.length === 0) out.push(mergeTypeErrors(types));
  }
  return out;
}

function mergeTypeErrors(types: ErrorObject[]): ErrorObject {
  const expected = [
    ...new Set(types.flatMap((e) => String((e.params as { type: string | string[] }).type).split(","))),
  ];
  return { ...types[0]!, params: { type: expected.join(" or ") } };
}

function shapeDiagnostics(file: LoadedFile, errors: readonly ErrorObject[]): Diagnostic[] {
  return usefulErrors(errors).map((e) => describe(file, e));
}

function describe(file: LoadedFile, e: ErrorObject): Diagnostic {
  const at = toPath(e.instancePath);
  const where = formatPath(at);
  const p = e.params as Record<string, unknown>;
  const last = at[at.length - 1];
  const make = (code: string, message: string, jsonPath: JsonPath = at, preferKey = false): Diagnostic => ({
    code,
    severity: "error",
    message,
    file: file.file,
    ...positionOf(file, jsonPath, preferKey),
  });
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(", ");
      return make(
        "SPEC_UNKNOWN_KEY",
        `Unknown key "${key}" in ${where}. Expected one of: ${allowed}.`,
        [...at, key],
        true,
      );
    }
    case "required":
      return make("SPEC_MISSING_KEY", `Missing required key "${String(p.missingProperty)}" in ${where}.`);
    case "enum": {
      const allowed = ((p.allowedValues as unknown[]) ?? []).map(String).join(", ");
      const value = preview(valueAt(file, at));
      if (at[0] === "methods" && at[2] === "identities")
        return make("SPEC_UNKNOWN_IDENTITY", `Unknown identity ${value}. Expected one of: ${allowed}.`);
      if (at[0] === "methods" && at[2] === "http" && last === "method")
        return make("SPEC_UNKNOWN_HTTP_METHOD", `Unknown HTTP method ${value}. Expected one of: ${allowed}.`);
      return make("SPEC_INVALID_VALUE", `Invalid value ${value} at ${where}. Expected one of: ${allowed}.`);
    }
    case "pattern":
      return make("SPEC_INVALID_FORMAT", patternMessage(at, valueAt(file, at), String(p.pattern)));
    case "propertyNames":
      return make("SPEC_INVALID_NAME", `Invalid schema name at ${where}: names are PascalCase letters and digits.`);
    case "type":
      return make("SPEC_WRONG_TYPE", `Expected ${String(p.type)} at ${where}, got ${kindOf(valueAt(file, at))}.`);
    default:
      return make("SPEC_INVALID_VALUE", `Invalid value at ${where}: ${e.message ?? e.keyword}.`);
  }
}

function patternMessage(at: JsonPath, value: unknown, pattern: string): string {
  const shown = preview(value);
  const field = at[at.length - 1];
  if (field === "name")
    return `Invalid method name ${shown}: use camelCase letters and digits, starting with a lowercase letter.`;
  if (field === "namespace")
    return `Invalid namespace ${shown}: use dot-separated camelCase segments, e.g. stores.products.`;
  if (field === "path")
    return `Invalid HTTP path ${shown}: it must start with "/", and each segment is either literal text or one {param} naming a request field (dotted for a nested one: {product.id}).`;
  if (field === "$ref") return `Invalid $ref ${shown}: refer to shared schemas as "#/schemas/Name".`;
  return `Invalid value ${shown} at ${formatPath(at)}: it must match ${pattern}.`;
}

/** A value as it reads in a message: JSON, cut short so a huge value cannot flood the terminal. */
function preview(value: unknown): string {
  const text =
    typeof value === "string" && value.length > 200 ? JSON.stringify(value.slice(0, 60)) : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function valueAt(file: LoadedFile, at: JsonPath): unknown {
  let v: unknown = file.data;
  for (const seg of at) v = v == null ? undefined : (v as Record<string | number, unknown>)[seg];
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}
