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
import { applyRequired, trieOf } from "./required.js";
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
  readonly request: JsonSchema;
  readonly response: JsonSchema;
  readonly grants: GrantsTable;
  readonly fact: IdentityFact | undefined;
  readonly unverified: UnverifiedDefault;
}

export function buildMethod(
  input: MethodInput,
  converter: TypeConverter,
): { method: SpecMethod; decision: Decision; caveats: string[] } {
  const { pkg, rest, doc } = input;
  const caveats: string[] = [];
  if (!rest.gatewayMapped)
    caveats.push(
      `no www.wixapis.com mapping in the package; ${rest.path} is its proto path and may 404 on the public gateway`,
    );
  if (!doc) caveats.push("no JSDoc in the package typings");
  const { request, unmapped } = requestSchema(input, converter);
  if (unmapped.length)
    caveats.push(
      `@requiredField with no single REST field (a oneof group or a whole options object), not enforced: ${unmapped.join(", ")}`,
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
  return { method, decision, caveats };
}

/** Path params become required string fields; @requiredField paths (SDK names) are mapped to REST fields and required. */
function requestSchema(input: MethodInput, converter: TypeConverter): { request: JsonSchema; unmapped: string[] } {
  const { rest, doc, args } = input;
  const properties: Record<string, JsonSchema> = { ...(input.request.properties ?? {}) };
  const required = new Set(input.request.required ?? []);
  for (const { name, field } of rest.pathParams) {
    const existing = properties[name];
    const description =
      existing?.description ?? (name === field ? "Path parameter." : `Path parameter: the ${field} the call acts on.`);
    properties[name] = { type: "string", ...(existing?.format ? { format: existing.format } : {}), description };
    required.add(name);
  }
  const unmapped: string[] = [];
  const paths: string[] = [];
  const pathFields = new Set(rest.pathParams.map((p) => p.field));
  for (const field of doc?.requiredFields ?? []) {
    const restPath = args ? restPathOf(field, args) : undefined;
    if (restPath === undefined) unmapped.push(field);
    else if (!pathFields.has(restPath)) paths.push(restPath); // the path param already carries it
  }
  const base: JsonSchema = { ...input.request, properties, ...(required.size ? { required: [...required] } : {}) };
  const missed: string[] = [];
  const request = applyRequired(base, trieOf(paths), (n) => converter.schemas.get(n), missed);
  return { request, unmapped: [...unmapped, ...missed] };
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
