// The package boundary: @wix-authz/runtime (runtime/) ships without the generator. Its sources import only the
// packages its own package.json declares, the packages those pull in (per package-lock.json) include nothing the
// generator, CLI, core or importer import, and the packed tarball holds every entry point and every runtime module.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const RUNTIME = path.join(ROOT, "runtime");

interface Manifest {
  name: string;
  version: string;
  type?: string;
  license?: string;
  sideEffects?: boolean;
  engines?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, "utf8")) as T;

/** The .ts sources under a folder (dist/ and node_modules/ left out). */
async function sources(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).map(String);
  return names
    .filter((n) => /\.ts$/.test(n) && !/(^|\/)(dist|node_modules)\//.test(n))
    .map((n) => path.join(dir, n))
    .sort();
}

/** The npm package names a set of files imports (bare specifiers, `@scope/name/sub` → `@scope/name`; no `node:`, no `#`). */
async function importedPackages(files: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of files) {
    const info = ts.preProcessFile(await readFile(file, "utf8"), true, true);
    for (const { fileName } of info.importedFiles) {
      // `#…`: the package's own subpath imports (package.json "imports"), not another package.
      if (/^(?:\.|node:|#)/.test(fileName) || path.isAbsolute(fileName)) continue;
      const parts = fileName.split("/");
      const name = fileName.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
      if (!found.has(name)) found.set(name, path.relative(ROOT, file));
    }
  }
  return found;
}

/** The packages `npm install --omit=dev` of a workspace pulls in, transitively, as package-lock.json records them. */
function productionClosure(lock: { packages: Record<string, LockEntry> }, from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (location: string) => {
    const entry = lock.packages[location];
    for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) {
      // Node's lookup: the nearest node_modules up from the dependent's folder.
      let dir = location;
      let found: string | undefined;
      for (;;) {
        const candidate = `${dir ? `${dir}/` : ""}node_modules/${dep}`;
        if (lock.packages[candidate]) {
          found = candidate;
          break;
        }
        if (!dir) break;
        const up = dir.lastIndexOf("/node_modules/");
        dir = up === -1 ? "" : dir.slice(0, up);
      }
      if (!found) throw new Error(`package-lock.json: ${location} depends on ${dep}, which is not in the lock file`);
      const target = lock.packages[found]!.link ? lock.packages[found]!.resolved! : found;
      if (!seen.has(dep)) {
        seen.add(dep);
        visit(target);
      }
    }
  };
  visit(from);
  return seen;
}

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  link?: boolean;
  resolved?: string;
}

describe("@wix-authz/runtime, the package generated code imports", () => {
  it("imports only the npm packages its own package.json declares, and declares no package it does not import", async () => {
    const manifest = await readJson<Manifest>(path.join(RUNTIME, "package.json"));
    const imported = await importedPackages(await sources(RUNTIME));
    const declared = Object.keys(manifest.dependencies ?? {}).sort();
    const undeclared = [...imported].filter(([name]) => !declared.includes(name) && name !== manifest.name);
    expect(undeclared.map(([name, file]) => `${name} (imported by ${file})`)).toEqual([]);
    expect(declared.filter((name) => !imported.has(name))).toEqual([]);
    expect(manifest.devDependencies ?? {}).toEqual({});
  });

  it("has no generator dependency: its production closure holds no package the generator, CLI, core or importer import", async () => {
    const lock = await readJson<{ packages: Record<string, LockEntry> }>(path.join(ROOT, "package-lock.json"));
    const closure = productionClosure(lock, "runtime");
    const toolFiles = (
      await Promise.all(["generator", "cli", "core", "importer"].map((d) => sources(path.join(ROOT, d))))
    ).flat();
    const tools = await importedPackages(toolFiles);
    // The control: the tools do import the heavy packages this guards against.
    expect([...tools.keys()]).toEqual(expect.arrayContaining(["ts-morph", "prettier"]));
    const shared = [...closure].filter((name) => tools.has(name) && name !== "@wix-authz/runtime");
    expect(shared.map((name) => `${name} (imported by ${tools.get(name)})`)).toEqual([]);
  });

  it("is its own ESM package: name, version, engines, license, sideEffects false; wix-authz names it as a peer at its exact version", async () => {
    const runtime = await readJson<Manifest>(path.join(RUNTIME, "package.json"));
    const root = await readJson<Manifest & { workspaces?: string[] }>(path.join(ROOT, "package.json"));
    expect(runtime.name).toBe("@wix-authz/runtime");
    expect(runtime.type).toBe("module");
    expect(runtime.sideEffects).toBe(false);
    expect(runtime.engines?.node).toBe(root.engines?.node);
    expect(runtime.license).toBe(root.license);
    expect(root.workspaces).toEqual(["runtime"]);
    expect(root.peerDependencies?.[runtime.name]).toBe(runtime.version);
    expect(runtime.version).toBe(root.version);
    expect(Object.keys(root.exports).filter((key) => key.startsWith("./runtime"))).toEqual([]);
  });

  it("packs every entry point's files, every runtime module (built), LICENSE and README, and no source", async () => {
    if (!existsSync(path.join(RUNTIME, "dist", "index.js")))
      throw new Error("runtime/dist is missing: run `npm run build` first (npm test does).");
    const { stdout } = await exec("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: RUNTIME });
    const packed = new Set((JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    const manifest = await readJson<Manifest>(path.join(RUNTIME, "package.json"));
    const targets = Object.values(manifest.exports).flatMap((t) =>
      typeof t === "string"
        ? [t]
        : Object.entries(t)
            .filter(([c]) => c !== "wix-authz-source")
            .map(([, f]) => f),
    );
    expect(targets.map((t) => t.replace(/^\.\//, "")).filter((t) => !packed.has(t))).toEqual([]);
    const modules = (await sources(RUNTIME)).map((f) => path.relative(RUNTIME, f).replace(/\.ts$/, ""));
    const built = modules.flatMap((m) => [`dist/${m}.js`, `dist/${m}.d.ts`]);
    expect(built.filter((f) => !packed.has(f))).toEqual([]);
    expect(packed.has("LICENSE") && packed.has("README.md")).toBe(true);
    expect([...packed].filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });
});
