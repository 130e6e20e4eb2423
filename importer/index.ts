// index: `wix-authz import` — installed @wix/auto_sdk_* packages → one spec YAML file per package, and a report.
import path from "node:path";
import { loadFacts, shippedFacts } from "../core/facts.js";
import { buildPackage } from "./build.js";
import { ImportError } from "./errors.js";
import { defaultGrantsFile, loadGrants } from "./grants.js";
import { locatePackage, NoRestMethods, type AutoSdkPackage } from "./package.js";
import { DEFAULT_MAX_DEPTH } from "./convert.js";
import { renderSpec } from "./render.js";
import type { ImportReport, MethodNote, PackageReport } from "./report.js";
import { writeAtomic } from "./write.js";

export { ImportError } from "./errors.js";
export { formatReport, type ImportReport, type PackageReport, type ImportedMethod, type MethodNote } from "./report.js";
export { DEFAULT_UNVERIFIED, RULE_IDS, UNVERIFIED_DEFAULTS, type RuleId, type UnverifiedDefault } from "./policy.js";
import { DEFAULT_UNVERIFIED, type UnverifiedDefault } from "./policy.js";
export { defaultGrantsFile } from "./grants.js";

export interface ImportOptions {
  /** npm names, e.g. `@wix/auto_sdk_stores_products`. */
  readonly packages: readonly string[];
  /** Folder for the spec files (resolved against cwd). */
  readonly outDir: string;
  /** Grants table replacing importer/default-grants.yaml. */
  readonly grantsFile?: string;
  readonly includeInternal?: boolean;
  /** Named-type depth limit (see POLICY.md "Types"); default 8. */
  readonly maxDepth?: number;
  /** Identity facts folder replacing the shipped facts/identities (tests, a refreshed table). */
  readonly factsDir?: string;
  /** What a method the facts do not cover gets (POLICY.md "Unverified methods"); default admin. */
  readonly unverified?: UnverifiedDefault;
  /** Where packages are resolved from, as Node would from a file in this folder. */
  readonly cwd: string;
  /** Progress, one line per event. */
  readonly log?: (line: string) => void;
  /**
   * The spec format schema the files' `# yaml-language-server: $schema=` comment names, relative to the out folder
   * (the CLI passes the installed package's spec/schema.json). Default `./schema.json`.
   */
  readonly schemaRef?: string;
}

/** The spec file name for a package: its namespace, e.g. `stores.products.yaml`, `ecom.currentCart.yaml`. */
export function specFileName(pkg: Pick<AutoSdkPackage, "namespace">): string {
  return `${pkg.namespace.join(".")}.yaml`;
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const log = options.log ?? (() => {});
  const names = [...new Set(options.packages)];
  if (names.length === 0)
    throw new ImportError("IMPORT_NOT_INSTALLED", "No packages given. Usage: wix-authz import <package...>");
  const grantsFile = path.resolve(options.cwd, options.grantsFile ?? defaultGrantsFile());
  const grants = loadGrants(grantsFile);
  const facts = options.factsDir ? loadFacts(path.resolve(options.cwd, options.factsDir)) : shippedFacts();
  // Resolve every package before writing anything, so a typo in the list fails without a partial import.
  // Every package is looked at before anything is written: one run reports every problem, and writes nothing then.
  const pkgs: AutoSdkPackage[] = [];
  const skippedPackages: ImportReport["skippedPackages"][number][] = [];
  const problems: ImportError[] = [];
  for (const name of names) {
    try {
      pkgs.push(locatePackage(name, options.cwd));
    } catch (error) {
      if (error instanceof NoRestMethods)
        skippedPackages.push({ package: name, version: error.version, reason: error.reason });
      else if (error instanceof ImportError) problems.push(error);
      else throw error;
    }
  }
  const clash = findClash(pkgs);
  if (clash)
    problems.push(
      new ImportError(
        "IMPORT_BAD_PACKAGE",
        `${clash[0]} and ${clash[1]} map to the same spec file ${specFileName(pkgs.find((p) => p.name === clash[0])!)}`,
      ),
    );
  const outDir = path.resolve(options.cwd, options.outDir);
  const built: { file: string; text: string; report: Omit<PackageReport, "file"> }[] = [];
  for (const [i, pkg] of pkgs.entries()) {
    log(`[${i + 1}/${pkgs.length}] ${pkg.name}@${pkg.version}: reading metadata and types…`);
    try {
      const { document, report } = buildPackage(pkg, {
        grants,
        includeInternal: options.includeInternal ?? false,
        maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
        facts,
        unverified: options.unverified ?? DEFAULT_UNVERIFIED,
      });
      if (report.methods.length === 0) {
        // Nothing callable survives (every method @internal, say): a skipped package, not an empty spec file.
        skippedPackages.push({ package: pkg.name, version: pkg.version, reason: nothingToImport(report.skipped) });
        continue;
      }
      const file = path.join(outDir, specFileName(pkg));
      built.push({
        file,
        text: renderSpec(document, {
          packageName: pkg.name,
          version: pkg.version,
          ...(options.schemaRef !== undefined && { schemaRef: options.schemaRef }),
        }),
        report,
      });
    } catch (error) {
      if (error instanceof ImportError) problems.push(error);
      else throw error;
    }
  }
  for (const s of skippedPackages) log(`${s.package}@${s.version}: skipped, ${s.reason}`);
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) {
    const code = problems.every((p) => p.code === problems[0]!.code) ? problems[0]!.code : "IMPORT_BAD_PACKAGE";
    const list = problems.map((p) => p.message).join("\n  ");
    throw new ImportError(code, `${problems.length} packages cannot be imported; nothing was written:\n  ${list}`);
  }
  const reports: PackageReport[] = [];
  for (const { file, text, report } of built) {
    const changed = await writeAtomic(file, text);
    log(`${report.package}: ${report.methods.length} methods → ${file}${changed ? "" : " (unchanged)"}`);
    reports.push({ ...report, file });
  }
  return { grantsFile, packages: reports, skippedPackages };
}

/** Why a package with REST metadata has nothing to import: its methods' skip reasons, counted. */
function nothingToImport(skipped: readonly MethodNote[]): string {
  if (skipped.length === 0) return "no method to import: its REST metadata lists none";
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  if (counts.size === 1)
    return `no method to import: ${skipped.length === 1 ? "its one method is" : `its ${skipped.length} methods are`} ${skipped[0]!.reason}`;
  return `no method to import: of its ${skipped.length} methods, ${[...counts].map(([reason, n]) => `${n} ${n === 1 ? "is" : "are"} ${reason}`).join("; ")}`;
}

function findClash(pkgs: readonly AutoSdkPackage[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const p of pkgs) {
    const file = specFileName(p);
    const prior = seen.get(file);
    if (prior) return [prior, p.name];
    seen.set(file, p.name);
  }
  return undefined;
}
