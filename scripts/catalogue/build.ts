// npm run catalogue: rebuilds catalogue/spec from the pinned @wix/auto_sdk_* packages (the devDependencies), with the
// shipped identity facts (facts/identities). One spec file per package, as `wix-authz import` writes it, so each method
// keeps its provenance (source package@version, fqn, rule, evidence or why it is unverified). Same pins, same bytes.
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runImport, type ImportReport } from "../../importer/index.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CATALOGUE_SPEC = path.join(REPO, "catalogue/spec");

/** The packages the catalogue is built from: every pinned `@wix/auto_sdk_*` devDependency, sorted. */
export function cataloguePackages(repo = REPO): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return Object.keys(manifest.devDependencies)
    .filter((n) => n.startsWith("@wix/auto_sdk_"))
    .sort();
}

/** Imports the pinned packages into `outDir` (a fresh folder), and returns the import's report. */
export async function buildCatalogue(outDir: string, log?: (line: string) => void): Promise<ImportReport> {
  return runImport({ packages: cataloguePackages(), outDir, cwd: REPO, ...(log ? { log } : {}) });
}

async function main(): Promise<void> {
  // Built beside the committed folder (same file system), then swapped in: a failed import leaves it as it was.
  const staging = await mkdtemp(path.join(path.dirname(CATALOGUE_SPEC), ".spec-"));
  const previous = `${staging}-previous`;
  try {
    const report = await buildCatalogue(staging, (line) => process.stderr.write(`${line}\n`));
    await rename(CATALOGUE_SPEC, previous).catch(() => undefined);
    await rename(staging, CATALOGUE_SPEC);
    const files = (await readdir(CATALOGUE_SPEC)).length;
    const methods = report.packages.reduce((n, p) => n + p.methods.length, 0);
    const skipped = report.skippedPackages.map((s) => s.package);
    process.stdout.write(
      `catalogue/spec: ${files} spec files, ${methods} methods from ${report.packages.length} packages` +
        (skipped.length ? ` (skipped, nothing to call: ${skipped.join(", ")})` : "") +
        "\n",
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
