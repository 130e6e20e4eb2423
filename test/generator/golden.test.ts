// Golden files: the fixture spec's output is stored as generated (.d.ts, and .js modules) and compiled with TypeScript
// 5.9 and 7 under strict; the .js modules with checkJs, which holds every method table to `@satisfies {MethodTable}`.
// Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (then review the diff).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderFiles } from "../../generator/index.js";
import { COMPILERS, ROOT, typeCheck, typeProject, type CompilerName } from "../types/tsc.js";

const GOLDEN = path.join(ROOT, "test/golden/fixture");

const USAGE = `import { createVisitorClient, type VisitorClient } from "../../test/golden/fixture/visitor.js";
import type { MemberClient } from "../../test/golden/fixture/member.js";
import type { AdminClient } from "../../test/golden/fixture/admin.js";
import type { Item } from "../../test/golden/fixture/types.js";
declare const member: MemberClient;
declare const admin: AdminClient;
export async function use(visitor: VisitorClient): Promise<string[]> {
  const { items } = await visitor.shop.catalog.items.listItems({ filter: { kind: "BOOK" }, limit: 5 });
  const v = await member.shop.catalog.items.getVariant({ itemId: "a", variantId: 1 });
  await admin.shop.admin.purge();
  const first: Item | undefined = items[0];
  const kind: "BOOK" | "MUSIC-CD" | "it's" | undefined = first?.kind;
  return [String(kind), String(v.variant?.["x"]), first?.["content-type"] ?? "", first?.price?.currency ?? ""];
}
export const make = () => createVisitorClient({ clientId: "c" });
`;

describe("golden output", () => {
  it("matches the stored golden files", async () => {
    const { files } = await renderFiles({ cwd: ROOT, spec: "test/fixtures/golden-spec", out: "test/golden/fixture" });
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(GOLDEN, { recursive: true });
      for (const f of files) await writeFile(path.join(GOLDEN, f.path), f.content);
    }
    // The same file set both ways: a file the generator stopped emitting (or a stray golden file) fails here.
    expect(files.map((f) => f.path).sort()).toEqual((await readdir(GOLDEN)).sort());
    for (const f of files) expect(f.content, f.path).toBe(await readFile(path.join(GOLDEN, f.path), "utf8"));
  });

  it.each(Object.keys(COMPILERS) as CompilerName[])(
    "golden files and the committed generated/ compile under strict with %s",
    async (compiler) => {
      const dir = await typeProject({ "usage.ts": USAGE }, ["test/golden/fixture", "generated"]);
      expect(await typeCheck(dir, compiler)).toEqual([]);
    },
  );

  it.each(Object.keys(COMPILERS) as CompilerName[])(
    "the .js modules (factories, method tables) type-check with checkJs under strict with %s",
    async (compiler) => {
      const modules = ["test/golden/fixture/*.js", "generated/*.js"];
      const dir = await typeProject({}, modules, { allowJs: true, checkJs: true });
      expect(await typeCheck(dir, compiler)).toEqual([]);
    },
  );

  it("checkJs refuses a table entry MethodTable does not allow (the @satisfies tag is read)", async () => {
    const table = await readFile(path.join(GOLDEN, "site-methods.shop.js"), "utf8");
    const broken = table.replace('method: "GET"', 'method: "GOT"');
    expect(broken).not.toBe(table);
    const dir = await typeProject({ "site-methods.shop.js": broken }, [], { allowJs: true, checkJs: true });
    const errors = await typeCheck(dir, "TypeScript 5.9");
    expect(errors.map((e) => [e.file, e.code])).toEqual([["site-methods.shop.js", "TS2322"]]);
  });
});
