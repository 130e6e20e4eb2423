// Import failures: missing or non-auto_sdk packages and bad grants files get a clear ImportError, and nothing is written.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../core/diagnostics.js";
import { formatReport, ImportError, runImport } from "../../importer/index.js";
import { REPO } from "./package-facts.js";

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "wix-authz-import-err-"));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function failure(run: Promise<unknown>): Promise<ImportError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  expect(err).toBeInstanceOf(ConfigError); // the CLI treats it as a user error (exit 1)
  return err as ImportError;
}

const importInto = (packages: string[], extra: { cwd?: string; grantsFile?: string } = {}) =>
  runImport({
    packages,
    outDir: path.join(work, "out"),
    cwd: extra.cwd ?? REPO,
    ...(extra.grantsFile ? { grantsFile: extra.grantsFile } : {}),
  });

describe("packages", () => {
  it("a package that is not installed names the package and how to install it, and writes nothing", async () => {
    const err = await failure(importInto(["@wix/auto_sdk_redirects_redirects", "@wix/auto_sdk_does_not_exist"]));
    expect(err.code).toBe("IMPORT_NOT_INSTALLED");
    expect(err.message).toContain('"@wix/auto_sdk_does_not_exist" is not installed');
    expect(err.message).toContain("npm install -D @wix/auto_sdk_does_not_exist");
    expect(await readdir(work)).toEqual([]);
  });

  it.each(["@wix/sdk-runtime", "yaml", "@wix/auto_sdk_", "@wix/auto_sdk_Stores"])(
    "%s is not an auto_sdk package",
    async (name) => {
      const err = await failure(importInto([name]));
      expect(err.code).toBe("IMPORT_NOT_AUTO_SDK");
      expect(err.message).toContain(`"${name}" is not a Wix auto_sdk package`);
    },
  );

  it("an installed package named like auto_sdk but without meta.js is not an auto_sdk package", async () => {
    const dir = path.join(work, "node_modules/@wix/auto_sdk_fake_thing");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "@wix/auto_sdk_fake_thing", version: "1.0.0" }),
    );
    const err = await failure(importInto(["@wix/auto_sdk_fake_thing"], { cwd: work }));
    expect(err.code).toBe("IMPORT_NOT_AUTO_SDK");
    expect(err.message).toContain("no build/cjs/meta.js");
  });

  it("every problem of a run is reported at once, and nothing is written", async () => {
    const err = await failure(
      importInto(["@wix/auto_sdk_redirects_redirects", "@wix/auto_sdk_does_not_exist", "@wix/sdk-runtime"]),
    );
    expect(err.message).toContain("2 packages cannot be imported; nothing was written");
    expect(err.message).toContain('"@wix/auto_sdk_does_not_exist" is not installed');
    expect(err.message).toContain('"@wix/sdk-runtime" is not a Wix auto_sdk package');
    expect(await readdir(work)).toEqual([]);
  });

  it("a service-plugin package (no REST methods) is skipped with its reason, not fatal", async () => {
    const report = await importInto(["@wix/auto_sdk_redirects_redirects", "@wix/auto_sdk_ecom_additional-fees"]);
    expect(report.packages.map((p) => p.package)).toEqual(["@wix/auto_sdk_redirects_redirects"]);
    expect(report.skippedPackages).toEqual([
      {
        package: "@wix/auto_sdk_ecom_additional-fees",
        version: "1.0.52",
        reason: expect.stringContaining("no REST methods to call"),
      },
    ]);
    expect(formatReport(report)).toContain("@wix/auto_sdk_ecom_additional-fees@1.0.52 skipped: no REST methods");
    expect(await readdir(path.join(work, "out"))).toEqual(["redirects.redirects.yaml"]);
  });

  it("an empty package list is a usage error", async () => {
    expect((await failure(importInto([]))).message).toContain("Usage: wix-authz import <package...>");
  });
});

describe("grants file", () => {
  const cases: [string, string, string][] = [
    ["missing file", "", "Cannot read grants file"],
    ["not a mapping", "grants: [1, 2]\n", "expected a top-level `grants:` mapping"],
    ["unknown identity", "grants:\n  A.B: { identities: [guest], source: x }\n", 'unknown identity "guest"'],
    [
      "visitor without member",
      "grants:\n  A.B: { identities: [visitor], source: x }\n",
      "grants visitor but not member",
    ],
    ["no source", "grants:\n  A.B: { identities: [member] }\n", "source is required"],
    ["bad YAML", "grants: {\n", "is not valid YAML"],
  ];
  it.each(cases)("%s", async (_label, text, message) => {
    const file = path.join(work, "grants.yaml");
    if (text) await writeFile(file, text);
    const err = await failure(importInto(["@wix/auto_sdk_redirects_redirects"], { grantsFile: file }));
    expect(err.code).toBe("IMPORT_BAD_GRANTS");
    expect(err.message).toContain(message);
    expect(err.message).toContain(file);
  });
});
