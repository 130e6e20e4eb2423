// bin/wix-authz.js runs `generate` from dist/bundle/cli.cjs (scripts/bundle/cli.ts) with V8's code cache: the same
// CLI as the ES modules, byte for byte in what it writes and says; its cache made after the first run of each way a
// run goes, refused by V8 when damaged and made again, and the run unharmed by a cache folder it cannot write.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { codeHash } from "../../generator/cache.js";
import { parserVersions } from "../../generator/spec-cache.js";
import { readTree, runCli, writeTree } from "../generator/helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin", "wix-authz.js");
const run = promisify(execFile);

async function specTree(): Promise<string> {
  const files: Record<string, string> = {};
  for (const f of ["blog.categories.yaml", "blog.tags.yaml"])
    files[`spec/${f}`] = await readFile(path.join(ROOT, "catalogue", "spec", f), "utf8");
  return writeTree(files);
}

/** `wix-authz generate` as users run it, with its code cache in `cache`. */
async function binGenerate(cwd: string, cache: string): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, WIX_AUTHZ_CODE_CACHE: cache };
  delete env.NODE_OPTIONS;
  return run(process.execPath, [BIN, "generate"], { cwd, env });
}

const ways = async (cache: string) => {
  const file = (await readdir(cache)).find((n) => n.endsWith(".ways"));
  return file === undefined ? undefined : (JSON.parse(await readFile(path.join(cache, file), "utf8")) as string[]);
};

const edit = async (dir: string, from: string, to: string) => {
  const file = path.join(dir, "spec", "blog.categories.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace(from, to));
};

describe("bin/wix-authz.js generate (the code-cached bundle)", () => {
  it("writes and reports what the ES-module CLI does, and caches its code once per way a run goes", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), "wix-authz-code-"));
    const [viaBin, viaModules] = [await specTree(), await specTree()];
    const steps: [string, (dir: string) => Promise<void>][] = [
      ["full", async () => undefined],
      ["hit", async () => undefined],
      ["partial", (dir) => edit(dir, "Creates a category.", "Creates one category.")],
    ];
    const seen: string[] = [];
    for (const [way, step] of steps) {
      await step(viaBin);
      await step(viaModules);
      const bin = await binGenerate(viaBin, cache);
      const modules = await runCli(["generate"], viaModules);
      expect(modules.code).toBe(0);
      expect(bin.stdout).toBe(modules.stdout);
      expect(bin.stderr).toBe(modules.stderr);
      expect(await readTree(path.join(viaBin, "generated"))).toEqual(
        await readTree(path.join(viaModules, "generated")),
      );
      seen.push(way);
      expect(await ways(cache)).toEqual(seen);
    }
    // A run that went a way the cache already covers leaves it as it is.
    const file = (await readdir(cache)).find((n) => n.endsWith(".bin"))!;
    const before = await readFile(path.join(cache, file));
    await edit(viaBin, "Creates one category.", "Creates a category.");
    await binGenerate(viaBin, cache);
    expect((await readFile(path.join(cache, file))).equals(before)).toBe(true);
  }, 120_000);

  it("refuses a damaged cache (its checksum), runs as without one, and makes it again", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), "wix-authz-code-"));
    const dir = await specTree();
    await binGenerate(dir, cache);
    const file = (await readdir(cache)).find((n) => n.endsWith(".bin"))!;
    const good = await readFile(path.join(cache, file));
    const damaged = Buffer.from(good);
    for (let i = 64; i < damaged.length; i += 97) damaged[i] = damaged[i]! ^ 0xff;
    await writeFile(path.join(cache, file), damaged);
    await edit(dir, "Creates a category.", "Creates one category.");
    const { stdout } = await binGenerate(dir, cache);
    expect(stdout).toMatch(/1 file written/);
    expect((await readFile(path.join(cache, file))).equals(damaged)).toBe(false);
    expect(await ways(cache)).toEqual(["partial"]);
    const cold = await specTree();
    await edit(cold, "Creates a category.", "Creates one category.");
    await runCli(["generate"], cold);
    expect(await readTree(path.join(dir, "generated"))).toEqual(await readTree(path.join(cold, "generated")));
  }, 120_000);

  it("loads no child_process on the way (commander requires it on use, not at load)", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), "wix-authz-code-"));
    const dir = await specTree();
    const probe = path.join(cache, "modules.cjs");
    const list = path.join(cache, "modules.txt");
    await writeFile(
      probe,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, WIX_AUTHZ_CODE_CACHE: cache };
    delete env.NODE_OPTIONS;
    for (const way of ["full", "hit"]) {
      await run(process.execPath, ["--require", probe, BIN, "generate"], { cwd: dir, env });
      const loaded = (await readFile(list, "utf8")).split("\n");
      expect(loaded, way).toContain("NativeModule vm");
      for (const name of ["child_process", "internal/child_process", "dgram"])
        expect(loaded, `${way}: ${name}`).not.toContain(`NativeModule ${name}`);
    }
  }, 60_000);

  it("holds the hash of the generator code it was built from (its generate cache key), as the ES modules compute it", async () => {
    const bundle = await readFile(path.join(ROOT, "dist", "bundle", "cli.cjs"), "utf8");
    const embedded = /^const __wixAuthzCodeHash = "([0-9a-f]{64})";$/m.exec(bundle)?.[1];
    expect(embedded).toBe(await codeHash(path.join(ROOT, "dist")));
    const parsers = /^const __wixAuthzParserVersions = "([0-9a-f]{64})";$/m.exec(bundle)?.[1];
    expect(parsers).toBe(await parserVersions());
    // Only generate's code: the commands it never runs are imported from dist/ if asked for.
    for (const module of [
      "dist/emulator/server.js",
      "dist/importer/index.js",
      "dist/exporter/index.js",
      "node_modules/ajv/dist/core.js",
    ])
      expect(bundle.split("\n"), module).not.toContain(`// ${module}`);
    expect(bundle).toMatch(/^\/\/ dist\/generator\/run\.js$/m);
    // And the version of the package it is part of.
    const { version } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect((await run(process.execPath, [BIN, "generate", "--version"])).stdout.trim()).toBe(version);
  });

  it("runs unharmed when it cannot make its cache folder (a file stands where it would go)", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "wix-authz-code-"));
    await writeFile(path.join(parent, "file"), "not a folder");
    const dir = await specTree();
    const { stdout } = await binGenerate(dir, path.join(parent, "file", "code"));
    expect(stdout).toMatch(/files written/);
    expect(await readdir(parent)).toEqual(["file"]);
  }, 60_000);
});
