// build: one installed auto_sdk package → its spec document (methods + shared schemas) and an import report.
import type { FactsTable } from "../core/facts.js";
import type { JsonSchema } from "../core/model.js";
import { requestTypeName, responseTypeName } from "../core/names.js";
import { TypeConverter } from "./convert.js";
import type { GrantsTable } from "./grants.js";
import { readMethodDocs } from "./jsdoc.js";
import { SPEC_PATH_PATTERN } from "../core/spec-file.js";
import { readRestMethods, type RestMethod } from "./meta.js";
import { buildMethod, restTypeNames, type SpecMethod } from "./method.js";
import type { AutoSdkPackage } from "./package.js";
import type { UnverifiedDefault } from "./policy.js";
import type { ImportedMethod, MethodNote, PackageReport } from "./report.js";
import { readArgMappings } from "./sdk-args.js";
import { readTypedRequired } from "./sdk-required.js";
import { loadSources } from "./sources.js";

export interface SpecDocument {
  readonly schemas: Record<string, JsonSchema>;
  readonly methods: readonly SpecMethod[];
}

export interface BuildOptions {
  readonly grants: GrantsTable;
  readonly includeInternal: boolean;
  readonly maxDepth: number;
  readonly facts: FactsTable;
  readonly unverified: UnverifiedDefault;
}

export function buildPackage(
  pkg: AutoSdkPackage,
  options: BuildOptions,
): { document: SpecDocument; report: Omit<PackageReport, "file"> } {
  const sources = loadSources(pkg);
  const docs = readMethodDocs(sources);
  const argMappings = readArgMappings(sources.sdkJs);
  const typedRequired = readTypedRequired(sources);
  const { methods: restMethods, problems } = readRestMethods(pkg);
  const skipped: MethodNote[] = problems.map((p) => ({ method: p.name, reason: `unreadable meta entry: ${p.reason}` }));
  const chosen: { rest: RestMethod; types: { request: string; response: string } | undefined }[] = [];
  for (const rest of restMethods) {
    const doc = docs.get(rest.name);
    if (doc?.visibility === "internal" && !options.includeInternal)
      skipped.push({ method: rest.name, reason: "@internal (pass --include-internal to import it)" });
    else if (!SPEC_PATH_PATTERN.test(rest.path))
      skipped.push({
        method: rest.name,
        reason: `path ${rest.path} cannot be written in the spec format (a {param} must be a whole path segment)`,
      });
    else chosen.push({ rest, types: restTypeNames(sources.meta, rest.name) });
  }
  const reserved = new Set(
    chosen.flatMap(({ rest }) => [
      requestTypeName(pkg.namespace, rest.name),
      responseTypeName(pkg.namespace, rest.name),
    ]),
  );
  const converter = new TypeConverter(sources.meta, pkg.prefix, options.maxDepth, reserved);
  // Roots first, then every named type breadth-first, so depth limits and names do not depend on method order.
  const roots = chosen.map(({ types }) => ({
    request: types ? converter.root(types.request) : { type: "object" as const },
    response: types ? converter.root(types.response) : { type: "object" as const },
  }));
  converter.flush();
  const methods: SpecMethod[] = [];
  const imported: ImportedMethod[] = [];
  const flagged: MethodNote[] = [];
  const overRequiredMethods: MethodNote[] = [];
  chosen.forEach(({ rest, types }, i) => {
    const { method, decision, caveats, overRequired } = buildMethod(
      {
        pkg,
        rest,
        doc: docs.get(rest.name),
        args: argMappings.get(rest.name),
        typedRequired: typedRequired.get(rest.name),
        ...roots[i]!,
        grants: options.grants,
        fact: options.facts.byMethod(pkg.name, rest.name),
        unverified: options.unverified,
      },
      converter,
    );
    if (overRequired.length) overRequiredMethods.push({ method: rest.name, reason: overRequired.join(", ") });
    if (!types) caveats.push("meta.d.ts declares no REST request/response types; both left as open objects");
    for (const reason of caveats) flagged.push({ method: rest.name, reason });
    methods.push(method);
    imported.push({
      name: rest.name,
      verb: rest.httpMethod,
      path: rest.path,
      permissions: method.permissions ?? [],
      identities: decision.identities,
      rule: decision.rule,
      verified: decision.unverified === undefined,
    });
  });
  const schemas = Object.fromEntries([...converter.schemas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    document: { schemas, methods: [...methods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) },
    report: {
      package: pkg.name,
      version: pkg.version,
      namespace: pkg.namespace.join("."),
      methods: imported,
      skipped,
      flagged,
      overRequired: overRequiredMethods,
      schemas: Object.keys(schemas).length,
      truncatedTypes: [...converter.truncated].sort(),
      unresolvedTypes: [...converter.unresolved].sort(),
    },
  };
}
