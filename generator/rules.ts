// rules: the semantic checks that run after the shape check, one function per sentence they enforce.
import type { Diagnostic } from "../core/diagnostics.js";
import { missingIncluders, RESERVED_NAMES, RESERVED_TOP_LEVEL_NAMES } from "../core/identity.js";
import type { JsonSchema } from "../core/model.js";
import { checkPathField, type PathFieldProblem } from "./path-fields.js";
import { positionOf, type JsonPath } from "./positions.js";
import { pascal, requestTypeName, responseTypeName } from "../core/names.js";
import type { SpecFile, SpecMethod as RawMethod } from "../core/spec-file.js";
import type { LoadedFile } from "./loaded.js";
import { walkRefs } from "./refs.js";

/** A spec file that passed the shape check (schema.json): what the rules, then normalize, read. */
export interface ValidatedFile {
  readonly loaded: LoadedFile;
  readonly data: SpecFile;
}

export interface ValidatedSpec {
  readonly files: readonly ValidatedFile[];
}

interface Site {
  readonly file: ValidatedFile;
  readonly path: JsonPath;
}
type Report = (code: string, message: string, site: Site, preferKey?: boolean, textOffset?: number) => void;

interface MethodSite {
  readonly method: RawMethod;
  readonly site: Site;
}

/**
 * `knownRefs`: a file's `$ref` strings when already known (generate's spec cache keeps them): such a file is walked
 * only if one of them does not resolve, to say where.
 */
export function checkRules(
  files: readonly ValidatedFile[],
  knownRefs: (data: SpecFile) => readonly string[] | undefined = () => undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (code, message, site, preferKey = false, textOffset = 0) => {
    const pos = positionOf(site.file.loaded, site.path, preferKey);
    out.push({
      code,
      severity: "error",
      message,
      file: site.file.loaded.file,
      line: pos.line,
      column: pos.column + textOffset,
    });
  };
  const methods: MethodSite[] = files.flatMap((file) =>
    (file.data.methods ?? []).map((method, i) => ({ method, site: { file, path: ["methods", i] as JsonPath } })),
  );
  const schemas = schemaSites(files, report);
  methodIdsAreUnique(methods, report);
  routesAreUnique(methods, report);
  namespacesDoNotCollideWithMethods(methods, report);
  generatedNamesAreUnique(methods, schemas, report);
  for (const m of methods) {
    visitorMethodsAreMemberMethods(m, report);
    requestIsAnObject(m, schemas, report);
    pathParamsAreRequiredRequestFields(m, schemas, report);
  }
  refsResolve(files, schemas, report, knownRefs);
  refsAreNotPureCycles(schemas, report);
  return out;
}

/** Shared schema names are unique across all files. */
function schemaSites(files: readonly ValidatedFile[], report: Report): Map<string, { schema: JsonSchema; site: Site }> {
  const sites = new Map<string, { schema: JsonSchema; site: Site }>();
  for (const file of files) {
    for (const [name, schema] of Object.entries(file.data.schemas ?? {})) {
      const site = { file, path: ["schemas", name] };
      const prior = sites.get(name);
      if (prior)
        report(
          "SPEC_DUPLICATE_SCHEMA",
          `Schema "${name}" is already defined in ${prior.site.file.loaded.file}.`,
          site,
          true,
        );
      else sites.set(name, { schema, site });
    }
  }
  return sites;
}

/** Method names are unique within a namespace, across all files. */
function methodIdsAreUnique(methods: readonly MethodSite[], report: Report): void {
  const seen = new Map<string, Site>();
  for (const { method, site } of methods) {
    const id = `${method.namespace}.${method.name}`;
    const prior = seen.get(id);
    if (prior)
      report("SPEC_DUPLICATE_METHOD", `Method "${id}" is already defined at ${where(prior)}.`, at(site, "name"));
    else seen.set(id, site);
  }
}

/** No two methods share an HTTP verb and path (the server could not tell them apart). */
function routesAreUnique(methods: readonly MethodSite[], report: Report): void {
  const seen = new Map<string, string>();
  for (const { method, site } of methods) {
    const route = `${method.http.method} ${method.http.path.replace(/\{[^}]+\}/g, "{}")}`;
    const prior = seen.get(route);
    const id = `${method.namespace}.${method.name}`;
    if (prior && prior !== id)
      report(
        "SPEC_DUPLICATE_ROUTE",
        `${method.http.method} ${method.http.path} is already used by "${prior}".`,
        at(site, "http", "path"),
      );
    else seen.set(route, id);
  }
}

const RESERVED_TOP = new Set(RESERVED_TOP_LEVEL_NAMES);
const RESERVED_ANY = new Set(RESERVED_NAMES);

