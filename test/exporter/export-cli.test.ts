// `wix-authz export openapi` on the shipped specs: a valid OpenAPI 3.1 document (@readme/openapi-parser), byte for
// byte the same twice, one operation per method carrying the spec's identities, permissions and provenance.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { validate, compileErrors } from "@readme/openapi-parser";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { exportOpenApi } from "../../exporter/index.js";
import { loadApiModel } from "../../generator/load-model.js";
import { method, runCli, tempDir, THING_SCHEMA, writeTree } from "../generator/helpers.js";
import { operationsOf, type OpenApi } from "./openapi.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function exportTo(spec: string, file: string, extra: string[] = []) {
  const result = await runCli(["export", "openapi", "--spec", spec, "--out", file, ...extra], ROOT);
  expect(result.stderr).not.toContain("error");
  expect(result.code).toBe(0);
  return readFile(file, "utf8");
}

describe.each(["spec", "catalogue/spec"])("export openapi --spec %s", (spec) => {
  it(
    "is a valid OpenAPI 3.1 document, the same bytes twice, one operation per method with its identities",
    { timeout: 240_000 },
    async () => {
      const dir = await tempDir("wix-authz-export-");
      const first = await exportTo(spec, path.join(dir, "a.json"));
      const second = await exportTo(spec, path.join(dir, "b.json"));
      expect(second === first).toBe(true);

      const document = JSON.parse(first) as OpenApi;
      expect(document.openapi).toMatch(/^3\.1\./);
      const result = await validate(JSON.parse(first) as Parameters<typeof validate>[0], {
        dereference: { circular: "ignore" },
      });
      if (!result.valid) expect.fail(compileErrors(result));
      expect(result.valid).toBe(true);

      const model = await loadApiModel(spec, ROOT);
      const operations = operationsOf(document);
      expect(operations.map((o) => o.operation.operationId).sort()).toEqual(model.methods.map((m) => m.id).sort());
      const byId = new Map(operations.map((o) => [o.operation.operationId, o]));
      for (const method of model.methods) {
        const found = byId.get(method.id)!;
        expect(found.verb).toBe(method.http.method.toLowerCase());
        expect(found.operation["x-wix-identities"]).toEqual(method.identities);
        expect(found.operation["x-wix-permissions"]).toEqual(method.permissions);
        expect(found.operation["x-wix-provenance"]).toEqual(method.provenance);
        // Each identity allowed is one way in: its own scheme (the admin's API key with the site id).
        const schemes = found.operation.security.map((s) => Object.keys(s).sort());
        expect(schemes).toEqual(method.identities.map((i) => (i === "admin" ? ["admin", "wixSiteId"] : [i])));
      }
      expect(Object.keys(document.components.schemas)).toEqual(model.schemas.map((s) => s.name));
      // Wix reads the credential raw from Authorization (no Bearer prefix); an API key also needs wix-site-id.
      const header = (name: string) => ({ type: "apiKey", in: "header", name });
      expect(document.components.securitySchemes).toEqual({
        visitor: expect.objectContaining({ ...header("Authorization"), "x-wix-credential": "oauth-anonymous" }),
        member: expect.objectContaining({ ...header("Authorization"), "x-wix-credential": "oauth-member" }),
        admin: expect.objectContaining({ ...header("Authorization"), "x-wix-credential": "api-key" }),
        wixSiteId: expect.objectContaining(header("wix-site-id")),
      });
      expect(first).not.toContain('"#/schemas/');
    },
  );
});

describe("export openapi: formats and output", () => {
  it("writes YAML for a .yaml --out (the same document), and JSON on stdout without --out", async () => {
    const dir = await tempDir("wix-authz-export-");
    const json = JSON.parse(await exportTo("spec", path.join(dir, "api.json"))) as unknown;
    const yamlText = await exportTo("spec", path.join(dir, "api.yaml"));
    expect(parse(yamlText)).toEqual(json);
    expect(yamlText).not.toMatch(/^\s*[&*]\w/m); // no anchors or aliases
    const stdout = await runCli(["export", "openapi"], ROOT);
    expect(stdout.code).toBe(0);
    expect(JSON.parse(stdout.stdout)).toEqual(json);
  });
});

