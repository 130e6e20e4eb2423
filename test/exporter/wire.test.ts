// The export describes the wire as the runtime writes it (runtime/request.ts): path parameters out of the request,
// GET and DELETE fields as dotted query parameters, other verbs' fields as the JSON body.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ApiModel, JsonSchema } from "../../core/model.js";
import { exportOpenApi } from "../../exporter/index.js";
import { loadApiModel } from "../../generator/load-model.js";
import { encodeRequest } from "../../runtime/request.js";
import { method, writeTree } from "../generator/helpers.js";
import { operationsOf, type OpenApi, type Operation } from "./openapi.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

const SCHEMAS = `schemas:
  Thing: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
  Paging: { type: object, properties: { limit: { type: integer }, offset: { type: integer } } }
`;

async function exported(methods: string[]): Promise<OpenApi> {
  const dir = await writeTree({ "spec/things.yaml": `${SCHEMAS}methods:\n${methods.join("\n")}\n` });
  return exportOpenApi(await loadApiModel("spec", dir)) as unknown as OpenApi;
}

function op(document: OpenApi, id: string): Operation & { path: string } {
  const found = operationsOf(document).find((o) => o.operation.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return { ...found.operation, path: found.path };
}

describe("export openapi: requests on the wire", () => {
  it("a GET's fields are query parameters: nested fields dotted, arrays repeated, free-form objects named", async () => {
    const document = await exported([
      method({
        name: "listThings",
        path: "/things/v1/things/{id}",
        request:
          "{ type: object, required: [id, paging], properties: { id: { type: string }, paging: { $ref: '#/schemas/Paging' }, fields: { type: array, items: { type: string } }, filter: { type: object, additionalProperties: true } } }",
      }),
    ]);
    const list = op(document, "things.things.listThings");
    expect(list.parameters?.map((p) => [p.in, p.name, p.required])).toEqual([
      ["path", "id", true],
      ["query", "fields", false],
      ["query", "paging.limit", false],
      ["query", "paging.offset", false],
    ]);
    expect(list.parameters?.find((p) => p.name === "fields")).toMatchObject({
      style: "form",
      explode: true,
      schema: { type: "array", items: { type: "string" } },
    });
    expect(list["x-wix-free-form-query"]).toEqual(["filter"]);
    expect(list.requestBody).toBeUndefined();
  });

  it("a dotted path parameter leaves its parent in the body; paths differing in names only are one path", async () => {
    const document = await exported([
      method({ name: "getThing", path: "/things/v1/things/{id}" }),
      method({
        name: "updateThing",
        verb: "PATCH",
        identities: "[admin]",
        path: "/things/v1/things/{thing.id}",
        request: "{ type: object, required: [thing], properties: { thing: { $ref: '#/schemas/Thing' } } }",
      }),
    ]);
    expect(Object.keys(document.paths)).toEqual(["/things/v1/things/{id}"]);
    const update = op(document, "things.things.updateThing");
    expect(update.parameters).toEqual([
      { in: "path", name: "id", required: true, schema: { type: "string" }, "x-wix-request-field": "thing.id" },
    ]);
    expect(update.requestBody?.content["application/json"].schema).toEqual({
      type: "object",
      required: ["thing"],
      properties: { thing: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
    });
    expect(update.security).toEqual([{ admin: [], wixSiteId: [] }]);
  });

  it("on the catalogue, every request the runtime encodes uses only what the operation declares", async () => {
    const model = await loadApiModel("catalogue/spec", ROOT);
    const document = exportOpenApi(model) as unknown as OpenApi;
    const byId = new Map(operationsOf(document).map((o) => [o.operation.operationId, o]));
    let queried = 0;
    for (const m of model.methods) {
      const { path: template, operation } = byId.get(m.id)!;
      const request = sample(m.request, model, 0) as Record<string, unknown>;
      for (const p of m.http.pathParams) setField(request, p, "v-1");
      const wire = encodeRequest(m.id, { ...m.http, identities: m.identities, permissions: m.permissions }, request);
      const [pathPart, query = ""] = wire.pathAndQuery.split("?");
      expect(pathPart, m.id).toBe(template.replace(/\{[^}]*\}/g, "v-1"));
      if (m.http.method === "GET" || m.http.method === "DELETE") {
        const declared = new Set(operation.parameters?.filter((p) => p.in === "query").map((p) => p.name));
        const freeForm = (operation["x-wix-free-form-query"] as string[] | undefined) ?? [];
        for (const key of new URLSearchParams(query).keys()) {
          queried++;
          const ok = declared.has(key) || freeForm.some((prefix) => key === prefix || key.startsWith(`${prefix}.`));
          expect(ok, `${m.id}: query key ${key}`).toBe(true);
        }
      } else {
        const body = operation.requestBody?.content["application/json"].schema;
        const fields = Object.keys(body?.properties ?? {});
        for (const key of Object.keys(wire.body as object)) expect(fields, m.id).toContain(key);
        for (const p of m.http.pathParams.filter((p) => !p.includes("."))) expect(fields, m.id).not.toContain(p);
      }
    }
    expect(queried).toBeGreaterThan(0);
  });
});

/** A value for `schema`: every listed field filled (first enum value, one array item), shared schemas followed. */
function sample(schema: JsonSchema, model: ApiModel, depth: number): unknown {
  if (depth > 6) return undefined;
  if (schema.$ref) {
    const named = model.schemas.find((s) => `#/schemas/${s.name}` === schema.$ref);
    return named ? sample(named.schema, model, depth + 1) : undefined;
  }
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, model, depth + 1) ?? {}));
  if (schema.oneOf ?? schema.anyOf) return sample((schema.oneOf ?? schema.anyOf)![0]!, model, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "array") return schema.items ? [sample(schema.items, model, depth + 1)] : [];
  if (type === "object" || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) out[key] = sample(child, model, depth + 1);
    if (schema.additionalProperties) out.anyKey = "x";
    return out;
  }
  return type === "string" ? "s" : type === "boolean" ? true : type === "integer" || type === "number" ? 1 : undefined;
}

function setField(target: Record<string, unknown>, dotted: string, value: string): void {
  const parts = dotted.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}
