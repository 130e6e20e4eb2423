// The bench's arithmetic and tsc-output parsing: medians, ranges, ratios, and --extendedDiagnostics fields.
import { describe, expect, it } from "vitest";
import { ratio, summarize } from "./stats.js";
import { parseDiagnostics } from "./typecheck.js";

describe("bench/stats", () => {
  it.each([
    [[5], 5, 5, 5],
    [[3, 1, 2], 2, 1, 3],
    [[4, 1, 3, 2], 2.5, 1, 4],
  ])("summarize(%j) → median %d, range %d–%d", (samples, median, min, max) => {
    expect(summarize(samples)).toEqual({ median, min, max, runs: samples.length });
  });

  it("refuses to summarize nothing", () => {
    expect(() => summarize([])).toThrow(RangeError);
  });

  it("states ratios of medians with the verdict against the target", () => {
    expect(ratio(summarize([50, 60, 70]), summarize([100]), 1)).toBe("0.60× ✅ (target ≤ 1×)");
    expect(ratio(30, 20, 1.1)).toBe("1.50× ❌ (target ≤ 1.1×)");
    expect(ratio(1, 0)).toBe("n/a");
  });
});

describe("parseDiagnostics", () => {
  const sample = [
    "Types:                       9405",
    "Instantiations:              1881",
    "Memory used:               91655K",
    "Check time:                 6.91s",
    "Total time:                16.14s",
    "usage.ts(3,7): error TS2589: Type instantiation is excessively deep and possibly infinite.",
  ].join("\n");

  it("reads the fields tsc 5.x and 7 print, in ms and KB, and the error codes", () => {
    expect(parseDiagnostics(sample)).toEqual({
      checkMs: 6910,
      memoryKb: 91655,
      instantiations: 1881,
      types: 9405,
      errors: ["TS2589: Type instantiation is excessively deep and possibly infinite."],
    });
  });

  it("gives NaN for a missing field rather than a made-up number", () => {
    expect(parseDiagnostics("Check time: 1.00s").memoryKb).toBeNaN();
  });
});
