// package: an npm package name → the installed @wix/auto_sdk_* package (folder, version, namespace, schema prefix).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ImportError } from "./errors.js";

export interface AutoSdkPackage {
  /** `@wix/auto_sdk_stores_products` */
  readonly name: string;
  readonly version: string;
  /** Package root folder (absolute). */
  readonly dir: string;
  /** `["stores", "products"]` */
  readonly namespace: readonly string[];
  /** Prefix for shared schema names: `StoresProducts`. */
  readonly prefix: string;
}

const AUTO_SDK_NAME = /^@wix\/auto_sdk_([a-z0-9][a-z0-9_-]*)$/;
const SEGMENT = /^[a-z][A-Za-z0-9]*$/;

/** `ecom_current-cart` → `["ecom", "currentCart"]`: underscores separate namespace segments, dashes become camelCase. */
export function namespaceOf(packageName: string): string[] {
  const match = AUTO_SDK_NAME.exec(packageName);
  if (!match) throw notAutoSdk(packageName, "its name is not @wix/auto_sdk_<area>_<entity>");
  const segments = match[1]!
    .split("_")
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined || segments.length === 0)
    throw notAutoSdk(
      packageName,
      `"${bad ?? ""}" cannot be a namespace segment (expected a letter followed by letters or digits)`,
    );
  return segments;
}

export function pascalCase(segments: readonly string[]): string {
  return segments.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join("");
}

/** Finds the package the way Node would from `cwd`, and checks it is an auto_sdk package with REST metadata. */
export function locatePackage(packageName: string, cwd: string): AutoSdkPackage {
  const namespace = namespaceOf(packageName);
  let manifestPath: string;
  try {
    manifestPath = createRequire(path.join(cwd, "noop.js")).resolve(`${packageName}/package.json`);
  } catch {
    throw new ImportError(
      "IMPORT_NOT_INSTALLED",
      `Package "${packageName}" is not installed (looked in node_modules from ${cwd}). Install it first: npm install -D ${packageName}`,
    );
  }
  const dir = path.dirname(manifestPath);
  const manifest = readManifest(manifestPath, packageName);
  const hasMeta = existsSync(path.join(dir, "build", "cjs", "meta.js"));
  if (!hasMeta && !existsSync(path.join(dir, "build", "cjs", "index.js")))
    throw notAutoSdk(
      packageName,
      `it has no build/cjs/meta.js (the per-method REST metadata every auto_sdk package ships), in ${dir}`,
    );
  if (!hasMeta)
    throw new NoRestMethods(
      packageName,
      manifest.version,
      "no REST methods to call: it has no build/cjs/meta.js, the per-method REST metadata of callable APIs " +
        "(a service plugin, which Wix calls into, ships without one)",
    );
  return { name: packageName, version: manifest.version, dir, namespace, prefix: pascalCase(namespace) };
}

function readManifest(file: string, packageName: string): { version: string } {
  try {
    const json: unknown = JSON.parse(readFileSync(file, "utf8"));
    const version = (json as { version?: unknown }).version;
    if (typeof version === "string" && version.length > 0) return { version };
  } catch {
    // reported below
  }
  throw new ImportError(
    "IMPORT_BAD_PACKAGE",
    `Package "${packageName}" has an unreadable package.json or no version: ${file}`,
  );
}

/** An auto_sdk package with nothing to call (a service plugin): skipped with a note, never fatal. */
export class NoRestMethods extends Error {
  override readonly name = "NoRestMethods";
  constructor(
    readonly packageName: string,
    readonly version: string,
    readonly reason: string,
  ) {
    super(`${packageName}: ${reason}`);
  }
}

function notAutoSdk(packageName: string, why: string): ImportError {
  return new ImportError("IMPORT_NOT_AUTO_SDK", `"${packageName}" is not a Wix auto_sdk package: ${why}.`);
}