describe("export openapi: errors name what is wrong and write nothing", () => {
  const THINGS = `${THING_SCHEMA}methods:\n${method()}\n`;

  it("two methods on one route: exit 1, the route named, the old document left as it was", async () => {
    const dir = await writeTree({
      "spec/a.yaml": THINGS,
      "spec/b.yaml": `methods:\n${method({ name: "readThing" })}\n`,
      "api.json": "old\n",
    });
    const { code, stderr } = await runCli(["export", "openapi", "--out", "api.json"], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('GET /things/v1/things/{id} is already used by "things.things.getThing"');
    expect(await readFile(path.join(dir, "api.json"), "utf8")).toBe("old\n");
    expect(await readdir(dir)).toEqual(["api.json", "spec"]);
  });

  it("a model with two methods on one route (built without the spec's checks) is refused by the exporter", async () => {
    const dir = await writeTree({ "spec/things.yaml": THINGS });
    const model = await loadApiModel("spec", dir);
    const twin = {
      ...model.methods[0]!,
      id: "things.things.readThing",
      http: { ...model.methods[0]!.http, path: "/things/v1/things/{thingId}", pathParams: ["thingId"] },
    };
    expect(() => exportOpenApi({ ...model, methods: [...model.methods, twin] })).toThrow(
      /things\.things\.getThing \(GET \/things\/v1\/things\/\{id\}, spec\/things\.yaml\) and things\.things\.readThing \(GET \/things\/v1\/things\/\{thingId\}, spec\/things\.yaml\) are one route/,
    );
  });

  it.each([
    [["--format", "yaml", "--out", "api.json"], "--format yaml disagrees with --out api.json"],
    [["--out", "missing/api.json"], "the folder"],
    [["--out", "spec"], "it is a folder"],
    [["--spec", "nowhere"], "Spec path not found"],
    [["--spec", "spec", "--spec", "spec"], "spec/things.yaml is in two spec sources"],
    [["--format", "xml"], "Allowed choices are json, yaml"],
  ])("%j: exit 1 with %j", async (flags, message) => {
    const dir = await writeTree({ "spec/things.yaml": THINGS });
    const { code, stderr } = await runCli(["export", "openapi", ...flags], dir);
    expect([code, stderr]).toEqual([1, expect.stringContaining(message)]);
    expect(await readdir(dir)).toEqual(["spec"]);
  });

  it("an invalid spec: its diagnostics, exit 1, no file", async () => {
    const dir = await writeTree({ "spec/things.yaml": THINGS.replace("[visitor, member, admin]", "[guest]") });
    const { code, stderr } = await runCli(["export", "openapi", "--out", "api.json"], dir);
    expect(code).toBe(1);
    expect(stderr).toContain("spec/things.yaml:");
    expect(stderr).toContain("Nothing was written.");
    expect(await readdir(dir)).toEqual(["spec"]);
  });

  it("several --spec folders are exported as one spec", async () => {
    const dir = await writeTree({
      "spec/things.yaml": THINGS,
      "mine/more.yaml": `methods:\n${method({ name: "listThings", path: "/things/v1/things" })}\n`,
    });
    const { code, stdout } = await runCli(["export", "openapi", "--spec", "spec", "--spec", "mine"], dir);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as OpenApi;
    expect(operationsOf(document).map((o) => o.operation.operationId)).toEqual([
      "things.things.listThings",
      "things.things.getThing",
    ]);
    expect((document as unknown as { "x-wix-sources": string[] })["x-wix-sources"]).toEqual([
      "mine/more.yaml",
      "spec/things.yaml",
    ]);
  });

  it("reads the spec sources of wix-authz.config.json, as every spec command does; --spec overrides them", async () => {
    const dir = await writeTree({
      "wix-authz.config.json": JSON.stringify({ spec: ["wix", "mine"] }),
      "wix/things.yaml": THINGS,
      "mine/more.yaml": `methods:\n${method({ name: "listThings", path: "/things/v1/things" })}\n`,
      "app/.keep": "",
    });
    // Run from a subfolder: the config is found upward and its paths are read from its own folder.
    const fromConfig = await runCli(["export", "openapi"], path.join(dir, "app"));
    expect(fromConfig.code).toBe(0);
    expect(operationsOf(JSON.parse(fromConfig.stdout) as OpenApi).map((o) => o.operation.operationId)).toEqual([
      "things.things.listThings",
      "things.things.getThing",
    ]);
    const fromFlag = await runCli(["export", "openapi", "--spec", "../wix"], path.join(dir, "app"));
    expect(fromFlag.code).toBe(0);
    expect(operationsOf(JSON.parse(fromFlag.stdout) as OpenApi).map((o) => o.operation.operationId)).toEqual([
      "things.things.getThing",
    ]);
  });
});
