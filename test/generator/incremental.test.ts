// Incremental generation: a run that reuses the last run's work (generate's cache under node_modules/.cache/wix-authz:
// parsed spec files, formatted statements) writes byte for byte, and reports exactly, what a cold run does; a deleted or
// damaged cache only costs time.
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { readTree, removeMethod, runCli, writeTree } from "./helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SPEC_FILES = ["bookings.yaml", "common.yaml", "ecom.yaml", "members.yaml", "stores.yaml"];

async function defaultSpecTree(): Promise<string> {
  const files: Record<string, string> = {};
  for (const f of SPEC_FILES) files[`spec/${f}`] = await readFile(path.join(ROOT, "spec", f), "utf8");
  return writeTree(files);
}

const edit = async (dir: string, file: string, from: string, to: string) => {
  const p = path.join(dir, "spec", file);
  const text = await readFile(p, "utf8");
  expect(text, `${file} holds the text the change replaces`).toContain(from);
  await writeFile(p, text.replace(from, to));
};

const ADDED = `  - name: countProducts
    namespace: stores.products
    description: Counts the products that match a filter, for a pager that shows how many pages there are.
    http: { method: POST, path: /stores-reader/v1/products/count }
    identities: [visitor, member, admin]
    permissions: [WIX_STORES.READ_PRODUCTS]
    request: { type: object, properties: { filter: { type: object, additionalProperties: true } } }
    response: { type: object, properties: { count: { type: integer } } }
`;

const CHANGES: [string, (dir: string) => Promise<void>][] = [
  ["a changed description", (d) => edit(d, "stores.yaml", "Retrieves a product", "Fetches one product")],
  ["an added method", (d) => edit(d, "stores.yaml", "  - name: getProduct\n", `${ADDED}  - name: getProduct\n`)],
  ["a removed method", (d) => removeMethod(d, "stores.yaml", "getProduct")],
  [
    "a changed shared schema",
    (d) =>
      edit(
        d,
        "common.yaml",
        "      formattedAmount: { type: string }",
        "      formattedAmount: { type: [string, 'null'] }",
      ),
  ],
];

/** The memo file of an output folder (generate's cache holds the run record and this one). */
async function memoFile(dir: string): Promise<string> {
  const cache = path.join(dir, "node_modules/.cache/wix-authz");
  const name = (await readdir(cache)).find((n) => n.endsWith(".format.json"));
  expect(name, "the run left its formatted statements in the cache").toBeDefined();
  return path.join(cache, name!);
}

/** The partial record of an output folder (generator/partial.ts). */
async function partialRecordFile(dir: string): Promise<string> {
  const cache = path.join(dir, "node_modules/.cache/wix-authz");
  const name = (await readdir(cache)).find((n) => n.endsWith(".partial.json"));
  expect(name, "the run left its partial record in the cache").toBeDefined();
  return path.join(cache, name!);
}

/** A fresh folder (no output, no cache) with the same spec. */
async function coldCopy(dir: string): Promise<string> {
  const spec = await readTree(path.join(dir, "spec"));
  return writeTree(Object.fromEntries(Object.entries(spec).map(([f, t]) => [`spec/${f}`, t])));
}

/** The same spec generated cold (no cache) in a fresh folder. */
async function coldOutput(dir: string): Promise<Record<string, string>> {
  const cold = await coldCopy(dir);
  await generate({ cwd: cold, noCache: true });
  return readTree(path.join(cold, "generated"));
}

/** The spec cache's entries of an output folder (one per spec file), each with its parsed body. */
async function specEntries(dir: string): Promise<{ file: string; head: string; data: { methods?: unknown[] } }[]> {
  const cache = path.join(dir, "node_modules/.cache/wix-authz");
  const folder = (await readdir(cache)).find((n) => n.endsWith(".spec"));
  expect(folder, "the run left its parsed spec files in the cache").toBeDefined();
  const names = (await readdir(path.join(cache, folder!))).filter((n) => n.endsWith(".json"));
  return Promise.all(
    names.map(async (n) => {
      const file = path.join(cache, folder!, n);
      const text = await readFile(file, "utf8");
      const cut = text.indexOf("\n");
      return { file, head: text.slice(0, cut), data: JSON.parse(text.slice(cut + 1)) };
    }),
  );
}

/** The output cache's record of an output folder: per output file, the hash of its inputs and of its text. */
async function outputsRecord(dir: string) {
  const cache = path.join(dir, "node_modules/.cache/wix-authz");
  const name = (await readdir(cache)).find((n) => n.endsWith(".outputs.json"));
  expect(name, "the run recorded its outputs' inputs").toBeDefined();
  const file = path.join(cache, name!);
  const data = JSON.parse(await readFile(file, "utf8")) as { files: Record<string, { inputs: string; text: string }> };
  return { file, data };
}

