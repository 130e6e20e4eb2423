// The resolved Prettier config is reused from the last run only while every file Prettier reads to resolve it is
// unchanged: each change below must reach the output exactly as a run without any cache would format it. Each run is
// a fresh process (bin/wix-authz.js), as a user runs it: the record on disk is all one run leaves the next.
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readTree, runCli as runInProcess, writeTree, method, THING_SCHEMA } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../bin/wix-authz.js", import.meta.url));

async function runCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...argv], { cwd });
  return { code: 0, stdout };
}

const SPEC = `${THING_SCHEMA}methods:\n${method()}\n`;

/** The generated files (not the folder's own config files). */
async function outputs(dir: string): Promise<Record<string, string>> {
  const tree = await readTree(path.join(dir, "generated"));
  return Object.fromEntries(Object.entries(tree).filter(([name]) => !name.startsWith(".")));
}

/** `generate` (with its cache) after `change`, compared with a cold `--no-cache` run of the same tree. */
async function afterChange(files: Record<string, string>, change: Record<string, string>) {
  const dir = await writeTree({ "spec/a.yaml": SPEC, ...files });
  expect((await runCli(["generate"], dir)).code).toBe(0);
  const before = await outputs(dir);
  expect((await runCli(["generate"], dir)).stdout).toContain("nothing changed since the last run");
  for (const [name, text] of Object.entries(change)) await writeFile(path.join(dir, name), text);
  const run = await runCli(["generate"], dir);
  expect(run.code).toBe(0);
  const incremental = await outputs(dir);
  for (const name of Object.keys(incremental)) await rm(path.join(dir, "generated", name));
  expect((await runCli(["generate", "--no-cache"], dir)).code).toBe(0);
  return { before, incremental, cold: await outputs(dir) };
}

describe("generate: the Prettier config is never reused stale", () => {
  it.each([
    [
      "the output folder's .prettierrc.json",
      { "generated/.prettierrc.json": "{}" },
      { "generated/.prettierrc.json": '{ "semi": false }' },
    ],
    [
      "a .prettierrc.yaml above the project",
      { ".prettierrc.yaml": "printWidth: 80\n" },
      { ".prettierrc.yaml": "singleQuote: true\n" },
    ],
    [
      "package.json's prettier key",
      { "package.json": "{}" },
      { "package.json": '{ "prettier": { "useTabs": true } }' },
    ],
    [
      "an .editorconfig",
      { ".editorconfig": "root = true\n" },
      { ".editorconfig": "root = true\n[*]\nindent_style = tab\n" },
    ],
    [
      "what a prettier.config.mjs imports (code configs are resolved every run)",
      { "prettier.config.mjs": 'export { default } from "./shared.mjs";\n', "shared.mjs": "export default {};\n" },
      { "shared.mjs": "export default { semi: false };\n" },
    ],
  ])(
    "%s changes",
    async (_, files, change) => {
      const { before, incremental, cold } = await afterChange(files, change);
      expect(incremental).toEqual(cold);
      expect(incremental).not.toEqual(before);
    },
    60_000,
  );
});

describe("generate in-process (watch, the Vite plugin): a config edit between two runs", () => {
  it("formats the second run with the new config (Prettier's own config cache is cleared)", async () => {
    const dir = await writeTree({ "spec/a.yaml": SPEC, "generated/.prettierrc.json": "{}" });
    expect((await runInProcess(["generate", "--no-cache"], dir)).code).toBe(0);
    const before = await outputs(dir);
    await writeFile(path.join(dir, "generated/.prettierrc.json"), '{ "semi": false }');
    expect((await runInProcess(["generate", "--no-cache"], dir)).code).toBe(0);
    const after = await outputs(dir);
    for (const name of Object.keys(after)) await rm(path.join(dir, "generated", name));
    expect((await runCli(["generate", "--no-cache"], dir)).code).toBe(0);
    expect(after).toEqual(await outputs(dir));
    expect(after).not.toEqual(before);
  }, 60_000);
});

describe("prettierVersion", () => {
  it("is the version of the Prettier a require of prettier/package.json finds (the one generate formats with)", async () => {
    const { prettierVersion } = await import("../../generator/prettier-config.js");
    const { createRequire } = await import("node:module");
    const required = createRequire(new URL("../../generator/prettier-config.ts", import.meta.url))(
      "prettier/package.json",
    ) as { version: string };
    expect(prettierVersion()).toBe(required.version);
    expect(prettierVersion()).toBe((await import("prettier")).version);
  });
});
