// operation: one spec method → one OpenAPI Operation Object, on the wire as the runtime sends it
// (runtime/request.ts): path parameters come out of the request object (a dotted `{product.id}` from
// `request.product.id`); GET and DELETE send the rest as query parameters, other verbs as the JSON body.
import type { JsonSchema, MethodModel } from "../core/model.js";
import { flattenQuery } from "./query.js";
import type { SchemaIndex } from "./schemas.js";
import { toOpenApiSchema } from "./schemas.js";
import { securityOf } from "./security.js";

type Json = Record<string, unknown>;

/** `wireNames`: the path template's parameter names, in path order, as the OpenAPI path spells them. */
export function operationOf(method: MethodModel, index: SchemaIndex, wireNames: readonly string[]): Json {
  const { http } = method;
  const queryVerb = http.method === "GET" || http.method === "DELETE";
  const query = queryVerb
    ? flattenQuery(
        index.objectView(withoutPathParams(method, index))?.properties ?? {},
        requiredOf(method, index),
        index,
      )
    : undefined;
  const parameters = [
    ...http.pathParams.map((name, i) => pathParameter(method, name, wireNames[i] ?? name, index)),
    ...(query?.parameters ?? []).map((p) => ({
      in: "query",
      ...p,
      ...(p.schema.type === "array" ? { style: "form", explode: true } : {}),
    })),
  ];
  return {
    operationId: method.id,
    tags: [method.namespace.join(".")],
    ...(method.description ? { description: method.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(queryVerb
      ? {}
      : {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toOpenApiSchema(withoutPathParams(method, index)) } },
          },
        }),
    responses: {
      "200": {
        description: `${method.id}: success`,
        content: { "application/json": { schema: toOpenApiSchema(method.response) } },
      },
      default: {
        description: "A Wix error: an HTTP error status with Wix's JSON error body (message and details).",
      },
    },
    ...(method.deprecated ? { deprecated: true } : {}),
    security: securityOf(method.identities),
    "x-wix-identities": [...method.identities],
    "x-wix-permissions": [...method.permissions],
    ...(method.provenance ? { "x-wix-provenance": plain(method.provenance) } : {}),
    ...(method.deprecated ? { "x-wix-deprecation": plain(method.deprecated) } : {}),
    ...(query?.freeForm.length ? { "x-wix-free-form-query": [...query.freeForm] } : {}),
    "x-wix-source": method.source.file,
  };
}

function pathParameter(method: MethodModel, field: string, wireName: string, index: SchemaIndex): Json {
  const schema = fieldAt(method.request, field.split("."), index);
  const resolved = schema ? index.resolve(schema) : undefined;
  const scalar = resolved && (resolved.type === "string" || resolved.type === "integer" || resolved.type === "number");
  return {
    in: "path",
    name: wireName,
    required: true,
    ...(typeof resolved?.description === "string" ? { description: resolved.description } : {}),
    schema: scalar && schema ? toOpenApiSchema(schema) : { type: "string" },
    ...(wireName === field ? {} : { "x-wix-request-field": field }),
  };
}

function fieldAt(schema: JsonSchema, parts: readonly string[], index: SchemaIndex): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of parts) node = node ? index.objectView(node)?.properties[part] : undefined;
  return node;
}

function requiredOf(method: MethodModel, index: SchemaIndex): readonly string[] {
  return index.objectView(method.request)?.required ?? [];
}

/**
 * The request schema less its path parameters, as the runtime leaves the request: a top-level parameter leaves
 * the object, a dotted one leaves its parent (a shared or `allOf` parent is copied inline, less that field).
 */
export function withoutPathParams(method: MethodModel, index: SchemaIndex): JsonSchema {
  let schema: JsonSchema = method.request;
  for (const name of method.http.pathParams) schema = without(schema, name.split("."), index);
  return schema;
}

function without(schema: JsonSchema, parts: readonly string[], index: SchemaIndex): JsonSchema {
  const view = index.objectView(schema);
  const [head, ...rest] = parts;
  const child = head === undefined ? undefined : view?.properties[head];
  if (head === undefined || !view || !child) return schema;
  const properties = { ...view.properties };
  let required = view.required;
  if (rest.length === 0) {
    delete properties[head];
    required = required.filter((r) => r !== head);
  } else properties[head] = without(child, rest, index);
  const { $ref: _ref, allOf: _allOf, properties: _p, required: _r, ...own } = view.schema;
  return { ...own, type: "object", properties, ...(required.length ? { required } : {}) };
}

function plain(value: object): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}
