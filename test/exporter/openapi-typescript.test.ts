// The export is consumable by openapi-typescript: its types for the catalogue's document compile (tsc), and every
// operation is where its operationId says (`paths[path][verb]` is `operations[operationId]`).
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { exportOpenApi } from "../../exporter/index.js";
import { loadApiModel } from "../../generator/load-model.js";
import { typeCheck, typeProject } from "../types/tsc.js";
import type { OpenApi } from "./openapi.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe.each(["spec", "catalogue/spec"])("openapi-typescript on the export of %s", (spec) => {
  it("writes types that type-check, with each operation under its path and verb", { timeout: 240_000 }, async () => {
    const model = await loadApiModel(spec, ROOT);
    const document = exportOpenApi(model) as unknown as OpenApi;
    const types = astToString(await openapiTS(structuredClone(document) as never));
    // From the model, not the document: each method is the operation at its verb and path.
    const shape = (p: string) => p.replace(/\{[^}]*\}/g, "{}");
    const pathOf = new Map(Object.keys(document.paths).map((p) => [shape(p), p]));
    const checks = model.methods.map((method, i) => {
      const id = JSON.stringify(method.id);
      const p = pathOf.get(shape(method.http.path)) ?? method.http.path;
      const verb = method.http.method.toLowerCase();
      return [
        `type Op${i} = operations[${id}];`,
        `const op${i}: Op${i} = null as unknown as paths[${JSON.stringify(p)}]["${verb}"];`,
        `const back${i}: paths[${JSON.stringify(p)}]["${verb}"] = op${i};`,
        `void back${i};`,
      ].join("\n");
    });
    // And one the compiler must refuse, so a project that checks nothing cannot pass.
    const usage = [
      `import type { operations, paths } from "./api.js";`,
      ...checks,
      `// @ts-expect-error: not an operation of the document`,
      `type Missing = operations["no.such.operation"];`,
      `export {};`,
    ].join("\n");
    const dir = await typeProject({ "api.ts": types, "usage.ts": usage });
    expect(await typeCheck(dir, "TypeScript 5.9")).toEqual([]);
    expect(types).not.toContain("#/schemas/");
  });
});
