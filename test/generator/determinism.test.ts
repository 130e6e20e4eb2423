// Determinism: the same spec gives byte-identical output, whatever the file order, key order or list order.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isSeq, parseDocument, visit } from "yaml";
import { mulberry32 as rng } from "../../emulator/prng.js";
import { renderFiles } from "../../generator/index.js";
import { readTree, runCli, writeTree } from "./helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function defaultSpec(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(path.join(ROOT, "spec"))).filter((n) => n.endsWith(".yaml")))
    out[name] = await readFile(path.join(ROOT, "spec", name), "utf8");
  return out;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** Shuffles every mapping's keys, and the order of the `methods` list, keeping the meaning of the file. */
function shuffleYaml(text: string, seed: number): string {
  const doc = parseDocument(text);
  const random = rng(seed);
  visit(doc, {
    Map(_key, node) {
      shuffle(node.items, random);
    },
    Pair(_key, pair) {
      if (isSeq(pair.value) && String((pair.key as { value?: unknown })?.value) === "methods")
        shuffle(pair.value.items, random);
    },
  });
  if (!isMap(doc.contents)) throw new Error("spec file is not a mapping");
  return doc.toString();
}

describe("determinism", () => {
  it("generating twice gives identical files, and the second run writes nothing", async () => {
    const spec = await defaultSpec();
    const dir = await writeTree(Object.fromEntries(Object.entries(spec).map(([f, t]) => [`spec/${f}`, t])));
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const first = await readTree(path.join(dir, "generated"));
    const second = await runCli(["generate"], dir);
    expect(second.stdout).toContain("0 files written, 6 unchanged");
    expect(await readTree(path.join(dir, "generated"))).toEqual(first);
  });

  it.each([1, 2, 3])("shuffled keys, method order and file order give identical output (seed %i)", async (seed) => {
    const spec = await defaultSpec();
    const baseDir = await writeTree(Object.fromEntries(Object.entries(spec).map(([f, t]) => [`spec/${f}`, t])));
    const shuffledEntries = Object.entries(spec).map(
      ([f, t], i) => [`spec/${f}`, shuffleYaml(t, seed * 100 + i)] as [string, string],
    );
    shuffle(shuffledEntries, rng(seed));
    const shuffledDir = await writeTree(Object.fromEntries(shuffledEntries));
    expect(Object.values(Object.fromEntries(shuffledEntries))).not.toEqual(Object.values(spec).map(String));
    const a = await renderFiles({ cwd: baseDir });
    const b = await renderFiles({ cwd: shuffledDir });
    expect(b.files).toEqual(a.files);
  });

  it("the committed generated/ matches spec/ (wix-authz check)", async () => {
    const { code, stdout, stderr } = await runCli(["check"], ROOT);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("generated is up to date with spec");
  });
});
