// Diagnostic printing: tsc-like head, the source line and a caret, with long lines cut around the column.
import { describe, expect, it } from "vitest";
import { formatDiagnostic, type Diagnostic } from "../../core/diagnostics.js";

const d = (line: number, column: number): Diagnostic => ({
  code: "SPEC_X",
  severity: "error",
  message: "Bad.",
  file: "spec/a.yaml",
  line,
  column,
});

describe("formatDiagnostic", () => {
  it("prints the line and a caret under the column", () => {
    expect(formatDiagnostic(d(2, 5), "a: 1\nbb: [x]\n")).toBe(
      "spec/a.yaml:2:5 - error SPEC_X: Bad.\n\n2 | bb: [x]\n        ^\n",
    );
  });

  it("cuts a long line around the column and keeps the caret under the right character", () => {
    const line = `${"a".repeat(5000)}X${"b".repeat(5000)}`;
    const out = formatDiagnostic(d(1, 5001), line);
    const [, , shown, caret] = out.split("\n");
    expect(shown!.length).toBeLessThan(200);
    expect(shown![caret!.indexOf("^")]).toBe("X");
  });

  it("prints only the head when the line does not exist", () => {
    expect(formatDiagnostic(d(9, 1), "a: 1\n")).toBe("spec/a.yaml:9:1 - error SPEC_X: Bad.");
  });
});
