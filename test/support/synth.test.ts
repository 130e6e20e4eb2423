// Smoke test of the bench workload: bench/synth.ts is deterministic, its YAML is a valid spec, peers accept its OpenAPI.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, describe, expect, it } from "vitest";
import { synthesize } from "./synth.js";
import { loadApiModel } from "../../generator/index.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function writeSpec(workload: ReturnType<typeof synthesize>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wix-authz-synth-"));
  dirs.push(dir);
  await Promise.all(workload.yamlFiles.map((f) => writeFile(path.join(dir, f.name), f.text)));
  return dir;
}

describe("bench/synth", () => {
  it("gives byte-identical YAML and OpenAPI for the same size and seed, and different ones for another seed", () => {
    const a = synthesize(120, 7);
    const b = synthesize(120, 7);
    expect(b.yamlFiles).toEqual(a.yamlFiles);
    expect(JSON.stringify(b.openapi)).toBe(JSON.stringify(a.openapi));
    expect(JSON.stringify(synthesize(120, 8).yamlFiles)).not.toBe(JSON.stringify(a.yamlFiles));
  });

  it("makes exactly N methods over ceil(N/10) namespaces with every identity mix", () => {
    const w = synthesize(95);
    expect(w.methods).toHaveLength(95);
    expect(new Set(w.methods.map((m) => m.namespace)).size).toBe(10);
    expect(new Set(w.methods.map((m) => m.id)).size).toBe(95);
    const mixes = new Set(w.methods.map((m) => m.identities.join(",")));
    expect(mixes).toContain("visitor,member,admin");
    expect(mixes).toContain("member,admin");
    expect(mixes).toContain("admin");
  });

  it("emits YAML that the generator loads as a valid spec with the same methods", async () => {
    const w = synthesize(137, 3);
    const model = await loadApiModel(await writeSpec(w));
    expect(model.methods.map((m) => m.id).sort()).toEqual(w.methods.map((m) => m.id).sort());
    const get = model.methods.find((m) => m.name.startsWith("get"))!;
    expect(get.http.pathParams).toEqual(["id"]);
    expect(model.schemas.map((s) => s.name)).toEqual(expect.arrayContaining(["Money", "Paging", "ApiError"]));
  });

  it("emits an OpenAPI 3.1 document that openapi-typescript accepts, with one operation per method", async () => {
    const w = synthesize(40, 5);
    const operations = Object.values(w.openapi.paths as Record<string, object>).flatMap((item) => Object.keys(item));
    expect(operations).toHaveLength(40);
    const ts = astToString(await openapiTS(w.openapi as unknown as Parameters<typeof openapiTS>[0]));
    for (const m of w.methods) expect(ts).toContain(`${JSON.stringify(m.path)}: {`);
    expect(ts).toContain("Money: {");
    expect(ts).not.toContain("#/schemas/");
  });
});
