// Methods without a stateful handler answer a minimal schema-valid response; a spec folder path works as `spec`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ApiModel, MethodModel } from "../../core/model.js";
import { DEFAULT_SEED, type RunningEmulator, startEmulator } from "../../emulator/index.js";
import { sampleFor } from "../../emulator/sample.js";
import { ModelValidators } from "../../emulator/validate.js";
import { adminHeaders, call, defaultModel, visitorTokens } from "./helpers.js";

const NOW = "2025-06-17T05:20:24.000Z";

function method(overrides: Partial<MethodModel> & Pick<MethodModel, "id" | "http" | "response">): MethodModel {
  const parts = overrides.id.split(".");
  return {
    name: parts.at(-1)!,
    namespace: parts.slice(0, -1),
    description: "",
    identities: ["visitor", "member", "admin"],
    permissions: ["THINGS.READ"],
    request: { type: "object" },
    requestType: "Req",
    responseType: "Res",
    source: { file: "spec/things.yaml" },
    ...overrides,
  };
}

const widgetModel: ApiModel = {
  sources: ["things.yaml"],
  schemas: [
    {
      name: "Widget",
      source: { file: "spec/things.yaml" },
      schema: {
        type: "object",
        required: ["id", "kind", "tags", "createdDate", "size", "owner", "maybe"],
        properties: {
          id: { type: "string", format: "uuid" },
          kind: { type: "string", enum: ["ROUND", "SQUARE"] },
          tags: { type: "array", minItems: 2, items: { type: "string", minLength: 3 } },
          createdDate: { type: "string", format: "date-time" },
          size: { type: "integer", minimum: 5 },
          owner: {
            oneOf: [
              { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" } } },
              { type: "null" },
            ],
          },
          maybe: { type: ["null", "boolean"] },
          optional: { type: "string" },
        },
      },
    },
  ],
  methods: [
    method({
      id: "things.widgets.getWidget",
      http: { method: "GET", path: "/things/v1/widgets/{widgetId}", pathParams: ["widgetId"] },
      request: {
        type: "object",
        required: ["widgetId"],
        properties: { widgetId: { type: "string" }, limit: { type: "integer", maximum: 10 } },
      },
      response: { type: "object", required: ["widget"], properties: { widget: { $ref: "#/schemas/Widget" } } },
    }),
  ],
};

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((em) => em.close()));
});

describe("methods without a handler", () => {
  it("answer the minimal instance of their response schema", async () => {
    const em = await startEmulator({ spec: widgetModel, seed: DEFAULT_SEED });
    running.push(em);
    const visitor = (await visitorTokens(em)).access;
    const res = await call(em, "GET", "/things/v1/widgets/w-1?limit=3", { auth: visitor });
    expect(res.status).toBe(200);
    expect(res.body.widget).toEqual({
      id: "00000000-0000-4000-8000-000000000000",
      kind: "ROUND",
      tags: ["xxx", "xxx"],
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      size: 5,
      owner: { email: "user@example.com" },
      maybe: false,
    });
    const tooMany = await call(em, "GET", "/things/v1/widgets/w-1?limit=11", { auth: visitor });
    expect(tooMany.body.details.validationError.fieldViolations[0]).toMatchObject({
      field: "limit",
      violatedRule: "MAX",
    });
  });

  it("samples every default-spec response validly", async () => {
    const model = await defaultModel();
    const validators = new ModelValidators(model);
    expect(model.methods.length).toBeGreaterThan(10);
    for (const m of model.methods) {
      expect(validators.response(m.id, sampleFor(m.response, model, NOW)), m.id).toEqual([]);
    }
  });
});

describe("spec as a folder path", () => {
  it("loads YAML through loadApiModel and serves it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wix-authz-emu-"));
    try {
      await writeFile(
        join(dir, "things.yaml"),
        [
          "methods:",
          "  - name: countThings",
          "    namespace: things",
          "    http: { method: POST, path: /things/v1/count }",
          "    identities: [admin]",
          "    request: { type: object }",
          "    response: { type: object, required: [count], properties: { count: { type: integer, minimum: 0 } } }",
          "",
        ].join("\n"),
      );
      const em = await startEmulator({ spec: dir });
      running.push(em);
      expect(em.model.methods.map((m) => m.id)).toEqual(["things.countThings"]);
      expect((await call(em, "POST", "/things/v1/count", { headers: adminHeaders, body: {} })).body).toEqual({
        count: 0,
      });
      const visitor = (await visitorTokens(em)).access;
      expect((await call(em, "POST", "/things/v1/count", { auth: visitor, body: {} })).status).toBe(403);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("dotted path parameters", () => {
  const model: ApiModel = {
    sources: ["things.yaml"],
    schemas: [],
    methods: [
      method({
        id: "things.widgets.updateWidget",
        http: { method: "PATCH", path: "/things/v1/widgets/{widget.id}", pathParams: ["widget.id"] },
        request: {
          type: "object",
          required: ["widget"],
          properties: {
            widget: {
              type: "object",
              required: ["id"],
              properties: { id: { type: "string", minLength: 3 }, name: { type: "string", maxLength: 5 } },
            },
          },
        },
        response: { type: "object" },
      }),
    ],
  };

  it("{widget.id} fills request.widget.id, which the request schema then checks", async () => {
    const em = await startEmulator({ spec: model, seed: DEFAULT_SEED });
    running.push(em);
    const ok = await call(em, "PATCH", "/things/v1/widgets/w-1", { headers: adminHeaders, body: { widget: {} } });
    expect(ok.status).toBe(200);
    const bare = await call(em, "PATCH", "/things/v1/widgets/w-1", { headers: adminHeaders, body: {} });
    expect(bare.status).toBe(200); // the URL carries widget.id, so the widget is there
    const short = await call(em, "PATCH", "/things/v1/widgets/w", { headers: adminHeaders, body: { widget: {} } });
    expect(short.status).toBe(400);
    expect(short.body.details.validationError.fieldViolations[0]).toMatchObject({ field: "widget.id" });
    const long = await call(em, "PATCH", "/things/v1/widgets/w-1", {
      headers: adminHeaders,
      body: { widget: { name: "too long" } },
    });
    expect(long.body.details.validationError.fieldViolations[0]).toMatchObject({ field: "widget.name" });
  });
});
