// Formatting in pieces (with the faster babel-ts parser, no embedded-language pass) gives exactly what formatting
// each whole file with prettier's defaults for the folder gives.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { emit } from "../../generator/emit/index.js";
import { printModules } from "../../generator/print.js";
import { formatFiles } from "../../generator/format.js";
import { loadApiModel } from "../../generator/index.js";
import { synthesize, writeWorkload } from "../support/synth.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("formatFiles", () => {
  it.each([["spec"], ["test/fixtures/golden-spec"], ["a synthetic 150-method spec"]])(
    "pieces format %s exactly like whole files",
    async (spec) => {
      let model;
      if (spec.startsWith("a synthetic")) {
        // The bench's workload: every schema shape it generates, a large admin table with statements after it.
        const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-format-"));
        await writeWorkload(dir, synthesize(150, 3));
        model = await loadApiModel(path.join(dir, "spec"), dir);
        await rm(dir, { recursive: true, force: true });
      } else model = await loadApiModel(spec, ROOT);
      const emitted = printModules(emit(model, { specArg: spec, outArg: "generated" }));
      const outDir = path.join(ROOT, "generated");
      const config = (await prettier.resolveConfig(path.join(outDir, "types.d.ts"))) ?? {};
      const whole = await Promise.all(
        emitted.map(async (f) => ({
          path: f.path,
          content: await prettier.format(f.text, {
            ...config,
            parser: "typescript",
            filepath: path.join(outDir, f.path),
          }),
        })),
      );
      expect(emitted.some((f) => f.splitPoints.length > 3)).toBe(true);
      expect(await formatFiles(emitted, outDir, { pieceChars: 200 })).toEqual(whole);
    },
  );

  it("a piece prettier cannot parse fails the run, naming the file", async () => {
    const outDir = path.join(ROOT, "generated");
    const good = Array.from({ length: 8 }, (_, i) => `export interface A${i} {}\n`).join("\n");
    const broken = [
      {
        path: "types.d.ts",
        text: `${good}\nexport interface B {\n`,
        splitPoints: [...good.matchAll(/\n\n/g)].map((m) => m.index! + 1),
        verbatim: [],
      },
    ];
    await expect(formatFiles(broken, outDir, { pieceChars: 1 })).rejects.toThrow(
      /could not format the generated types\.d\.ts .*Unexpected token/,
    );
  });
});
