// Injection corpus: hostile text in every spec slot either gets a positioned diagnostic or stays inert data/comments.
import { rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecError } from "../../core/diagnostics.js";
import { parseSpecTexts } from "../../generator/load.js";
import { modelFromLoaded } from "../../generator/load-model.js";
import { GENERATED_FILES, generatedFiles } from "../support/generated-files.js";
import { shapes } from "../support/shape.js";
import { typeCheck, typeProject, ROOT } from "../types/tsc.js";
import {
  GLOBAL_TYPE_NAMES,
  globalNameSpec,
  HOSTILE_PATH,
  INJECTION_TEXTS,
  RESERVED_WORDS,
  reservedNameSpec,
  textSpec,
} from "./corpus.js";
import { codeIdentifiers, generateInto, outputRoot, stringLiteralTypes, type Generated } from "./inert.js";

const HOSTILE_SPEC = textSpec(false);
const CLEAN_SPEC = textSpec(true);
/** Identifiers the payloads try to smuggle into code. */
const SMUGGLED = ["pwned", "alert", "process", "globalThis", "script"];

function rejected(text: string): SpecError | undefined {
  try {
    modelFromLoaded(parseSpecTexts([{ file: "spec/a.yaml", text }]));
    return undefined;
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
}

const wordsRejected = rejected(reservedNameSpec(RESERVED_WORDS));
const rejectedWords = new Set((wordsRejected?.diagnostics ?? []).map((d) => /"([^"]+)"/.exec(d.message)?.[1]));
const acceptedWords = RESERVED_WORDS.filter((w) => !rejectedWords.has(w));

let root: string;
let hostile: Generated;
let clean: Generated;
let words: Generated;
let globals: Generated;

beforeAll(async () => {
  root = await outputRoot();
  hostile = await generateInto(root, "hostile", { "inject.yaml": HOSTILE_SPEC });
  clean = await generateInto(root, "clean", { "inject.yaml": CLEAN_SPEC });
  words = await generateInto(root, "words", { "words.yaml": reservedNameSpec(acceptedWords) });
  // "Record" included: the emitter no longer writes Record<…> itself (the fixed bug is in known-bugs.test.ts).
  globals = await generateInto(root, "globals", { "globals.yaml": globalNameSpec(GLOBAL_TYPE_NAMES) });
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("hostile free text (descriptions, titles, enum values, property names, paths, provenance)", () => {
  it("generates successfully", () => {
    expect(hostile.stderr).toBe("");
    // The scans below loop over these files: none may be missing.
    const all = generatedFiles(["inject"]);
    expect(Object.keys(hostile.files)).toEqual(all);
    expect(Object.keys(clean.files)).toEqual(all);
    expect(hostile.code).toBe(0);
    expect(clean.code).toBe(0);
  });

  it("yields exactly the top-level statements of a clean spec with the same structure", () => {
    const got = shapes(Object.entries(hostile.files).map(([p, content]) => ({ path: p, content })));
    const want = shapes(Object.entries(clean.files).map(([p, content]) => ({ path: p, content })));
    expect(got.map((s) => [s.path, s.statements])).toEqual(want.map((s) => [s.path, s.statements]));
    expect(got.flatMap((s) => s.problems)).toEqual([]);
  });

  it("never turns spec text into code identifiers", () => {
    for (const [name, text] of Object.entries(hostile.files)) {
      const ids = codeIdentifiers(text);
      expect(
        SMUGGLED.filter((id) => ids.has(id)),
        name,
      ).toEqual([]);
    }
  });

  it("keeps enum and const values verbatim as string literal types", () => {
    const literals = stringLiteralTypes("types.d.ts", hostile.files["types.d.ts"]!);
    for (const text of INJECTION_TEXTS) expect(literals.has(text), JSON.stringify(text)).toBe(true);
  });

  it("keeps paths verbatim in the method table when the generated module is imported", async () => {
    const url = pathToFileURL(path.join(hostile.dir, "site-methods.js")).href;
    const { siteMethods: index } = (await import(url)) as {
      siteMethods: Record<string, () => Promise<{ methods: Record<string, { path: string; pathParams: string[] }> }>>;
    };
    expect(Object.keys(index)).toEqual(["inject"]);
    const siteMethods = (await index.inject!()).methods;
    const expected = INJECTION_TEXTS.map((_, i) => i).filter((i) => i % 3 !== 0);
    expect(Object.keys(siteMethods).sort()).toEqual(expected.map((i) => `inject.texts.call${i}`).sort());
    for (const i of expected) {
      expect(siteMethods[`inject.texts.call${i}`]).toMatchObject({
        path: `${HOSTILE_PATH.replace("{id}", String(i))}/{id}`,
        pathParams: ["id"],
      });
    }
    expect(hostile.files["admin.js"]).toContain(JSON.stringify(`${HOSTILE_PATH.replace("{id}", "0")}/{id}`));
  });
});

describe("names", () => {
  it("rejects hostile method, namespace and schema names with a diagnostic at the name", () => {
    for (const bad of [...INJECTION_TEXTS, "__proto__", "a-b", "0abc", "Upper"]) {
      for (const [slot, text] of [
        [
          "name",
          `methods:\n  - name: ${JSON.stringify(bad)}\n    namespace: ok\n    http: { method: GET, path: /a }\n    identities: [admin]\n    request: {}\n    response: {}\n`,
        ],
        [
          "namespace",
          `methods:\n  - namespace: ${JSON.stringify(`ok.${bad}`)}\n    name: ok\n    http: { method: GET, path: /a }\n    identities: [admin]\n    request: {}\n    response: {}\n`,
        ],
        ["schema", `schemas:\n  ${JSON.stringify(bad.toLowerCase() + "x")}: { type: string }\n`],
      ] as const) {
        const error = rejected(text);
        expect(error, `${slot} ${JSON.stringify(bad)}`).toBeDefined();
        const d = error!.diagnostics[0]!;
        expect(d.line, `${slot} ${JSON.stringify(bad)}: ${d.message}`).toBe(2);
        expect(d.code).toMatch(/^SPEC_(INVALID_FORMAT|INVALID_NAME|RESERVED_NAME|YAML)$/);
      }
    }
  });

  it("rejects reserved words that would shadow object built-ins with SPEC_RESERVED_NAME at the word", () => {
    expect([...rejectedWords].sort()).toEqual(expect.arrayContaining(["constructor", "prototype", "then"]));
    for (const d of wordsRejected!.diagnostics) expect(d.code).toBe("SPEC_RESERVED_NAME");
  });

  it("accepts the other reserved and contextual words as method and namespace names", () => {
    expect(words.stderr).toBe("");
    expect(words.code).toBe(0);
    expect(Object.keys(words.files).filter((f) => !/^site-methods\.\w+\.js$/.test(f))).toEqual([...GENERATED_FILES]);
    const visitor = shapes([{ path: "visitor.js", content: words.files["visitor.js"]! }])[0]!;
    expect(visitor.problems).toEqual([]);
  });
});

describe("compiling the corpus outputs", () => {
  it("generates schemas named like TypeScript globals", () => {
    expect(globals.stderr).toBe("");
    expect(globals.code).toBe(0);
    // Every name really declared, so the type-check below checks them all.
    const declared = [...(globals.files["types.d.ts"] ?? "").matchAll(/^export interface (\w+) \{/gm)].map((m) => m[1]);
    expect(declared).toEqual(expect.arrayContaining([...GLOBAL_TYPE_NAMES]));
    expect(GLOBAL_TYPE_NAMES.length).toBeGreaterThan(5);
  });

  it("type-checks the hostile, reserved-word and global-name outputs under TypeScript 5.9", async () => {
    const include = ["hostile", "words", "globals"].map((l) => path.relative(ROOT, path.join(root, l, "*.ts")));
    const project = await typeProject({ "index.ts": "export {};\n" }, include);
    try {
      const errors = await typeCheck(project, "TypeScript 5.9");
      expect(errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([]);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  }, 120_000);
});