/** A name is either a namespace or a method, never both, and never one the client object reserves. */
function namespacesDoNotCollideWithMethods(methods: readonly MethodSite[], report: Report): void {
  const namespaces = new Set<string>();
  for (const { method } of methods) {
    const parts = method.namespace.split(".");
    for (let i = 1; i <= parts.length; i++) namespaces.add(parts.slice(0, i).join("."));
  }
  for (const { method, site } of methods) {
    const id = `${method.namespace}.${method.name}`;
    if (namespaces.has(id)) report("SPEC_NAME_CONFLICT", `"${id}" is both a method and a namespace.`, at(site, "name"));
    const segments = method.namespace.split(".");
    if (RESERVED_TOP.has(segments[0]!))
      report(
        "SPEC_RESERVED_NAME",
        `Namespace "${segments[0]}" is reserved by the client (client.${segments[0]}).`,
        at(site, "namespace"),
      );
    for (const name of [...segments, method.name]) {
      if (RESERVED_ANY.has(name))
        report(
          "SPEC_RESERVED_NAME",
          `"${name}" cannot be a method or namespace name: it would shadow a built-in property of JavaScript objects.`,
          at(site, name === method.name ? "name" : "namespace"),
        );
    }
  }
}

/** Generated TypeScript names (request/response types, shared schemas) do not collide. */
function generatedNamesAreUnique(
  methods: readonly MethodSite[],
  schemas: Map<string, { site: Site }>,
  report: Report,
): void {
  const owners = new Map<string, string>();
  for (const [name] of schemas) owners.set(name, `schema "${name}"`);
  for (const { method, site } of methods) {
    const id = `${method.namespace}.${method.name}`;
    for (const type of [
      requestTypeName(method.namespace.split("."), method.name),
      responseTypeName(method.namespace.split("."), method.name),
    ]) {
      const prior = owners.get(type);
      if (prior && prior !== `method "${id}"`)
        report(
          "SPEC_TYPE_NAME_CONFLICT",
          `Method "${id}" would generate type ${type}, which ${prior} already uses.`,
          at(site, "name"),
        );
      else owners.set(type, `method "${id}"`);
    }
    const segments = method.namespace.split(".");
    for (let i = 1; i <= segments.length; i++) {
      const namespace = segments.slice(0, i).join(".");
      const ns = pascal(segments.slice(0, i));
      const nsOwner = owners.get(`ns:${ns}`);
      if (nsOwner && nsOwner !== namespace)
        report(
          "SPEC_TYPE_NAME_CONFLICT",
          `Namespace "${namespace}" and namespace "${nsOwner}" would both generate interfaces named *${ns}.`,
          at(site, "namespace"),
        );
      else owners.set(`ns:${ns}`, namespace);
    }
  }
}

/**
 * A method callable by an identity is callable by every identity that includes it (the identity table's `includes`:
 * members can call everything visitors can).
 */
function visitorMethodsAreMemberMethods({ method, site }: MethodSite, report: Report): void {
  for (const [present, missing] of missingIncluders(method.identities))
    report(
      `SPEC_${present.toUpperCase()}_WITHOUT_${missing.toUpperCase()}`,
      `Method "${method.namespace}.${method.name}" allows ${present} but not ${missing}: ${missing}s can call everything ${present}s can. Add ${missing}.`,
      at(site, "identities"),
    );
}

function resolve(schema: JsonSchema, schemas: Map<string, { schema: JsonSchema }>, depth = 0): JsonSchema | undefined {
  if (!schema.$ref) return schema;
  const target = schemas.get(schema.$ref.slice("#/schemas/".length));
  return target && depth < 32 ? resolve(target.schema, schemas, depth + 1) : undefined;
}

/** The request is an object (path parameters and body fields are its properties). */
function requestIsAnObject(
  { method, site }: MethodSite,
  schemas: Map<string, { schema: JsonSchema }>,
  report: Report,
): void {
  const request = resolve(method.request, schemas);
  if (request && request.type !== undefined && request.type !== "object")
    report(
      "SPEC_REQUEST_NOT_OBJECT",
      `The request of "${method.namespace}.${method.name}" must be an object schema (type: object); its fields carry path parameters and body.`,
      at(site, "request"),
    );
}

