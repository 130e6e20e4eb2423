// Formatting in pieces (and on worker threads) gives exactly what formatting each whole file gives.
import path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { emit } from "../../generator/emit/index.js";
import { formatFiles } from "../../generator/format.js";
import { loadApiModel } from "../../generator/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("formatFiles", () => {
  it.each([["spec"], ["test/fixtures/golden-spec"]])("pieces and workers format %s exactly like whole files", async (spec) => {
    const model = await loadApiModel(spec, ROOT);
    const emitted = emit(model, { specArg: spec, outArg: "generated" });
    const outDir = path.join(ROOT, "generated");
    const config = (await prettier.resolveConfig(path.join(outDir, "types.d.ts"))) ?? {};
    const whole = await Promise.all(emitted.map(async (f) => ({ path: f.path, content: await prettier.format(f.content, { ...config, parser: "typescript", filepath: path.join(outDir, f.path) }) })));
    expect(emitted.some((f) => (f.splitPoints?.length ?? 0) > 3)).toBe(true);
    expect(await formatFiles(emitted, outDir, { pieceChars: 200, workers: 0 })).toEqual(whole);
    const { formatInWorkers } = await import("../../generator/format-pool.js");
    const viaWorkers = await formatInWorkers(emitted.map((f) => ({ text: f.content, options: { ...config, parser: "typescript" } })), 2);
    expect(viaWorkers).toEqual(whole.map((f) => f.content));
  });
});
