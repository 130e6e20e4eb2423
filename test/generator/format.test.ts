// Formatting in pieces (with the faster babel-ts parser, no embedded-language pass) gives exactly what formatting
// each whole file with prettier's defaults for the folder gives.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { emit } from "../../generator/emit/index.js";
import { printModules } from "../../generator/print.js";
import { formatFiles, printerExactWidth } from "../../generator/format.js";
import { loadApiModel } from "../../generator/index.js";
import { synthesize, writeWorkload } from "../support/synth.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The files' paths and texts (what is written), without what the formatter says of where their pieces lie. */
const texts = (files: readonly { path: string; content: string }[]) =>
  files.map(({ path, content }) => ({ path, content }));

async function specModel(spec: string) {
  if (!spec.startsWith("a synthetic")) return loadApiModel(spec, ROOT);
  const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-format-"));
  try {
    await writeWorkload(dir, synthesize(Number(/\d+/.exec(spec)![0]), 3));
    return await loadApiModel(path.join(dir, "spec"), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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
      expect(await formatFiles(emitted, outDir, { pieceChars: 200, alwaysPrettier: true })).toEqual(whole);
    },
  );

  it.each([
    ["spec", "Prettier's defaults (printWidth 80)"],
    ["test/fixtures/golden-spec", "Prettier's defaults (printWidth 80)"],
    ["catalogue/spec", "Prettier's defaults (printWidth 80)"],
    ["a synthetic 300-method spec", "Prettier's defaults (printWidth 80)"],
    ["spec", "this repository's config (printWidth 120)"],
    ["catalogue/spec", "this repository's config (printWidth 120)"],
    ["a synthetic 300-method spec", "this repository's config (printWidth 120)"],
    ["catalogue/spec", "a config with printWidth 100"],
    ["test/fixtures/golden-spec", "a config with printWidth 40 (wrapped lines still too long go to Prettier)"],
  ])("skipping Prettier where the printer is exact gives Prettier's output: %s, %s", async (spec, which) => {
    const model = await specModel(spec);
    const modules = emit(model, { specArg: spec, outArg: "generated" });
    const config = which.includes("defaults") ? {} : { printWidth: Number(/printWidth (\d+)/.exec(which)![1]) };
    const width = printerExactWidth(config);
    expect(width).toBe(config.printWidth ?? 80);
    // Prettier's side formats the printer's one-line-per-member text: what it makes of it owes nothing to print.ts's
    // line breaking.
    const outDir = path.join(ROOT, "generated");
    const prettierOnly = await formatFiles(printModules(modules), outDir, { config, alwaysPrettier: true });
    const printed = printModules(modules, { width });
    expect(texts(await formatFiles(printed, outDir, { config }))).toEqual(texts(prettierOnly));
    // The control: most statements really skip Prettier (the printer's text is taken as it is), and every statement
    // of clients.d.ts does (a changed method's docs or signature is written without loading Prettier).
    const statements = (f: { text: string }) => f.text.split("\n\n");
    const kept = printed.flatMap(statements).filter((t) => prettierOnly.some((o) => o.content.includes(t)));
    expect(kept.length).toBeGreaterThan(printed.flatMap(statements).length / 2);
    const clients = printed.find((f) => f.path === "clients.d.ts")!;
    const formatted = prettierOnly.find((f) => f.path === "clients.d.ts")!.content;
    if (width! >= 80) expect(statements(clients).filter((t) => !formatted.includes(t))).toEqual([]);
  });

  it("any other Prettier option sends every statement to Prettier, which formats with it", async () => {
    for (const config of [{ singleQuote: true }, { tabWidth: 4 }, { semi: false }, { plugins: ["x"] }])
      expect(printerExactWidth(config), JSON.stringify(config)).toBeUndefined();
    const model = await specModel("test/fixtures/golden-spec");
    const printed = printModules(emit(model, { specArg: "spec", outArg: "generated" }));
    const config = { singleQuote: true, tabWidth: 4 };
    const outDir = path.join(ROOT, "generated");
    const files = await formatFiles(printed, outDir, { config });
    expect(texts(files)).toEqual(texts(await formatFiles(printed, outDir, { config, alwaysPrettier: true })));
    const types = files.find((f) => f.path === "types.d.ts")!.content;
    expect(types).toContain("    id: string;");
    expect(types).toContain("'BOOK'");
  });

  it("a piece prettier cannot parse fails the run, naming the file", async () => {
    const outDir = path.join(ROOT, "generated");
    const good = Array.from({ length: 8 }, (_, i) => `export interface A${i} {}\n`).join("\n");
    const broken = [
      {
        path: "types.d.ts",
        text: `${good}\nexport interface B {\n  a: {\n`,
        splitPoints: [...good.matchAll(/\n\n/g)].map((m) => m.index! + 1),
        verbatim: [],
      },
    ];
    await expect(formatFiles(broken, outDir, { pieceChars: 1 })).rejects.toThrow(
      /could not format the generated types\.d\.ts .*Unexpected token/,
    );
  });
});
