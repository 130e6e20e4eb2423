// The partial incremental run (generator/partial.ts): after a change, only the changed spec files and the files tied
// to them are loaded and checked, the rest comes from the last run's record and output; what it writes, warns and
// reports is byte for byte a cold run's, for every kind of edit, for errors, and when its record is gone or damaged.
import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type GenerateReport } from "../../generator/index.js";
import { readTree, removeMethod, writeTree } from "./helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Catalogue files (each ties to no other: its own schemas and namespaces) and two default spec files tied by refs. */
const CATALOGUE = ["blog.categories.yaml", "blog.posts.yaml", "blog.tags.yaml", "members.members.yaml"];

async function catalogueTree(): Promise<string> {
  const files: Record<string, string> = {};
  for (const f of CATALOGUE) files[`spec/${f}`] = await readFile(path.join(ROOT, "catalogue", "spec", f), "utf8");
  return writeTree(files);
}

async function defaultSpecTree(): Promise<string> {
  const files: Record<string, string> = {};
  for (const f of (await readdir(path.join(ROOT, "spec"))).filter((n) => n.endsWith(".yaml")))
    files[`spec/${f}`] = await readFile(path.join(ROOT, "spec", f), "utf8");
  return writeTree(files);
}

/** The one file (or folder) of generate's cache whose name ends in `suffix`. */
async function cacheEntry(dir: string, suffix: string): Promise<string> {
  const cache = path.join(dir, "node_modules/.cache/wix-authz");
  const name = (await readdir(cache)).find((n) => n.endsWith(suffix));
  expect(name, `generate's cache holds a *${suffix}`).toBeDefined();
  return path.join(cache, name!);
}

async function edit(dir: string, file: string, from: string, to: string): Promise<void> {
  const p = path.join(dir, "spec", file);
  const text = await readFile(p, "utf8");
  expect(text, `${file} holds the text the change replaces`).toContain(from);
  await writeFile(p, text.replace(from, to));
}

