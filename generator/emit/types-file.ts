// types-file: ApiModel → generated/types.ts (shared schemas and every method's request/response types; types only).
import type {
  InterfaceDeclarationStructure,
  JSDocStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
} from "ts-morph";
import { StructureKind, type FormattedStatement } from "./kinds.js";
import type { ApiModel, JsonSchema, MethodModel } from "../../core/model.js";
import { propertyKey } from "../../core/names.js";
import { docLines } from "./doc.js";
import { objectMembers, schemaType } from "./schema-type.js";

/**
 * Exactly what types.d.ts is emitted from (its emitter sees nothing else, so generate may reuse the file while these
 * are unchanged): every shared schema, and each method's id, type names and schemas; no description of a method.
 */
export interface TypesInputs {
  readonly schemas: readonly { readonly name: string; readonly schema: JsonSchema }[];
  readonly methods: readonly Pick<MethodModel, "id" | "requestType" | "responseType" | "request" | "response">[];
}

export function typesInputs(model: ApiModel): TypesInputs {
  return {
    schemas: model.schemas.map(({ name, schema }) => ({ name, schema })),
    methods: model.methods.map(({ id, requestType, responseType, request, response }) => ({
      id,
      requestType,
      responseType,
      request,
      response,
    })),
  };
}

/**
 * `reused`: an incremental run's last text of a statement, by its key (typesKeys), for a part of an unchanged spec
 * file; the other statements are emitted.
 */
export function createTypesStatements(
  model: TypesInputs,
  reused?: (key: string) => FormattedStatement | undefined,
): (StatementStructures | FormattedStatement)[] {
  const out: (StatementStructures | FormattedStatement)[] = [];
  for (const { name, schema } of model.schemas)
    out.push(reused?.(schemaKey(name)) ?? declaration(name, schema, schema.description));
  for (const m of model.methods) {
    out.push(reused?.(requestKey(m.id)) ?? declaration(m.requestType, m.request, `Request of \`${m.id}\`.`));
    out.push(reused?.(responseKey(m.id)) ?? declaration(m.responseType, m.response, `Response of \`${m.id}\`.`));
  }
  return out;
}

export const schemaKey = (name: string) => `s:${name}`;
export const requestKey = (id: string) => `q:${id}`;
export const responseKey = (id: string) => `r:${id}`;

/** The key of each statement createTypesStatements makes, in its order. */
export function typesKeys(model: TypesInputs): string[] {
  return [
    ...model.schemas.map((s) => schemaKey(s.name)),
    ...model.methods.flatMap((m) => [requestKey(m.id), responseKey(m.id)]),
  ];
}

export function jsDocs(description: string | undefined, tags: readonly string[] = []): JSDocStructure[] {
  const lines = docLines(description, tags);
  return lines.length ? [{ kind: StructureKind.JSDoc, description: lines.join("\n") }] : [];
}

function isPlainObject(schema: JsonSchema): boolean {
  const combinator =
    schema.$ref || schema.allOf || schema.oneOf || schema.anyOf || schema.enum || schema.const !== undefined;
  return !combinator && (schema.type === "object" || (schema.type === undefined && schema.properties !== undefined));
}

/** An interface when the schema is a plain object (cheaper to check, clearer errors), else a type alias. */
function declaration(
  name: string,
  schema: JsonSchema,
  description: string | undefined,
): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  const docs = jsDocs(description, schema.deprecated ? ["@deprecated"] : []);
  if (!isPlainObject(schema))
    return { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: schemaType(schema) };
  const { members, index } = objectMembers(schema);
  // An empty interface would accept any non-null value; an alias says exactly "no fields" or "any fields".
  if (members.length === 0)
    return { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: schemaType(schema) };
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs,
    properties: members.map((m) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(m.name),
      type: m.type,
      hasQuestionToken: m.optional,
      docs: jsDocs(m.doc, m.deprecated ? ["@deprecated"] : []),
    })),
    indexSignatures:
      index === undefined
        ? []
        : [{ kind: StructureKind.IndexSignature, keyName: "key", keyType: "string", returnType: index }],
  };
}
