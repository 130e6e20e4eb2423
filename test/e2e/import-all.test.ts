// issue 16's must-show: `wix-authz import` of every installed @wix/auto_sdk_* package (100+, service plugins among
// them) in one run. Every package with methods is imported, every one without is skipped with its reason, nothing
// is fatal (exit 0), progress is printed; the imported spec then generates and exports as valid OpenAPI.
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../generator/helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WIX = path.join(ROOT, "node_modules/@wix");
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function installedPackages(): Promise<{ name: string; version: string; hasRestMetadata: boolean }[]> {
  const names = (await readdir(WIX)).filter((n) => n.startsWith("auto_sdk_")).sort();
  return Promise.all(
    names.map(async (n) => ({
      name: `@wix/${n}`,
      version: (JSON.parse(await readFile(path.join(WIX, n, "package.json"), "utf8")) as { version: string }).version,
      // A service plugin (Wix calls into it) ships no per-method REST metadata.
      hasRestMetadata: existsSync(path.join(WIX, n, "build/cjs/meta.js")),
    })),
  );
}

describe("import of every installed @wix/auto_sdk_* package in one run", () => {
  it(
    "imports each package with methods, skips each without with its reason, exits 0; the result generates",
    { timeout: 900_000 },
    async () => {
      const packages = await installedPackages();
      expect(packages.length).toBeGreaterThanOrEqual(100);
      expect(packages.filter((p) => !p.hasRestMetadata).length).toBeGreaterThan(0);
      const work = await tempDir("wix-authz-import-all-");
      dirs.push(work);

      const specDir = path.join(work, "spec-imported");
      const run = await runCli(["import", ...packages.map((p) => p.name), "--out", specDir], ROOT);
      expect(run.stderr).not.toMatch(/internal error|^error/m);
      expect(run.code).toBe(0);

      // What was written: one spec file per imported package, each naming its package in its header.
      const files = (await readdir(specDir)).sort();
      const written = new Map<string, string>();
      for (const file of files) {
        const text = await readFile(path.join(specDir, file), "utf8");
        const from = /^# Imported from (@wix\/auto_sdk_[^@\s]+)@/m.exec(text)?.[1];
        expect(from, file).toBeDefined();
        expect(text, `${file} has methods`).toMatch(/^ {2}- name: /m);
        written.set(from!, file);
      }
      const withMethods = packages.filter((p) => written.has(p.name));
      const log = run.stderr.split("\n");
      for (const [i, p] of packages.filter((p) => p.hasRestMetadata).entries()) {
        // Progress: one line per package read, numbered over the packages that have REST metadata.
        expect(log).toContain(
          `[${i + 1}/${packages.filter((q) => q.hasRestMetadata).length}] ${p.name}@${p.version}: reading metadata and types…`,
        );
      }
      for (const p of packages) {
        if (written.has(p.name)) {
          expect(p.hasRestMetadata, p.name).toBe(true);
          expect(run.stdout).toContain(`${p.name}@${p.version} → ${path.join(specDir, written.get(p.name)!)}: `);
          continue;
        }
        // Not written: skipped, with the reason (no REST metadata, or no method left to import).
        const reason = p.hasRestMetadata ? "no method to import: " : "no REST methods to call: ";
        expect(run.stdout, p.name).toContain(`${p.name}@${p.version} skipped: ${reason}`);
        expect(
          log.some((l) => l.startsWith(`${p.name}@${p.version}: skipped, ${reason}`)),
          p.name,
        ).toBe(true);
      }
      expect(withMethods.length).toBeGreaterThanOrEqual(80);
      const total = Number(/^(\d+) methods imported from (\d+) packages \((\d+) skipped/m.exec(run.stdout)?.[1]);
      expect(run.stdout).toContain(
        `methods imported from ${withMethods.length} packages (${packages.length - withMethods.length} skipped`,
      );

      // The imported result generates, every method of it, and exports as a valid OpenAPI 3.1 document.
      const generated = await runCli(
        ["generate", "--spec", specDir, "--out", path.join(work, "generated"), "--no-cache"],
        ROOT,
      );
      expect(generated.stderr).not.toMatch(/internal error|error SPEC_/);
      expect(generated.code).toBe(0);
      expect(generated.stdout).toContain(`(${total} methods)`);
      const exported = await runCli(
        ["export", "openapi", "--spec", specDir, "--out", path.join(work, "api.json")],
        ROOT,
      );
      expect(exported.code).toBe(0);
      const result = await validate(
        JSON.parse(await readFile(path.join(work, "api.json"), "utf8")) as Parameters<typeof validate>[0],
        { dereference: { circular: "ignore" } },
      );
      if (!result.valid) expect.fail(compileErrors(result));
    },
  );
});
