// Spec fuzzing: a fixed-seed subset of `npm run fuzz` — no crash, positioned diagnostics, untouched output, inert code.
import { describe, expect, it } from "vitest";
import { loadCorpus } from "./corpus.js";
import { runFuzz, type Finding } from "./fuzz.js";
import { makeCase } from "./mutate.js";
import { checkDiagnostics, checkEmitted, runInMemory } from "./oracle.js";
import { iterationSeed } from "./rng.js";

/** Findings the fuzzer may report without failing: none (the bugs it found are fixed; see known-bugs.test.ts). */
const KNOWN_BUGS: { readonly id: string; readonly matches: (f: Finding) => boolean }[] = [];

describe("spec fuzzer (fixed seed)", () => {
  it("finds no crash, unpositioned diagnostic, dirty output folder or non-inert output beyond the known bugs", async () => {
    const report = await runFuzz({
      seed: 20_260_101,
      count: 300,
      typecheckEvery: 150,
      diskEvery: 2,
      minimizeBudget: 0,
    });
    const unknown = report.findings.filter((f) => !KNOWN_BUGS.some((k) => k.matches(f)));
    expect(
      unknown.map(
        (f) =>
          `${f.kind} ${f.signature} (iteration ${f.iteration}: ${f.mutations.join("; ")})\n${f.detail.slice(0, 600)}`,
      ),
    ).toEqual([]);
    // The subset must exercise both paths and the type-check sample, or it proves nothing.
    expect(report.statuses.valid).toBeGreaterThan(30);
    expect(report.statuses["spec-error"]).toBeGreaterThan(100);
    expect(report.typechecked).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it("builds the same case from the same seed", () => {
    const corpus = loadCorpus();
    for (const i of [0, 1, 57])
      expect(makeCase(corpus, iterationSeed(5, i))).toEqual(makeCase(corpus, iterationSeed(5, i)));
    expect(makeCase(corpus, iterationSeed(5, 0))).not.toEqual(makeCase(corpus, iterationSeed(5, 1)));
  });
});

describe("fuzz oracle", () => {
  const text = "a: 1\nbb: 2\n";
  const diag = (line: number, column: number) => ({
    code: "SPEC_X",
    severity: "error" as const,
    message: "m",
    file: "spec/a.yaml",
    line,
    column,
  });

  it("accepts positions inside the file, end of line included", () => {
    expect(checkDiagnostics([diag(1, 1), diag(2, 6), diag(3, 1)], [{ file: "spec/a.yaml", text }]).violations).toEqual(
      [],
    );
  });

  it("flags positions outside the file, unknown files and stack traces", () => {
    const bad = [
      diag(0, 1),
      diag(1, 6),
      diag(4, 1),
      { ...diag(1, 1), file: "spec/other.yaml" },
      { ...diag(1, 1), message: "x\n    at f (a.ts:1:1)" },
    ];
    expect(checkDiagnostics(bad, [{ file: "spec/a.yaml", text }]).violations.map((v) => v.signature)).toEqual([
      "SPEC_X: line/column not positive integers",
      "SPEC_X: column beyond end of line",
      "SPEC_X: line beyond end of file",
      "SPEC_X: file is not one of the spec files",
      "SPEC_X: empty message or stack trace in message",
    ]);
  });

  it("flags generated code with an extra statement", () => {
    const valid = runInMemory(loadCorpus().full);
    expect(valid.status).toBe("valid");
    expect(checkEmitted(valid.model!, valid.emitted!)).toEqual([]);
    const tampered = valid.emitted!.map((f) =>
      f.path === "types.d.ts" ? { ...f, text: `${f.text}\nglobalThis.pwned = 1;\n` } : f,
    );
    expect(checkEmitted(valid.model!, tampered).map((v) => v.signature)).toContain("types.d.ts: expression statement");
  });
});