/** A `generate` in-process through the CLI: what a user sees (the report, every diagnostic as printed). */
const cliGenerate = async (dir: string) => {
  const { code, stderr } = await runCli(["generate"], dir);
  return { code, stderr };
};

describe("incremental generate", () => {
  it.each(CHANGES)(
    "after %s writes exactly what a cold run writes",
    async (_what, change) => {
      const dir = await defaultSpecTree();
      await generate({ cwd: dir });
      const entries = Object.keys(JSON.parse(await readFile(await memoFile(dir), "utf8")).entries);
      expect(entries.length).toBeGreaterThan(10);
      await change(dir);
      const report = await generate({ cwd: dir });
      expect(report.cached).toBe(false);
      expect(report.written.length).toBeGreaterThan(0);
      expect(await readTree(path.join(dir, "generated"))).toEqual(await coldOutput(dir));
    },
    60_000,
  );

  it.each([
    ["deleted", (file: string) => rm(path.dirname(file), { recursive: true, force: true })],
    ["cut short", async (file: string) => writeFile(file, (await readFile(file, "utf8")).slice(0, 200))],
    [
      "edited (a statement's text replaced, the file still valid JSON)",
      async (file: string) => {
        const record = JSON.parse(await readFile(file, "utf8"));
        for (const k of Object.keys(record.entries)) record.entries[k] = "export type Damaged = 1;\n";
        await writeFile(file, JSON.stringify(record));
      },
    ],
  ])(
    "with the cache %s between runs still writes what a cold run writes",
    async (_what, damage) => {
      const dir = await defaultSpecTree();
      await generate({ cwd: dir });
      await damage(await memoFile(dir));
      await CHANGES[0]![1](dir);
      await generate({ cwd: dir });
      const out = await readTree(path.join(dir, "generated"));
      expect(Object.values(out).join("")).not.toContain("Damaged");
      expect(out).toEqual(await coldOutput(dir));
    },
    60_000,
  );

  it("reads an unchanged spec file back from the cache instead of parsing it again", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    expect((await specEntries(dir)).length).toBe(SPEC_FILES.length);
    // A consistent entry (checksum recomputed) with a description no spec file holds: the next run trusts it.
    const stores = (await specEntries(dir)).find((e) => JSON.stringify(e.data).includes("Retrieves a product"))!;
    const body = JSON.stringify(stores.data).replace("Retrieves a product", "Served from the spec cache");
    const [tag, key] = stores.head.split(" ");
    const sum = createHash("sha256").update(body).digest("hex");
    await writeFile(stores.file, `${tag} ${key} ${sum}\n${body}`);
    // Without the partial record, the run goes down the whole pipeline (a partial run would read no stores file).
    await rm(await partialRecordFile(dir));
    await edit(dir, "members.yaml", "Retrieves the currently logged-in member.", "Reads the logged-in member.");
    await generate({ cwd: dir });
    expect((await readTree(path.join(dir, "generated")))["clients.d.ts"]).toContain("Served from the spec cache");
  }, 60_000);

  it("keeps each parsed spec file in the model's canonical form, with the $refs it holds", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    const entries = await specEntries(dir);
    const keysSorted = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.every(keysSorted)
        : typeof value !== "object" || value === null
          ? true
          : Object.keys(value).join("\0") === Object.keys(value).sort().join("\0") &&
            Object.values(value).every(keysSorted);
    for (const entry of entries) {
      const body = entry.data as unknown as { data: unknown; refs: string[] };
      expect(keysSorted(body.data), entry.file).toBe(true);
      const refs = [...JSON.stringify(body.data).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
      expect([...body.refs].sort(), entry.file).toEqual([...new Set(refs)].sort());
    }
    expect(entries.some((e) => (e.data as unknown as { refs: string[] }).refs.includes("#/schemas/Money"))).toBe(true);
  }, 60_000);

  it("checks again from the texts when the rules fail on cached files: the texts decide, as in a cold run", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    // A consistent entry (checksum recomputed) whose data, unlike its file's text, holds a $ref that resolves nowhere.
    const entry = (await specEntries(dir)).find((e) => JSON.stringify(e.data).includes('"#/schemas/Money"'))!;
    const body = JSON.stringify(entry.data).replaceAll('"#/schemas/Money"', '"#/schemas/Nowhere"');
    const [tag, key] = entry.head.split(" ");
    await writeFile(entry.file, `${tag} ${key} ${createHash("sha256").update(body).digest("hex")}\n${body}`);
    await edit(dir, "members.yaml", "Retrieves the currently logged-in member.", "Reads the logged-in member.");
    const incremental = await cliGenerate(dir);
    expect(incremental.stderr).not.toContain("SPEC_UNRESOLVED_REF");
    expect(incremental.code).toBe(0);
    expect(await readTree(path.join(dir, "generated"))).toEqual(await coldOutput(dir));
  }, 60_000);

  it.each([
    ["deleted", (file: string) => rm(path.dirname(file), { recursive: true, force: true })],
    ["cut short", async (file: string) => writeFile(file, (await readFile(file, "utf8")).slice(0, 200))],
    [
      "edited (its data changed, the checksum left as it was)",
      async (file: string) =>
        writeFile(file, (await readFile(file, "utf8")).replaceAll("Retrieves a product", "Damaged product")),
    ],
  ])(
    "with the parsed spec files %s between runs still writes what a cold run writes",
    async (_what, damage) => {
      const dir = await defaultSpecTree();
      await generate({ cwd: dir });
      for (const entry of await specEntries(dir)) await damage(entry.file);
      await edit(dir, "members.yaml", "Retrieves the currently logged-in member.", "Reads the logged-in member.");
      await generate({ cwd: dir });
      const out = await readTree(path.join(dir, "generated"));
      expect(Object.values(out).join("")).not.toContain("Damaged");
      expect(out).toEqual(await coldOutput(dir));
    },
    60_000,
  );

  it("reports a cross-file error, positioned in an unchanged (cached) file, exactly as a cold run", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    // stores.yaml now defines a schema common.yaml (unchanged, served from the cache) defines too.
    await edit(dir, "stores.yaml", "schemas:\n", "schemas:\n  Money: { type: object }\n");
    const incremental = await cliGenerate(dir);
    expect(incremental.code).toBe(1);
    expect(incremental.stderr).toContain("SPEC_DUPLICATE_SCHEMA");
    expect(incremental).toEqual(await cliGenerate(await coldCopy(dir)));
  }, 60_000);

  it("repeats the warnings of an unchanged (cached) file against the identity facts exactly as a cold run", async () => {
    const dir = await defaultSpecTree();
    await edit(
      dir,
      "members.yaml",
      "identities: [admin]\n    permissions: [MEMBERS.MEMBER_APPROVE]",
      "identities: [member, admin]\n    permissions: [MEMBERS.MEMBER_APPROVE]",
    );
    await generate({ cwd: dir });
    await CHANGES[0]![1](dir);
    const incremental = await cliGenerate(dir);
    expect(incremental.code).toBe(0);
    expect(incremental.stderr).toContain("spec/members.yaml:");
    expect(incremental.stderr).toContain("warning SPEC_IDENTITY_DISAGREES_WITH_WIX");
    expect(incremental).toEqual(await cliGenerate(await coldCopy(dir)));
  }, 60_000);

  it("takes an output whose inputs did not change (types.d.ts after a changed description) as the last run wrote it", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    // types.d.ts holds no method description: after one changes, the file is taken from the last run, not made again.
    // Seen here by a consistent hand edit (the record's hash updated): a run that made the file would undo it.
    const types = path.join(dir, "generated", "types.d.ts");
    const edited = `${await readFile(types, "utf8")}// kept\n`;
    await writeFile(types, edited);
    const record = await outputsRecord(dir);
    record.data.files["types.d.ts"]!.text = createHash("sha256").update(edited).digest("hex");
    await writeFile(record.file, JSON.stringify(record.data));
    await CHANGES[0]![1](dir);
    const report = await generate({ cwd: dir });
    expect(report.written).toEqual(["clients.d.ts"]);
    expect(await readFile(types, "utf8")).toBe(edited);
  }, 60_000);

  it("makes an output again when it was edited on disk since the last run", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    const types = path.join(dir, "generated", "types.d.ts");
    await writeFile(types, `${await readFile(types, "utf8")}// edited by hand\n`);
    await CHANGES[0]![1](dir);
    await generate({ cwd: dir });
    expect(await readTree(path.join(dir, "generated"))).toEqual(await coldOutput(dir));
  }, 60_000);

  it("keeps the formatted statements of an output it takes whole, for the run that changes it", async () => {
    const dir = await defaultSpecTree();
    await generate({ cwd: dir });
    const memo = async () => JSON.parse(await readFile(await memoFile(dir), "utf8"));
    const before: string[] = (await memo()).files["types.d.ts"];
    expect(before.length).toBeGreaterThan(0);
    await CHANGES[0]![1](dir);
    await generate({ cwd: dir });
    expect((await memo()).files["types.d.ts"]).toEqual(before);
    expect(Object.keys((await memo()).entries)).toEqual(expect.arrayContaining(before));
  }, 60_000);
});
