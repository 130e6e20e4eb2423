// method: one REST method's metadata, docs and converted types → a spec method entry (plus its caveats).
import type { SpecMethod as CoreSpecMethod, SpecProvenance } from "../core/spec-file.js";
import { Node, type SourceFile } from "ts-morph";
import type { IdentityFact } from "../core/facts.js";
import type { JsonSchema } from "../core/model.js";
import type { TypeConverter } from "./convert.js";
import type { GrantsTable } from "./grants.js";
import type { MethodDoc } from "./jsdoc.js";
import type { RestMethod } from "./meta.js";
import type { AutoSdkPackage } from "./package.js";
import { decideIdentities, type Decision, type UnverifiedDefault } from "./policy.js";
import { applyRequired, requiredPaths, trieOf } from "./required.js";
import { restPathOf, type ArgMapping } from "./sdk-args.js";

/** A method as the importer writes it: the spec format's method, always with a description and the deciding rule. */
export type SpecMethod = CoreSpecMethod & {
  readonly description: string;
  readonly provenance: SpecProvenance & { readonly rule: string };
};

/** `__PublicMethodMetaInfo<verb, params, Req$1, Req, Res$1, Res>`: the un-suffixed (4th, 6th) are the REST shapes. */
export function restTypeNames(meta: SourceFile, name: string): { request: string; response: string } | undefined {
  const ret = meta.getFunction(name)?.getReturnTypeNode();
  if (!Node.isTypeReference(ret)) return undefined;
  const args = ret.getTypeArguments().map((a) => a.getText());
  return args[3] && args[5] ? { request: args[3], response: args[5] } : undefined;
}

export interface MethodInput {
  readonly pkg: AutoSdkPackage;
  readonly rest: RestMethod;
  readonly doc: MethodDoc | undefined;
  readonly args: ArgMapping | undefined;
  /** SDK argument paths the package's typings require (sdk-required.ts); undefined when it declares no function. */
  readonly typedRequired: readonly string[] | undefined;
  readonly request: JsonSchema;
  readonly response: JsonSchema;
  readonly grants: GrantsTable;
  readonly fact: IdentityFact | undefined;
  readonly unverified: UnverifiedDefault;
}

export function buildMethod(
  input: MethodInput,
  converter: TypeConverter,
): { method: SpecMethod; decision: Decision; caveats: string[]; overRequired: string[] } {
  const { pkg, rest, doc } = input;
  const caveats: string[] = [];
  if (!rest.gatewayMapped)
    caveats.push(
      `no www.wixapis.com mapping in the package; ${rest.path} is its proto path and may 404 on the public gateway`,
    );
  if (!doc) caveats.push("no JSDoc in the package typings");
  const { request, unmapped, untyped, overRequired } = requestSchema(input, converter);
  if (unmapped.length)
    caveats.push(
      `@requiredField with no single REST field (a oneof group or a whole options object), not enforced: ${unmapped.join(", ")}`,
    );
  if (untyped.length)
    caveats.push(
      `@requiredField the package's typings do not require (a oneof member: required only in its branch), not enforced: ${untyped.join(", ")}`,
    );
  const decision = decideIdentities({
    pkg,
    method: rest.name,
    doc,
    fact: input.fact,
    grants: input.grants,
    unverified: input.unverified,
  });
  const notes = [...caveats];
  if (doc?.documentationMaturity) notes.push(`documentationMaturity: ${doc.documentationMaturity}`);
  const method: SpecMethod = {
    name: rest.name,
    namespace: pkg.namespace.join("."),
    description: doc?.description || `${rest.name} (${pkg.name} has no description for it).`,
    http: { method: rest.httpMethod, path: rest.path },
    identities: decision.identities,
    ...(doc?.permissionIds.length ? { permissions: [...doc.permissionIds].sort() } : {}),
    ...deprecation(doc),
    request,
    response: input.response,
    provenance: {
      source: `${pkg.name}@${pkg.version}`,
      ...(doc?.fqn ? { fqn: doc.fqn } : {}),
      rule: decision.text.length <= 500 ? decision.text : `${decision.text.slice(0, 497)}...`,
      ...(notes.length ? { note: notes.join("; ") } : {}),
      ...(decision.evidence.length ? { evidence: decision.evidence } : {}),
      ...(decision.unverified ? { unverified: decision.unverified } : {}),
    },
  };
  return { method, decision, caveats, overRequired };
}

/**
 * Path params become required strings; a dotted `{product.id}` requires `product` and its `id` (a string there, whatever
 * the entity says: the URL needs one). Of the `@requiredField`
 * paths (SDK names), those the package's typings also require are mapped to REST fields and required where their parent
 * is present; the others (a oneof group such as `options.intent`, a oneof member) are documented, not enforced.
 */
function requestSchema(input: MethodInput, converter: TypeConverter): RequestOutcome {
  const { rest, doc, args } = input;
  const typed = input.typedRequired;
  const unmapped: string[] = [];
  const untyped: string[] = [];
  const paths: string[] = [];
  const overrides = new Map<string, JsonSchema>();
  for (const { name } of rest.pathParams) {
    const segments = name.split(".");
    segments.forEach((_, i) => paths.push(segments.slice(0, i + 1).join(".")));
    const existing = leafOf(input.request, segments, converter);
    const description = existing?.description ?? "Path parameter.";
    overrides.set(name, { type: "string", ...(existing?.format ? { format: existing.format } : {}), description });
  }
  const pathFields = new Set(paths);
  for (const field of doc?.requiredFields ?? []) {
    const restPath = args ? restPathOf(field, args) : undefined;
    if (restPath === undefined) unmapped.push(field);
    else if (typed && !typed.includes(field)) untyped.push(field);
    else if (!pathFields.has(restPath)) paths.push(restPath); // the path param already carries it
  }
  const missed: string[] = [];
  const request = applyRequired(input.request, trieOf(paths, overrides), (n) => converter.schemas.get(n), missed);
  // What the package requires, in REST names: its typings (or @requiredField without them) and the URL's fields.
  const packageRequired = new Set([
    ...requiredPaths(input.request),
    ...pathFields,
    ...(typed ?? doc?.requiredFields ?? []).flatMap((f) => (args ? (restPathOf(f, args) ?? []) : [])),
  ]);
  const overRequired = requiredPaths(request).filter((p) => !packageRequired.has(p));
  return { request, unmapped: [...unmapped, ...missed], untyped, overRequired };
}

interface RequestOutcome {
  readonly request: JsonSchema;
  readonly unmapped: string[];
  readonly untyped: string[];
  /** Required here but not by the package (0 is the goal; the import summary prints the count). */
  readonly overRequired: string[];
}

/** The schema a dotted field names in the REST request (through shared schemas), for its format and description. */
function leafOf(schema: JsonSchema, segments: readonly string[], converter: TypeConverter): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const seg of segments) {
    while (node?.$ref) node = converter.schemas.get(node.$ref.slice("#/schemas/".length));
    node = node?.properties?.[seg];
  }
  return node;
}

function deprecation(doc: MethodDoc | undefined): Pick<SpecMethod, "deprecated"> {
  if (!doc?.deprecated && !doc?.replacedBy) return {};
  const reason = typeof doc.deprecated === "string" ? doc.deprecated.slice(0, 2000) : undefined;
  if (!reason && !doc.replacedBy) return { deprecated: true };
  return {
    deprecated: {
      ...(reason ? { reason } : {}),
      ...(doc.replacedBy ? { replacedBy: doc.replacedBy.slice(0, 300) } : {}),
    },
  };
}
