// Synthetic workload: N methods over ceil(N/10) namespaces → our YAML spec files + the equivalent OpenAPI 3.1 document.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import {
  pick,
  prng,
  ref,
  resourceSchemas,
  sampleValue,
  SHARED_SCHEMAS,
  type Identity,
  type JsonSchema,
  type SynthMethod,
} from "./synth-schemas.js";
import { toOpenApi } from "./synth-openapi.js";

export type { Identity, SynthMethod, Verb } from "./synth-schemas.js";

export interface SynthWorkload {
  readonly methods: readonly SynthMethod[];
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  /** Our spec: one YAML file per area (`stores.yaml`, …), as `generate --spec <dir>` reads them. */
  readonly yamlFiles: readonly { name: string; text: string }[];
  readonly openapi: JsonSchema;
}

const AREAS = ["stores", "ecom", "bookings", "members", "blog", "events", "crm", "media", "pricing", "loyalty"];
const ENTITIES = [
  "Product",
  "Order",
  "Booking",
  "Member",
  "Post",
  "Event",
  "Contact",
  "File",
  "Plan",
  "Reward",
  "Coupon",
  "Review",
];
const ACTIONS = ["archive", "publish", "approve", "cancel", "confirm", "restore"];
const ALL: readonly Identity[] = ["visitor", "member", "admin"];
const obj = (properties: JsonSchema, required?: string[]): JsonSchema =>
  required && required.length > 0 ? { type: "object", required, properties } : { type: "object", properties };

interface Ns {
  area: string;
  entity: string;
  base: string;
  perm: string;
  rand: () => number;
}

type Shape = Omit<SynthMethod, "id" | "namespace" | "pathParams" | "permissions" | "sample" | "description"> & {
  perm: string;
};

/** The ten method shapes of a namespace (CRUD, query, search, bulk, count, a custom action). */
function shapes(ns: Ns): Shape[] {
  const { entity: E, base, perm, rand } = ns;
  const id = { id: { type: "string", format: "uuid" } };
  const item = obj({ item: ref(E) });
  const page = obj({ items: { type: "array", items: ref(E) }, pagingMetadata: ref("PagingMetadata") }, ["items"]);
  const action = pick(rand, ACTIONS);
  const actionWho: readonly Identity[] = rand() < 0.5 ? ["member", "admin"] : ["admin"];
  return [
    {
      name: `get${E}`,
      verb: "GET",
      path: `${base}/{id}`,
      identities: ALL,
      perm: `${perm}_READ`,
      request: obj(id, ["id"]),
      response: item,
    },
    {
      name: `query${E}s`,
      verb: "POST",
      path: `${base}/query`,
      identities: ALL,
      perm: `${perm}_READ`,
      request: obj({
        query: obj({
          filter: { type: "object", additionalProperties: true },
          sort: { type: "array", items: ref("Sorting") },
          paging: ref("Paging"),
        }),
      }),
      response: page,
    },
    {
      name: `list${E}s`,
      verb: "GET",
      path: base,
      identities: rand() < 0.7 ? ALL : ["member", "admin"],
      perm: `${perm}_READ`,
      request: obj({
        limit: { type: "integer", minimum: 1 },
        offset: { type: "integer", minimum: 0 },
        cursor: { type: "string" },
      }),
      response: page,
    },
    {
      name: `create${E}`,
      verb: "POST",
      path: base,
      identities: ["admin"],
      perm: `${perm}_CREATE`,
      request: obj({ item: ref(`${E}Input`) }, ["item"]),
      response: item,
    },
    {
      name: `update${E}`,
      verb: "PATCH",
      path: `${base}/{id}`,
      identities: ["admin"],
      perm: `${perm}_UPDATE`,
      request: obj({ ...id, item: ref(`${E}Input`), fieldMask: { type: "array", items: { type: "string" } } }, [
        "id",
        "item",
      ]),
      response: item,
    },
    {
      name: `delete${E}`,
      verb: "DELETE",
      path: `${base}/{id}`,
      identities: ["admin"],
      perm: `${perm}_DELETE`,
      request: obj(id, ["id"]),
      response: obj({}),
    },
    {
      name: `bulkUpdate${E}s`,
      verb: "POST",
      path: `${base}/bulk/update`,
      identities: ["admin"],
      perm: `${perm}_UPDATE`,
      request: obj({ items: { type: "array", items: obj({ ...id, item: ref(`${E}Input`) }, ["id", "item"]) } }, [
        "items",
      ]),
      response: obj({
        results: { type: "array", items: obj({ ...id, success: { type: "boolean" }, error: ref("ApiError") }) },
      }),
    },
    {
      name: `count${E}s`,
      verb: "POST",
      path: `${base}/count`,
      identities: ["member", "admin"],
      perm: `${perm}_READ`,
      request: obj({ filter: { type: "object", additionalProperties: true } }),
      response: obj({ count: { type: "integer" } }, ["count"]),
    },
    {
      name: `search${E}s`,
      verb: "POST",
      path: `${base}/search`,
      identities: ALL,
      perm: `${perm}_READ`,
      request: obj({
        search: obj({ expression: { type: "string" }, fields: { type: "array", items: { type: "string" } } }),
        paging: ref("Paging"),
      }),
      response: page,
    },
    {
      name: `${action}${E}`,
      verb: "POST",
      path: `${base}/{id}/${action}`,
      identities: actionWho,
      perm: `${perm}_MANAGE`,
      request: obj({ ...id, reason: { type: "string", maxLength: 500 } }, ["id"]),
      response: item,
    },
  ];
}

