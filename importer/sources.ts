// sources: one in-memory ts-morph Project per package holding the files the importer reads (each parsed once).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Project, type SourceFile } from "ts-morph";
import { ImportError } from "./errors.js";
import type { AutoSdkPackage } from "./package.js";

export interface PackageSources {
  /** build/cjs/meta.d.ts: the REST-shaped request/response types (`__originalRequestType`/`__originalResponseType`). */
  readonly meta: SourceFile;
  /** Public typings with the SDK functions and their JSDoc (index.typings.d.ts, *.universal-*.d.ts). */
  readonly publicTypings: readonly SourceFile[];
  /** build/internal/cjs typings: the same plus `@internal` methods. */
  readonly internalTypings: readonly SourceFile[];
  /** build/cjs/index.typings.js: the SDK functions, whose error mapping says which REST field each argument fills. */
  readonly sdkJs: SourceFile | undefined;
}

/**
 * Files go into an in-memory file system so ts-morph never resolves imports or loads lib.d.ts: everything the importer
 * needs is syntactic, and each file is parsed exactly once.
 */
export function loadSources(pkg: AutoSdkPackage): PackageSources {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { allowJs: true, noLib: true, noResolve: true },
  });
  const add = (file: string): SourceFile =>
    project.createSourceFile(file, readFileSync(file, "utf8"), { overwrite: true });
  const cjs = path.join(pkg.dir, "build", "cjs");
  const internal = path.join(pkg.dir, "build", "internal", "cjs");
  let meta: SourceFile;
  try {
    meta = add(path.join(cjs, "meta.d.ts"));
  } catch (err) {
    throw new ImportError(
      "IMPORT_BAD_PACKAGE",
      `${pkg.name} has no readable build/cjs/meta.d.ts: ${(err as Error).message}`,
    );
  }
  const sdkJsFile = path.join(cjs, "index.typings.js");
  return {
    meta,
    publicTypings: typingFiles(cjs).map(add),
    internalTypings: typingFiles(internal).map(add),
    sdkJs: listDir(cjs).includes("index.typings.js") ? add(sdkJsFile) : undefined,
  };
}

/** Typings with SDK function declarations: every .d.ts except meta.d.ts and the index.d.ts REST-module wrappers. */
function typingFiles(dir: string): string[] {
  return listDir(dir)
    .filter((f) => f.endsWith(".d.ts") && f !== "meta.d.ts" && f !== "index.d.ts")
    .sort()
    .map((f) => path.join(dir, f));
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
