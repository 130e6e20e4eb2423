// Generator bugs the fuzzer and the injection corpus found, kept as regression tests now that they are fixed.
import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecError } from "../../core/diagnostics.js";
import { emit } from "../../generator/emit/index.js";
import { parseSpecTexts } from "../../generator/load.js";
import { modelFromLoaded } from "../../generator/load-model.js";
import { checkDiagnostics, checkEmitted, runInMemory } from "./oracle.js";
import { ROOT, typeCheck, typeProject, type TsDiagnostic } from "../../test/types/tsc.js";
import { generateInto, outputRoot, type Generated } from "../../test/robustness/inert.js";
import { globalNameSpec } from "../../test/robustness/corpus.js";

const METHOD = (request = "{ type: object }", path = "/x") =>
  `methods:\n  - name: getThing\n    namespace: things\n    http:\n      method: GET\n      path: ${path}\n    identities: [member, admin]\n    request: ${request}\n    response: { type: object }\n`;

/** The pipeline must end in a model or a SpecError; anything else thrown is an internal error (exit 2). */
function outcome(text: string, file = "spec/a.yaml"): "ok" | SpecError {
  try {
    emit(modelFromLoaded(parseSpecTexts([{ file, text }])), { specArg: "spec", outArg: "generated" });
    return "ok";
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
}

describe("crashes (exit 2) on spec input", () => {
  it("a YAML alias that contains itself is a diagnostic, not a RangeError (validate.ts)", () => {
    expect(outcome(`schemas:\n  A: &a\n    type: object\n    properties:\n      b: *a\n`)).toBeInstanceOf(SpecError);
  });

  it("more than 100 aliases is a diagnostic or fine, not 'Excessive alias count' (validate.ts toJS)", () => {
    const props = Array.from({ length: 120 }, (_, i) => `      p${i}: *s`).join("\n");
    expect(() => outcome(`schemas:\n  S: &s { type: string }\n  A:\n    properties:\n${props}\n`)).not.toThrow();
  });

  it("an alias to an anchor that does not exist is a diagnostic, not 'Unresolved alias' (validate.ts toJS)", () => {
    expect(outcome(`<<: *a\nschemas: {}\n`)).toBeInstanceOf(SpecError);
  });

  it("a schema that is allOf itself is a diagnostic, not a RangeError (emit/schema-type.ts hasRequiredFields)", () => {
    expect(
      outcome(`schemas:\n  A: { allOf: [ { $ref: '#/schemas/A' } ] }\n${METHOD("{ $ref: '#/schemas/A' }")}`),
    ).toBeInstanceOf(SpecError);
  });
});

describe("diagnostic positions", () => {
  it("positions after a YAML syntax error stay on the right line (load.ts LineCounter misses lines)", () => {
    // Fuzz seed 1, iteration 61: the golden fixture with lines 2 and 12 swapped (an indented map line at the top).
    const lines = readFileSync(path.join(ROOT, "test/fixtures/golden-spec/catalog.yaml"), "utf8").split("\n");
    [lines[1], lines[11]] = [lines[11]!, lines[1]!];
    const text = lines.join("\n");
    const error = outcome(text) as SpecError;
    expect(error).toBeInstanceOf(SpecError);
    expect(checkDiagnostics(error.diagnostics, [{ file: "spec/a.yaml", text }]).violations).toEqual([]);
  });

  it("a {param} caret inside a block-scalar path stays inside the line (rules.ts pathParamsAreRequiredRequestFields)", () => {
    const text = METHOD("{ type: object }", ">-\n        /x/{id}");
    const error = outcome(text) as SpecError;
    expect(error.diagnostics[0]!.code).toBe("SPEC_PATH_PARAM_UNDECLARED");
    expect(checkDiagnostics(error.diagnostics, [{ file: "spec/a.yaml", text }]).violations).toEqual([]);
  });
});

describe("injection through spec file names (emit/header.ts)", () => {
  for (const name of ["spec/a\u2028export const pwned = 1;\u2028.yaml", "spec/b\nexport const pwned = 1;\n.yaml"]) {
    it(`file name ${JSON.stringify(name)} stays inside the header comment`, () => {
      const result = runInMemory([{ file: name, text: METHOD() }]);
      expect(result.status).toBe("valid");
      expect(checkEmitted(result.model!, result.emitted!)).toEqual([]);
    });
  }
});

describe("generated code that does not compile", () => {
  let root: string;
  const runs = new Map<string, Generated>();
  const errors = new Map<string, TsDiagnostic[]>();
  beforeAll(async () => {
    root = await outputRoot();
    runs.set("record", await generateInto(root, "record", { "a.yaml": globalNameSpec(["Record"]) }));
    runs.set(
      "cycle",
      await generateInto(root, "cycle", {
        "a.yaml": `schemas:\n  Cyc: { oneOf: [ { $ref: '#/schemas/Cyc' }, { type: string } ] }\n${METHOD()}`,
      }),
    );
    // One known type error beside the generated folders: proves tsc checks them and errors are labelled by folder.
    await mkdir(path.join(root, "canary"));
    await writeFile(path.join(root, "canary", "canary.ts"), 'export const n: number = "not a number";\n');
    const project = await typeProject({ "index.ts": "export {};\n" }, [
      path.relative(ROOT, path.join(root, "*", "*.ts")),
    ]);
    for (const d of await typeCheck(project, "TypeScript 5.9")) {
      const label = d.file.split(/[/\\]/).at(-2)!;
      errors.set(label, [...(errors.get(label) ?? []), d]);
    }
    await rm(project, { recursive: true, force: true });
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("type-checks the generated folders (sanity check for the two tests below)", () => {
    expect(errors.get("canary")?.map((d) => d.code)).toEqual(["TS2322"]);
    expect([...errors.keys()].filter((k) => k !== "canary")).toEqual([]);
  });

  it("a shared schema named Record generates (exit 0) and compiles (types.ts uses the global Record<string, never>)", () => {
    const run = runs.get("record")!;
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.files["types.d.ts"]).toMatch(/^export interface Record \{/m);
    expect(errors.get("record") ?? []).toEqual([]);
  });

  it("a schema that is oneOf itself is rejected (exit 1, SPEC_REF_CYCLE), not written as type Cyc = Cyc | string (TS2456)", () => {
    const run = runs.get("cycle")!;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error SPEC_REF_CYCLE: Schema "Cyc" refers to itself');
    expect(run.files).toEqual({});
  });
});
