// The shipped catalogue is what `npm run catalogue` builds from the pinned packages, byte for byte, and every method in
// it says where it came from and why it has the identities it has.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import type { ImportReport } from "../../importer/index.js";
import { buildCatalogue, CATALOGUE_SPEC, cataloguePackages } from "./build.js";

let tmp: string;
let report: ImportReport;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "wix-authz-catalogue-test-"));
  report = await buildCatalogue(path.join(tmp, "spec"));
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface CatalogueMethod {
  name: string;
  identities: string[];
  provenance: { source: string; rule: string; evidence?: { url: string; quote: string }[]; unverified?: string };
}

describe("catalogue/spec", () => {
  it("is the import of the pinned packages, byte for byte (rebuild with npm run catalogue)", async () => {
    const committed = (await readdir(CATALOGUE_SPEC)).sort();
    const rebuilt = (await readdir(path.join(tmp, "spec"))).sort();
    expect(committed).toEqual(rebuilt);
    for (const file of rebuilt)
      expect(await readFile(path.join(CATALOGUE_SPEC, file), "utf8"), file).toBe(
        await readFile(path.join(tmp, "spec", file), "utf8"),
      );
  });

  it("covers every pinned package with methods, and says why the others are left out", () => {
    const imported = report.packages.map((p) => p.package);
    const skipped = report.skippedPackages.map((p) => p.package);
    expect([...imported, ...skipped].sort()).toEqual(cataloguePackages());
    for (const s of report.skippedPackages) expect(s.reason).toContain("no REST methods to call");
  });

  it("gives every method its source package version and the evidence of its identities, or why there is none", () => {
    // Read from the fresh build, so that the facts as they are now are checked (the first test ties it to the commit).
    const built = path.join(tmp, "spec");
    const versions = new Map(report.packages.map((p) => [p.package, p.version]));
    let methods = 0;
    for (const file of readdirSync(built)) {
      const doc = parse(readFileSync(path.join(built, file), "utf8")) as { methods: CatalogueMethod[] };
      for (const m of doc.methods) {
        methods++;
        const [, pkg, version] = /^(@wix\/[^@]+)@(.+)$/.exec(m.provenance.source) ?? [];
        expect(versions.get(pkg!), `${file} ${m.name}`).toBe(version);
        const evidence = m.provenance.evidence ?? [];
        expect(
          evidence.every((e) => e.url.length > 0 && e.quote.length > 0),
          `${file} ${m.name}`,
        ).toBe(true);
        // Each piece of evidence is a page a reader can open (https://) or the package's own JSDoc (npm:<pkg>@<version>),
        // never a placeholder such as a search-index id.
        expect(
          evidence.map((e) => e.url).filter((url) => !/^(https:\/\/|npm:)/.test(url)),
          `${file} ${m.name}`,
        ).toEqual([]);
        // A fact decided it, with at least one page or package sentence, or the method says why none did.
        const decided = evidence.length > 0;
        expect(decided, `${file} ${m.name}`).toBe(m.provenance.unverified === undefined);
      }
    }
    expect(methods).toBe(report.packages.reduce((n, p) => n + p.methods.length, 0));
  });

  it("generates clients with no error and no warning", async () => {
    const result = await generate({ spec: CATALOGUE_SPEC, out: path.join(tmp, "out"), noCache: true });
    expect(result.warnings).toEqual([]);
    expect(result.methods).toBe(report.packages.reduce((n, p) => n + p.methods.length, 0));
  }, 120_000);
});
