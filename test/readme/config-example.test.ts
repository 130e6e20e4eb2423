// The README's wix-authz.config.json example is a config the CLI accepts (checked against config/schema.json), and
// its key table names every key the schema has.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { configSchema, readProjectConfig } from "../../cli/config.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

it("the config example is valid and the key table covers the schema", async () => {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### The config file"));
  const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  expect(example).toBeDefined();
  const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-config-example-"));
  try {
    await writeFile(path.join(dir, "wix-authz.config.json"), example!);
    const config = await readProjectConfig(path.join(dir, "wix-authz.config.json"), dir);
    expect(config.spec).toEqual([path.join(dir, "spec/wix"), path.join(dir, "spec/app")]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const table = section.slice(0, section.indexOf("Decisions behind it"));
  for (const key of Object.keys(configSchema().properties).filter((k) => k !== "$schema"))
    expect(table, key).toContain(`| \`${key}`);
});
