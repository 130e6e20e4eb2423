// Determinism: the same spec gives byte-identical output, whichever file holds what, in whatever key or list order.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { generatedFiles } from "../support/generated-files.js";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { mulberry32 as rng } from "../../emulator/prng.js";
import { renderFiles } from "../../generator/index.js";
import { parseSpecTexts } from "../../generator/load.js";
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

type Data = { schemas?: Record<string, unknown>; methods?: Method[] };
type Method = { namespace: string; name: string; identities?: string[]; permissions?: string[] };

/** A copy with every mapping's keys in a random order (arrays keep theirs: enum and oneOf order carry meaning). */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([k, v]) => [k, shuffleKeys(v, random)] as [string, unknown]);
  shuffle(entries, random);
  return Object.fromEntries(entries);
}

/**
 * The same spec under the same file names (the header lists them), but every schema and method moved to a random
 * file, in a random order: what the loader reads first, and from which file, changes. Identity and permission
 * lists, and every mapping's keys, are shuffled too; none of it changes the meaning.
 */
function redistribute(spec: Record<string, string>, seed: number): Record<string, string> {
  const random = rng(seed);
  const data = Object.values(spec).map((t) => parse(t) as Data);
  const schemas = data.flatMap((d) => Object.entries(d.schemas ?? {}));
  const methods = data.flatMap((d) => d.methods ?? []);
  shuffle(schemas, random);
  shuffle(methods, random);
  const names = Object.keys(spec);
  const files = names.map((): Required<Data> => ({ schemas: {}, methods: [] }));
  schemas.forEach(([name, schema]) => (files[Math.floor(random() * files.length)]!.schemas[name] = schema));
  for (const m of methods) {
    const copy = { ...m, identities: [...(m.identities ?? [])], permissions: [...(m.permissions ?? [])] };
    shuffle(copy.identities, random);
    shuffle(copy.permissions, random);
    if (!m.permissions) delete (copy as Partial<Method>).permissions;
    files[Math.floor(random() * files.length)]!.methods.push(copy);
  }
  return Object.fromEntries(names.map((n, i) => [n, stringify(shuffleKeys(files[i], random))]));
}

/** Which file holds each schema and method, in the order the loader meets them. */
function layout(spec: Record<string, string>): string[] {
  return Object.keys(spec)
    .sort()
    .flatMap((file) => {
      const d = (parse(spec[file]!) ?? {}) as Data;
      return [
        ...Object.keys(d.schemas ?? {}).map((s) => `${file} schema ${s}`),
        ...(d.methods ?? []).map((m) => `${file} method ${m.namespace}.${m.name}`),
      ];
    });
}

describe("determinism", () => {
  it("generating twice gives identical files, and the second run writes nothing", async () => {
    const spec = await defaultSpec();
    const dir = await writeTree(Object.fromEntries(Object.entries(spec).map(([f, t]) => [`spec/${f}`, t])));
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const first = await readTree(path.join(dir, "generated"));
    const second = await runCli(["generate"], dir);
    expect(second.stdout).toContain(`0 files written, ${Object.keys(first).length} unchanged`);
    expect(await readTree(path.join(dir, "generated"))).toEqual(first);
  });

  it.each([1, 2, 3])(
    "schemas and methods moved across files, reordered, with shuffled keys: identical output (seed %i)",
    async (seed) => {
      const spec = await defaultSpec();
      const moved = redistribute(spec, seed);
      const original = layout(spec);
      // The loader really meets other content in another order; the set of schemas and methods is unchanged.
      expect(layout(moved)).not.toEqual(original);
      expect(
        layout(moved)
          .map((l) => l.split(" ").slice(1).join(" "))
          .sort(),
      ).toEqual(original.map((l) => l.split(" ").slice(1).join(" ")).sort());
      expect(original.length).toBeGreaterThan(20);
      const toTree = (files: Record<string, string>) =>
        writeTree(Object.fromEntries(Object.entries(files).map(([f, t]) => [`spec/${f}`, t])));
      const a = await renderFiles({ cwd: await toTree(spec) });
      const b = await renderFiles({ cwd: await toTree(moved) });
      const tops = a.model.methods.filter((m) => m.identities.some((i) => i !== "admin")).map((m) => m.namespace[0]!);
      expect(a.files.map((f) => f.path).sort()).toEqual(generatedFiles([...new Set(tops)]));
      const contents = (files: typeof a.files) => Object.fromEntries(files.map((f) => [f.path, f.content]));
      expect(contents(b.files)).toEqual(contents(a.files));
      expect(b.files.map((f) => f.path)).toEqual(a.files.map((f) => f.path));
    },
  );

  it("the loader hands the files on sorted by name, whatever order it is given them in", async () => {
    const inputs = Object.entries(await defaultSpec()).map(([f, text]) => ({ file: `spec/${f}`, text }));
    const names = inputs.map((i) => i.file).sort();
    for (const order of [[...inputs].reverse(), [...inputs.slice(2), ...inputs.slice(0, 2)]]) {
      expect(order.map((i) => i.file)).not.toEqual(names);
      expect(parseSpecTexts(order).files.map((f) => f.file)).toEqual(names);
    }
  });

  it("the committed generated/ matches spec/ (wix-authz check)", async () => {
    const { code, stdout, stderr } = await runCli(["check"], ROOT);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("generated is up to date with spec");
  });
});
