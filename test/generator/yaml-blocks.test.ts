// yaml-blocks: a changed spec file's data made from the last run's data and its changed parts, each parsed alone,
// equals a whole parse of the new text (in the canonical form the cache keeps), for every kind of edit; a text it
// cannot cut exactly is not cut (the file is then parsed whole).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFast } from "../../generator/load.js";
import { canonicalValue } from "../../generator/normalize.js";
import { assembleData, blockHashes, splitBlocks } from "../../generator/yaml-blocks.js";
import { withoutMethod } from "./helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CATALOGUE = path.join(ROOT, "catalogue", "spec");
const parse = (text: string) => parseFast("spec.yaml", text);

/** What a partial run makes of `after` given the last run's `before`: the assembled data, canonical. */
function assembled(before: string, after: string): unknown {
  const blocks = blockHashes(before);
  expect(blocks, "the last text is cut into parts").toBeDefined();
  const data = assembleData(after, { data: canonicalValue(parse(before)), blocks: blocks! }, parse);
  return data === undefined ? undefined : canonicalValue(data);
}

const EDITS: [string, (t: string) => string][] = [
  ["a description", (t) => t.replace("Creates a category.", "Creates one category.")],
  [
    "a method added",
    (t) =>
      t.replace(
        "  - name: deleteCategory\n",
        "  - name: countCategories\n    namespace: blog.categories\n    description: Counts.\n    http: { method: POST, path: /count }\n    identities: [admin]\n    request: { type: object }\n    response: { type: object }\n  - name: deleteCategory\n",
      ),
  ],
  ["a method removed", (t) => withoutMethod(t, "deleteCategory")],
  [
    "a method moved",
    (t) => {
      const start = t.indexOf("  - name: deleteCategory\n");
      const end = t.indexOf("  - name: ", start + 1);
      return t.slice(0, start) + t.slice(end) + t.slice(start, end);
    },
  ],
  [
    "a schema's property",
    (t) =>
      t.replace(
        "  BlogCategoriesAddressLocation:\n    type: object\n    properties:\n",
        "  BlogCategoriesAddressLocation:\n    type: object\n    properties:\n      altitude: { type: number }\n",
      ),
  ],
  ["a schema renamed", (t) => t.replace("  BlogCategoriesAddressLocation:\n", "  BlogCategoriesPlace:\n")],
  ["a comment between parts", (t) => t.replace("  - name: deleteCategory\n", "# a note\n  - name: deleteCategory\n")],
  ["every method removed (an empty section is null)", (t) => t.slice(0, t.indexOf("methods:\n") + "methods:\n".length)],
];

describe("yaml-blocks", () => {
  it("cuts every catalogue file into its parts", async () => {
    for (const f of (await readdir(CATALOGUE)).filter((n) => n.endsWith(".yaml")))
      expect(splitBlocks(await readFile(path.join(CATALOGUE, f), "utf8")), f).toBeDefined();
  });

  it.each(EDITS)("after %s, makes the data a whole parse makes", async (_what, edit) => {
    const before = await readFile(path.join(CATALOGUE, "blog.categories.yaml"), "utf8");
    const after = edit(before);
    expect(after).not.toBe(before);
    expect(assembled(before, after)).toEqual(canonicalValue(parse(after)));
  });

  it.each([
    [
      "two schemas of one name",
      (t: string) =>
        t.replace(
          "  BlogCategoriesAddressLocation:\n",
          "  BlogCategoriesField:\n    type: string\n  BlogCategoriesAddressLocation:\n",
        ),
    ],
    [
      "a part that does not parse alone",
      (t: string) => t.replace("    description: Creates a category.\n", "    description: [Creates a category.\n"),
    ],
  ])("with %s, makes nothing (the file is parsed whole)", async (_what, edit) => {
    const before = await readFile(path.join(CATALOGUE, "blog.categories.yaml"), "utf8");
    expect(assembled(before, edit(before))).toBeUndefined();
  });

  it.each([
    ["an anchor", "schemas:\n  A: &a { type: string }\n  B: *a\n"],
    ["a tab", "schemas:\n  A:\n\ttype: string\n"],
    ["CR line ends", "schemas:\r\n  A: { type: string }\r\n"],
    ["another top-level key", "version: 1\nschemas:\n  A: { type: string }\n"],
    ["a quoted schema name", 'schemas:\n  "A": { type: string }\n'],
    ["a one-space indent", "schemas:\n A: { type: string }\n"],
    ["a section given twice", "schemas:\n  A: { type: string }\nschemas:\n  B: { type: string }\n"],
    ["a method not a list item", "methods:\n  name: x\n"],
  ])("does not cut a text with %s", (_what, text) => {
    expect(splitBlocks(text)).toBeUndefined();
  });
});