/** Every {param} in the path is a required string or number field of the request; `{a.b}` is `request.a.b`. */
function pathParamsAreRequiredRequestFields(
  { method, site }: MethodSite,
  schemas: Map<string, { schema: JsonSchema }>,
  report: Report,
): void {
  const params = [...method.http.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const here = at(site, "http", "path");
  // Point the caret at the {param} inside the path string (after an opening quote, if any). Positions are computed
  // only when something is reported: they need the position-keeping parse.
  const offsetOf = (param: string) => {
    const start = positionOf(site.file.loaded, here.path);
    const { text, lineCounter } = site.file.loaded;
    const lineStart = lineCounter.lineStarts[start.line - 1] ?? 0;
    const lineEnd = text.indexOf("\n", lineStart) === -1 ? text.length : text.indexOf("\n", lineStart);
    const first = text.charAt(lineStart + start.column - 1);
    // Point into the path only when it is written on this line (plain or quoted); block scalars start below.
    const inline = first !== "|" && first !== ">";
    const offset = (first === "'" || first === '"' ? 1 : 0) + Math.max(0, method.http.path.indexOf(`{${param}}`));
    return inline && start.column + offset <= lineEnd - lineStart ? offset : 0;
  };
  for (const param of params) {
    if (seen.has(param))
      report(
        "SPEC_PATH_PARAM_DUPLICATE",
        `Path parameter {${param}} appears twice in ${method.http.path}.`,
        here,
        false,
        offsetOf(param),
      );
    seen.add(param);
    const problem = checkPathField(method.request, param, schemas);
    if (problem) report(PATH_FIELD_CODES[problem.kind], pathFieldMessage(param, problem), here, false, offsetOf(param));
  }
}

const PATH_FIELD_CODES: Record<PathFieldProblem["kind"], string> = {
  undeclared: "SPEC_PATH_PARAM_UNDECLARED",
  "not-required": "SPEC_PATH_PARAM_NOT_REQUIRED",
  array: "SPEC_PATH_PARAM_ARRAY",
  type: "SPEC_PATH_PARAM_TYPE",
};

function pathFieldMessage(param: string, problem: PathFieldProblem): string {
  const nested = param.includes(".");
  switch (problem.kind) {
    case "undeclared":
      return nested
        ? `Path parameter {${param}} names a field the request does not declare: ${problem.parent} has no property "${problem.key}".`
        : `Path parameter {${param}} is not declared in the request: add "${param}" to request.properties and request.required.`;
    case "not-required":
      return nested
        ? `Path parameter {${param}} must be required all the way: list "${problem.key}" in ${problem.parent}.required (for a shared schema, allOf: [{ $ref }, { required: [${problem.key}] }]).`
        : `Path parameter {${param}} must be listed in request.required.`;
    case "array":
      return `Path parameter {${param}} cannot go through an array: ${problem.parent} is a list.`;
    case "type":
      return `Path parameter {${param}} must be a string or number, not ${JSON.stringify(problem.type)}.`;
  }
}

/** Every $ref names a shared schema defined in some spec file. */
function refsResolve(
  files: readonly ValidatedFile[],
  schemas: Map<string, unknown>,
  report: Report,
  knownRefs: (data: SpecFile) => readonly string[] | undefined,
): void {
  for (const file of files) {
    if (knownRefs(file.data)?.every((ref) => schemas.has(ref.slice("#/schemas/".length)))) continue;
    walkRefs(file.data, [], (ref, path) => {
      const name = ref.slice("#/schemas/".length);
      if (!schemas.has(name)) {
        const known = [...schemas.keys()].sort();
        const hint = known.length
          ? ` Known schemas: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}.`
          : "";
        report(
          "SPEC_UNRESOLVED_REF",
          `$ref "${ref}" does not resolve: no schema named "${name}" in any spec file.${hint}`,
          { file, path },
        );
      }
    });
  }
}

/**
 * A shared schema does not reach itself through $ref, allOf, anyOf or oneOf alone: with no object property or array
 * item in between it has no shape (TypeScript: "type alias circularly references itself").
 */
function refsAreNotPureCycles(schemas: Map<string, { schema: JsonSchema; site: Site }>, report: Report): void {
  const unguarded = (schema: JsonSchema): string[] => [
    ...(schema.$ref ? [schema.$ref.slice("#/schemas/".length)] : []),
    ...[...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(unguarded),
  ];
  for (const [name, { site }] of schemas) {
    // Breadth-first over unguarded references, remembering how each name was reached.
    const via = new Map<string, string>();
    const queue = unguarded(schemas.get(name)!.schema);
    for (const n of queue) if (!via.has(n)) via.set(n, name);
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i]!;
      if (current === name) {
        const chain = [name];
        for (let at = via.get(name)!; at !== name; at = via.get(at)!) chain.unshift(at);
        report(
          "SPEC_REF_CYCLE",
          `Schema "${name}" refers to itself with no object property or array item in between: ${[name, ...chain.slice(0, -1), name].join(" → ")}.`,
          site,
          true,
        );
        break;
      }
      for (const next of unguarded(schemas.get(current)?.schema ?? {})) {
        if (!via.has(next)) {
          via.set(next, current);
          queue.push(next);
        }
      }
    }
  }
}

function at(site: Site, ...more: string[]): Site {
  return { file: site.file, path: [...site.path, ...more] };
}

function where(site: Site): string {
  const pos = positionOf(site.file.loaded, [...site.path, "name"]);
  return `${site.file.loaded.file}:${pos.line}:${pos.column}`;
}