/** Deterministic: the same (methods, seed) always gives byte-identical YAML and OpenAPI text. */
export function synthesize(methodCount: number, seed = 1): SynthWorkload {
  if (!Number.isInteger(methodCount) || methodCount < 1)
    throw new RangeError(`methodCount must be a positive integer, got ${methodCount}`);
  const rand = prng(seed);
  const schemas: Record<string, JsonSchema> = { ...SHARED_SCHEMAS };
  const methods: SynthMethod[] = [];
  for (let i = 0; methods.length < methodCount; i++) {
    const area = AREAS[i % AREAS.length]!;
    const entity = `${pick(rand, ENTITIES)}${i}`;
    const namespace = `${area}.${entity[0]!.toLowerCase()}${entity.slice(1)}s`;
    const ns: Ns = {
      area,
      entity,
      base: `/${area}/v1/${entity.toLowerCase()}s`,
      perm: `${area.toUpperCase()}.${entity.toUpperCase()}`,
      rand,
    };
    Object.assign(schemas, resourceSchemas(entity, rand));
    for (const s of shapes(ns).slice(0, methodCount - methods.length)) {
      const pathParams = [...s.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      methods.push({
        id: `${namespace}.${s.name}`,
        namespace,
        name: s.name,
        verb: s.verb,
        path: s.path,
        pathParams,
        identities: s.identities,
        permissions: [s.perm],
        request: s.request,
        response: s.response,
        description: `${s.name} on ${entity} (synthetic, ${s.identities.join(", ")}).`,
        sample: sampleValue(s.request, schemas) as Record<string, unknown>,
      });
    }
  }
  return { methods, schemas, yamlFiles: yamlFiles(methods, schemas), openapi: toOpenApi(methods, schemas) };
}

function yamlFiles(
  methods: readonly SynthMethod[],
  schemas: Record<string, JsonSchema>,
): { name: string; text: string }[] {
  const byArea = new Map<string, SynthMethod[]>();
  for (const m of methods) {
    const area = m.namespace.split(".")[0]!;
    byArea.set(area, [...(byArea.get(area) ?? []), m]);
  }
  const files = [{ name: "common.yaml", text: toYaml({ schemas: pickSchemas(schemas, Object.keys(SHARED_SCHEMAS)) }) }];
  for (const [area, ms] of byArea) {
    const entities = [...new Set(ms.map((m) => m.namespace.split(".")[1]!))].map(
      (e) => e[0]!.toUpperCase() + e.slice(1, -1),
    );
    const own = pickSchemas(
      schemas,
      entities.flatMap((e) => [e, `${e}Input`]),
    );
    const specMethods = ms.map((m) => ({
      name: m.name,
      namespace: m.namespace,
      description: m.description,
      http: { method: m.verb, path: m.path },
      identities: [...m.identities],
      permissions: [...m.permissions],
      request: m.request,
      response: m.response,
    }));
    files.push({ name: `${area}.yaml`, text: toYaml({ schemas: own, methods: specMethods }) });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

// Shared JS objects (the same `status` enum in two schemas) must not become YAML anchors: spell every node out.
const toYaml = (value: unknown): string => stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });

function pickSchemas(schemas: Record<string, JsonSchema>, names: readonly string[]): Record<string, JsonSchema> {
  return Object.fromEntries(names.map((n) => [n, schemas[n]!]));
}

/** A folder holding one synthetic workload: `spec/*.yaml` (ours) and `openapi.json` (the peers'). */
export async function writeWorkload(dir: string, workload: SynthWorkload): Promise<void> {
  await mkdir(path.join(dir, "spec"), { recursive: true });
  await Promise.all(workload.yamlFiles.map((f) => writeFile(path.join(dir, "spec", f.name), f.text)));
  await writeFile(path.join(dir, "openapi.json"), JSON.stringify(workload.openapi, null, 2));
}
