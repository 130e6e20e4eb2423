// A package whose every method is skipped (all @internal, e.g. @wix/auto_sdk_stores_abandoned-carts) has nothing to
// import: it is reported as a skipped package with its reason, like a service plugin, and writes no empty spec file.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatReport, runImport } from "../../importer/index.js";
import { tempDir } from "../generator/helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ALL_INTERNAL = "@wix/auto_sdk_stores_abandoned-carts";

describe("import of a package with no importable method", () => {
  it("skips it with the reason and writes no file; its other packages are imported", async () => {
    const outDir = await tempDir("wix-authz-import-");
    const lines: string[] = [];
    const report = await runImport({
      packages: [ALL_INTERNAL, "@wix/auto_sdk_stores_wishlist"],
      outDir,
      cwd: ROOT,
      log: (line) => lines.push(line),
    });
    expect(report.packages.map((p) => p.package)).toEqual(["@wix/auto_sdk_stores_wishlist"]);
    expect(report.skippedPackages).toEqual([
      {
        package: ALL_INTERNAL,
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
        reason: expect.stringMatching(/^no method to import: its 2 methods are @internal \(pass --include-internal/),
      },
    ]);
    expect(await readdir(outDir)).toEqual(["stores.wishlist.yaml"]);
    expect(lines.join("\n")).toContain(`${ALL_INTERNAL}@`);
    expect(formatReport(report)).toContain(`${ALL_INTERNAL}@${report.skippedPackages[0]!.version} skipped: no method`);
  });

  it("imports its methods with --include-internal", async () => {
    const outDir = await tempDir("wix-authz-import-");
    const report = await runImport({ packages: [ALL_INTERNAL], outDir, cwd: ROOT, includeInternal: true });
    expect(report.skippedPackages).toEqual([]);
    expect(report.packages[0]!.methods.length).toBe(2);
  });
});
