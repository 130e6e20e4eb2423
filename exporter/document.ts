// document: ApiModel → an OpenAPI 3.1 document. One operation per method, shared schemas as components, the
// identities as security schemes. Every order comes from the model (methods by id, schemas by name) or is fixed
// here, so the same spec gives the same document byte for byte.
import { createHash } from "node:crypto";
import { ConfigError } from "../core/diagnostics.js";
import type { ApiModel, MethodModel } from "../core/model.js";
import { operationOf } from "./operation.js";
import { SchemaIndex, toOpenApiSchema } from "./schemas.js";
import { securitySchemes } from "./security.js";

type Json = Record<string, unknown>;

export interface OpenApiOptions {
  /** `info.title`; default "Wix Headless API". */
  readonly title?: string;
  /** `servers[0].url`; default Wix's API origin. */
  readonly serverUrl?: string;
}

/** OpenAPI's order of the operations on one path. */
const VERB_ORDER = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export function openApiDocument(model: ApiModel, options: OpenApiOptions = {}): Json {
  assertOneOperationPerRoute(model.methods);
  const index = new SchemaIndex(model.schemas);
  const body: Json = {
    paths: pathsOf(model.methods, index),
    components: {
      schemas: Object.fromEntries(model.schemas.map((s) => [s.name, toOpenApiSchema(s.schema)])),
      securitySchemes: securitySchemes(),
    },
    tags: [...new Set(model.methods.map((m) => m.namespace.join(".")))].sort().map((name) => ({ name })),
    "x-wix-sources": [...model.sources],
  };
  return {
    openapi: "3.1.1",
    info: {
      title: options.title ?? "Wix Headless API",
      // No clock and no tool version: the version names the content, so it changes exactly when the spec does.
      version: `spec-${createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 12)}`,
      description:
        "Exported by `wix-authz export openapi`. Each operation's `x-wix-identities` lists who Wix lets call it " +
        "(visitor, member, admin), `security` the matching credentials, `x-wix-permissions` the permission ids " +
        "and `x-wix-provenance` where the facts come from.",
    },
    servers: [{ url: options.serverUrl ?? "https://www.wixapis.com" }],
    ...body,
  };
}

/**
 * Methods grouped by path. Paths that differ only in their parameters' names (`/products/{productId}` and
 * `/products/{product.id}`) are one OpenAPI path ("MUST NOT exist" twice): they share the first template's
 * names, and each operation's parameter records the request field it is read from (`x-wix-request-field`).
 */
function pathsOf(methods: readonly MethodModel[], index: SchemaIndex): Json {
  const byShape = new Map<string, MethodModel[]>();
  for (const m of methods) byShape.set(shapeOf(m.http.path), [...(byShape.get(shapeOf(m.http.path)) ?? []), m]);
  const grouped = [...byShape.values()].map((ms) => {
    // Plain names before dotted ones (`{productId}` reads better than `{product.id}` for every verb), then sorted.
    const path = ms
      .map((m) => m.http.path)
      .sort((a, b) => Number(DOTTED.test(a)) - Number(DOTTED.test(b)) || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    return { path, methods: ms };
  });
  const paths: Json = {};
  for (const { path, methods: ms } of grouped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const wireNames = templateNames(path);
    const ops = ms
      .map((m) => [m.http.method.toLowerCase(), m] as const)
      .sort((a, b) => VERB_ORDER.indexOf(a[0]) - VERB_ORDER.indexOf(b[0]));
    paths[path] = Object.fromEntries(ops.map(([verb, m]) => [verb, operationOf(m, index, wireNames)]));
  }
  return paths;
}

const DOTTED = /\{[^}]*\.[^}]*\}/;
const TEMPLATE = /\{([^}]*)\}/g;

function shapeOf(path: string): string {
  return path.replace(TEMPLATE, "{}");
}

function templateNames(path: string): string[] {
  return [...path.matchAll(TEMPLATE)].map((match) => match[1] ?? "");
}

/**
 * OpenAPI has one operation per verb and path (parameter names aside). Two methods on one route cannot both be
 * exported: say which, and where.
 */
function assertOneOperationPerRoute(methods: readonly MethodModel[]): void {
  const byRoute = new Map<string, MethodModel[]>();
  for (const m of methods) {
    const route = `${m.http.method} ${shapeOf(m.http.path)}`;
    byRoute.set(route, [...(byRoute.get(route) ?? []), m]);
  }
  const problems = [...byRoute.values()]
    .filter((ms) => ms.length > 1)
    .map(
      (ms) =>
        `${ms.map((m) => `${m.id} (${m.http.method} ${m.http.path}, ${m.source.file})`).join(" and ")} are one route`,
    );
  if (problems.length)
    throw new ConfigError(
      `The spec cannot be exported as OpenAPI, which allows one operation per verb and path:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
}