/** What a run leaves and says: the output files, and the report's warnings (or the error it throws). */
async function outcome(dir: string): Promise<{ files?: Record<string, string>; warnings?: string; error?: string }> {
  let report: GenerateReport;
  try {
    report = await generate({ cwd: dir });
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
  return written(dir, report);
}

/** What a run left: the generated files and its warnings. */
async function written(
  dir: string,
  report: GenerateReport,
): Promise<{ files: Record<string, string>; warnings: string }> {
  return { files: await readTree(path.join(dir, "generated")), warnings: JSON.stringify(report.warnings) };
}

/** The same spec in a fresh folder (no output, no cache): what a cold run makes of it. */
async function coldOutcome(dir: string) {
  const spec = await readTree(path.join(dir, "spec"));
  return outcome(await writeTree(Object.fromEntries(Object.entries(spec).map(([f, t]) => [`spec/${f}`, t]))));
}

const categories = (from: string, to: string) => (dir: string) => edit(dir, "blog.categories.yaml", from, to);

const COPIED_METHOD = `  - name: countCategories
    namespace: blog.categories
    description: Counts the categories.
    http:
      method: POST
      path: /blog/v3/categories/count
    identities:
      - visitor
      - member
      - admin
    request:
      type: object
      properties:
        filter: { type: object, additionalProperties: true }
    response:
      type: object
      properties:
        count: { type: integer }
`;

/** Edits of one method or schema in one file, each of a different part the outputs are made of. */
const EDITS: [string, (dir: string) => Promise<void>][] = [
  ["a description", categories("    description: Creates a category.\n", "    description: Creates one category.\n")],
  [
    "identities (one the facts disagree with: a warning)",
    categories(
      "    identities:\n      - admin\n    permissions:\n      - BLOG.CREATE",
      "    identities:\n      - member\n      - admin\n    permissions:\n      - BLOG.CREATE",
    ),
  ],
  ["an HTTP path", categories("      path: /blog/v3/categories\n", "      path: /blog/v3/categories/new\n")],
  ["a permission", categories("      - BLOG.CREATE-CATEGORY\n", "      - BLOG.MANAGE-CATEGORY\n")],
  [
    "a deprecation",
    categories(
      "    description: Creates a category.\n",
      "    description: Creates a category.\n    deprecated: true\n",
    ),
  ],
  ["an added method", categories("  - name: deleteCategory\n", `${COPIED_METHOD}  - name: deleteCategory\n`)],
  ["a removed method", (dir) => removeMethod(dir, "blog.categories.yaml", "deleteCategory")],
  [
    "a shared schema's property",
    categories(
      "  BlogCategoriesAddressLocation:\n    type: object\n    properties:\n",
      "  BlogCategoriesAddressLocation:\n    type: object\n    properties:\n      altitude:\n        type: number\n",
    ),
  ],
];

/** Edits that make the spec wrong: within the file, and against a file the change is not tied to. */
const ERRORS: [string, (dir: string) => Promise<void>][] = [
  ["a $ref to no schema", categories('$ref: "#/schemas/BlogCategoriesField"', '$ref: "#/schemas/Nowhere"')],
  [
    "a visitor method members may not call",
    categories("    identities:\n      - admin\n", "    identities:\n      - visitor\n"),
  ],
  [
    "a route another file's method has",
    categories("      method: POST\n      path: /blog/v3/categories\n", "      method: POST\n      path: /v3/tags\n"),
  ],
  [
    "a schema name another file defines",
    categories(
      "  BlogCategoriesAddressLocation:\n",
      "  BlogTagsAddressLocation:\n    type: string\n  BlogCategoriesAddressLocation:\n",
    ),
  ],
  [
    "a schema named like another file's generated request type",
    categories(
      "  BlogCategoriesAddressLocation:\n",
      "  BlogTagsCreateTagRequest:\n    type: string\n  BlogCategoriesAddressLocation:\n",
    ),
  ],
  [
    "a method another file defines",
    categories(
      "  - name: createCategory\n    namespace: blog.categories\n",
      "  - name: createTag\n    namespace: blog.tags\n",
    ),
  ],
  [
    "a YAML syntax error",
    categories("    description: Creates a category.\n", "    description: [Creates a category.\n"),
  ],
];

describe("partial incremental generate", () => {
  it.each(EDITS)(
    "after %s checks only the changed file and writes and warns exactly as a cold run",
    async (_what, change) => {
      const dir = await catalogueTree();
      expect((await generate({ cwd: dir })).checkedFiles).toBe(CATALOGUE.length);
      await change(dir);
      const report = await generate({ cwd: dir });
      expect(report.checkedFiles).toBe(1);
      expect(report.written.length).toBeGreaterThan(0);
      expect(await written(dir, report)).toEqual(await coldOutcome(dir));
      // And the next change starts from what this run recorded.
      await edit(dir, "blog.tags.yaml", "  - name: createTag\n", "  - name: createTag\n    deprecated: true\n");
      const next = await generate({ cwd: dir });
      expect(next.checkedFiles).toBe(1);
      expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
    },
    60_000,
  );

  it.each(ERRORS)(
    "after %s fails exactly as a cold run, and the fixed spec generates as a cold run",
    async (_what, change) => {
      const dir = await catalogueTree();
      await generate({ cwd: dir });
      const original = await readFile(path.join(dir, "spec", "blog.categories.yaml"), "utf8");
      await change(dir);
      const failed = await outcome(dir);
      expect(failed.error).toBeDefined();
      expect(failed).toEqual(await coldOutcome(dir));
      await writeFile(path.join(dir, "spec", "blog.categories.yaml"), original);
      await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
      expect(await outcome(dir)).toEqual(await coldOutcome(dir));
    },
    60_000,
  );

  it("checks the files tied to a change: those referring to a schema it defines, as a cold run would", async () => {
    const dir = await defaultSpecTree();
    const files = (await readdir(path.join(dir, "spec"))).length;
    await generate({ cwd: dir });
    // common.yaml's schemas, and the files that refer to one of them.
    const common = await readFile(path.join(dir, "spec", "common.yaml"), "utf8");
    const names = [...common.matchAll(/^ {2}(\w+):$/gm)].map((m) => m[1]!);
    expect(names).toContain("Money");
    const referrers: string[] = [];
    for (const f of await readdir(path.join(dir, "spec"))) {
      const text = await readFile(path.join(dir, "spec", f), "utf8");
      if (f !== "common.yaml" && names.some((n) => text.includes(`#/schemas/${n}"`))) referrers.push(f);
    }
    expect(referrers.length).toBeGreaterThan(0);
    await edit(
      dir,
      "common.yaml",
      "      formattedAmount: { type: string }",
      "      formattedAmount: { type: [string, 'null'] }",
    );
    const report = await generate({ cwd: dir });
    expect(report.checkedFiles).toBe(referrers.length + 1);
    expect(report.checkedFiles).toBeLessThan(files);
    expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
  }, 60_000);

  it("reads nothing of an untouched file: its spec cache entry, changed, does not reach the output", async () => {
    const dir = await catalogueTree();
    await generate({ cwd: dir });
    // A consistent entry (checksum recomputed) for blog.tags.yaml with a description its text does not hold: a run
    // that read the entry would write it (incremental.test.ts shows the whole pipeline does).
    const specDir = await cacheEntry(dir, ".spec");
    let planted = 0;
    for (const name of await readdir(specDir)) {
      const text = await readFile(path.join(specDir, name), "utf8");
      const cut = text.indexOf("\n");
      if (!text.includes("Creates a new tag")) continue;
      const body = text.slice(cut + 1).replace("Creates a new tag", "Served from the spec cache");
      const [tag, key] = text.slice(0, cut).split(" ");
      await writeFile(
        path.join(specDir, name),
        `${tag} ${key} ${createHash("sha256").update(body).digest("hex")}\n${body}`,
      );
      planted++;
    }
    expect(planted).toBe(1);
    await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
    const report = await generate({ cwd: dir });
    expect(report.checkedFiles).toBe(1);
    expect((await readTree(path.join(dir, "generated")))["clients.d.ts"]).not.toContain("Served from the spec cache");
    expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
  }, 60_000);

  it.each([
    ["deleted", (file: string) => rm(file)],
    ["cut short", async (file: string) => writeFile(file, (await readFile(file, "utf8")).slice(0, 500))],
    [
      "edited (valid JSON, checksum left as it was)",
      async (file: string) =>
        writeFile(file, (await readFile(file, "utf8")).replace(/"digest":"[0-9a-f]{6}/, '"digest":"000000')),
    ],
  ])(
    "with the partial record %s runs the whole pipeline and writes what a cold run writes",
    async (_what, damage) => {
      const dir = await catalogueTree();
      await generate({ cwd: dir });
      const record = await cacheEntry(dir, ".partial.json");
      await damage(record);
      await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
      const report = await generate({ cwd: dir });
      expect(report.checkedFiles).toBe(CATALOGUE.length);
      expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
    },
    60_000,
  );

  it("keeps each output's statement ranges by its hash: a run writes those of the outputs it changed, and no others", async () => {
    const dir = await catalogueTree();
    await generate({ cwd: dir });
    const folder = await cacheEntry(dir, ".partial");
    const hashOf = async (file: string) =>
      createHash("sha256")
        .update(await readFile(path.join(dir, "generated", file)))
        .digest("hex");
    const listed = async () => (await readdir(folder)).sort();
    const expected = async () => [`${await hashOf("clients.d.ts")}.json`, `${await hashOf("types.d.ts")}.json`].sort();
    expect(await listed()).toEqual(await expected());
    const typesRanges = path.join(folder, `${await hashOf("types.d.ts")}.json`);
    const before = await stat(typesRanges, { bigint: true });
    // A description: clients.d.ts changes, types.d.ts does not (its ranges are neither read nor written again).
    await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
    const report = await generate({ cwd: dir });
    expect(report.path).toBe("partial");
    expect(report.written).toEqual(["clients.d.ts"]);
    expect(await listed()).toEqual(await expected());
    const after = await stat(typesRanges, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
    // A damaged ranges file is a miss: the whole pipeline runs, writes what a cold run writes, and every ranges file.
    await writeFile(path.join(folder, `${await hashOf("clients.d.ts")}.json`), "damaged");
    await edit(dir, "blog.categories.yaml", "Creates one category.", "Creates a category.");
    const whole = await generate({ cwd: dir });
    expect(whole.path).toBe("full");
    expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
    expect(await listed()).toEqual(await expected());
    await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
    expect((await generate({ cwd: dir })).path).toBe("partial");
  }, 60_000);

  it("checks a changed method against the identity facts from their route buckets, or whole when a bucket is damaged", async () => {
    for (const damage of [false, true]) {
      const dir = await catalogueTree();
      await generate({ cwd: dir });
      const facts = path.join(dir, "node_modules/.cache/wix-authz/facts");
      const buckets = (await readdir(facts, { withFileTypes: true })).find((d) => d.isDirectory())!;
      const names = await readdir(path.join(facts, buckets.name));
      expect(names.length).toBe(64);
      if (damage) for (const n of names) await writeFile(path.join(facts, buckets.name, n), "x");
      await EDITS[1]![1](dir);
      const report = await generate({ cwd: dir });
      expect(report.checkedFiles).toBe(1);
      expect(report.warnings.length).toBeGreaterThan(0);
      expect(await written(dir, report)).toEqual(await coldOutcome(dir));
    }
  }, 60_000);

  it("after an output was edited on disk runs the whole pipeline and writes what a cold run writes", async () => {
    const dir = await catalogueTree();
    await generate({ cwd: dir });
    const clients = path.join(dir, "generated", "clients.d.ts");
    await writeFile(clients, `${await readFile(clients, "utf8")}// edited by hand\n`);
    await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
    await generate({ cwd: dir });
    expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
  }, 60_000);
});

describe("spec files known by their stat (generator/stat-memo.ts)", () => {
  it("sees a change that keeps the size and sets the modification time back, once the stat was recorded", async () => {
    const dir = await catalogueTree();
    await generate({ cwd: dir });
    const file = path.join(dir, "spec", "blog.categories.yaml");
    const past = Math.floor(Date.now() / 1000) - 3600;
    await utimes(file, past, past);
    // Recorded only once settled: a file changed within a second of its stat is hashed again by the next run.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await generate({ cwd: dir })).cached).toBe(true);
    const stats = path.join(dir, "node_modules/.cache/wix-authz/spec-stats.json");
    expect(await readFile(stats, "utf8")).toContain("blog.categories.yaml");
    const before = await stat(file);
    const text = await readFile(file, "utf8");
    const changed = text.replace("Creates a category.", "Creates a categorY.");
    expect(changed.length).toBe(text.length);
    await writeFile(file, changed);
    await utimes(file, past, past);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    const report = await generate({ cwd: dir });
    expect(report.cached).toBe(false);
    expect((await readTree(path.join(dir, "generated")))["clients.d.ts"]).toContain("Creates a categorY.");
    expect(await readTree(path.join(dir, "generated"))).toEqual((await coldOutcome(dir)).files);
  }, 60_000);
});

describe("generate in one process, many times (watch mode, the Vite plugin)", () => {
  it("keeps no output text between runs", async () => {
    const { rememberedTexts } = await import("../../generator/text-hash.js");
    const dir = await catalogueTree();
    await generate({ cwd: dir });
    expect(rememberedTexts()).toBe(0);
    await edit(dir, "blog.categories.yaml", "Creates a category.", "Creates one category.");
    expect((await generate({ cwd: dir })).path).toBe("partial");
    expect(rememberedTexts()).toBe(0);
  }, 60_000);
});
