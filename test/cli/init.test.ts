// `wix-authz init`: a catalogue selection copied with exactly the shared schemas it needs, the config and scripts
// written (nothing existing replaced without --force, nothing half-written), and the prompt in a real terminal.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { copySelection, readCatalogue, schemaClosure, selectMethods } from "../../cli/catalogue.js";
import { loadApiModel } from "../../generator/load-model.js";
import { runCli, tempDir, writeTree } from "../generator/helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const catalogue = readCatalogue();

async function project(files: Record<string, string> = { "package.json": '{\n  "name": "app"\n}\n' }) {
  return writeTree(files);
}

describe("wix-authz init", () => {
  it("copies whole domains and single methods, writes the config and the scripts, prints the next command", async () => {
    const dir = await project();
    const r = await runCli(["init", "--domain", "members", "--method", "stores.productsV3.queryProducts"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("wrote wix-authz.config.json and spec/wix/");
    expect(r.stdout).toContain("Next: npm run wix:generate");
    const config = JSON.parse(await readFile(path.join(dir, "wix-authz.config.json"), "utf8"));
    expect(config).toEqual({
      $schema: expect.stringMatching(/config\/schema\.json$/),
      spec: ["spec/wix"],
      out: "generated",
      catalogue: { dir: "spec/wix", select: ["members", "stores.productsV3.queryProducts"] },
    });
    const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
    expect(pkg.scripts).toEqual({ "wix:generate": "wix-authz generate", "wix:check": "wix-authz check" });
    const model = await loadApiModel("spec/wix", dir);
    const members = catalogue.files.filter((f) => f.namespaces[0]!.startsWith("members.")).flatMap((f) => f.methods);
    expect(model.methods.map((m) => m.id).sort()).toEqual([...members, "stores.productsV3.queryProducts"].sort());
    // Exactly the schemas the selected methods need, no more.
    const needed = schemaClosure(catalogue, new Set([...members, "stores.productsV3.queryProducts"]));
    expect(model.schemas.map((s) => s.name).sort()).toEqual([...needed].sort());
    const products = catalogue.files.find((f) => f.name === "stores.productsV3.yaml")!;
    expect(needed.size).toBeLessThan(products.schemas.length + 50);
    expect(model.schemas.filter((s) => s.source.file === "spec/wix/stores.productsV3.yaml").length).toBeLessThan(
      products.schemas.length,
    );
    // The editor comment names the format schema where it is (here: this package's, as no wix-authz is installed).
    const text = await readFile(path.join(dir, "spec/wix/stores.productsV3.yaml"), "utf8");
    const ref = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)![1]!;
    expect(path.resolve(dir, "spec/wix", ref)).toBe(path.join(ROOT, "spec/schema.json"));
    const gen = await runCli(["generate"], dir);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain(`(${model.methods.length} methods)`);
  });

  it("a file copied whole keeps the catalogue's text below the header", async () => {
    const dir = await project();
    expect((await runCli(["init", "--package", "@wix/auto_sdk_members_members"], dir)).code).toBe(0);
    const copy = await readFile(path.join(dir, "spec/wix/members.members.yaml"), "utf8");
    const original = catalogue.files.find((f) => f.name === "members.members.yaml")!.text;
    expect(copy.split("\n").slice(2).join("\n")).toBe(original.split("\n").slice(1).join("\n"));
  });

  it("a method's schemas come along across files ($ref closure), nothing else", async () => {
    const dir = await writeTree({
      "a.yaml":
        "# yaml-language-server: $schema=./schema.json\n# Imported from @wix/auto_sdk_a_a@1.0.0 by x\nschemas:\n  AThing: { type: object, properties: { b: { $ref: '#/schemas/BPart' } } }\n  AUnused: { type: object }\nmethods:\n  - { name: getA, namespace: a.a, http: { method: GET, path: /a }, identities: [admin], request: { type: object }, response: { $ref: '#/schemas/AThing' } }\n  - { name: listA, namespace: a.a, http: { method: GET, path: /as }, identities: [admin], request: { type: object }, response: { type: object } }\n",
      "b.yaml":
        "# yaml-language-server: $schema=./schema.json\n# Imported from @wix/auto_sdk_b_b@1.0.0 by x\nschemas:\n  BPart: { type: object, properties: { c: { $ref: '#/schemas/BLeaf' } } }\n  BLeaf: { type: string }\n  BOther: { type: number }\nmethods:\n  - { name: getB, namespace: b.b, http: { method: GET, path: /b }, identities: [admin], request: { type: object }, response: { $ref: '#/schemas/BOther' } }\n",
    });
    const cat = readCatalogue(dir);
    const copies = copySelection(cat, selectMethods(cat, ["a.a.getA"]), "../x/schema.json", "note");
    const data = Object.fromEntries(copies.map((c) => [c.name, parseDocument(c.text).toJS()]));
    expect(Object.keys(data["a.yaml"].schemas)).toEqual(["AThing"]);
    expect(data["a.yaml"].methods.map((m: { name: string }) => m.name)).toEqual(["getA"]);
    expect(Object.keys(data["b.yaml"].schemas).sort()).toEqual(["BLeaf", "BPart"]);
    expect(data["b.yaml"].methods).toBeUndefined();
    expect(copies[0]!.text.startsWith("# yaml-language-server: $schema=../x/schema.json\n# note\n")).toBe(true);
  });

  it("an unknown selection names every wrong item and what exists; no flags and no terminal says what to pass", async () => {
    const dir = await project();
    const r = await runCli(["init", "--domain", "store", "--method", "stores.productsV3.nope"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"store", "stores.productsV3.nope" are not in the catalogue. Select a domain (');
    const none = await runCli(["init"], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Say what to copy from the catalogue: --domain");
    expect(await readdir(dir)).toEqual(["package.json"]);
  });

  it("never replaces an existing config or spec folder without --force; --force keeps the other settings", async () => {
    const dir = await project({
      "package.json": '{\n    "name": "app",\n    "scripts": { "wix:generate": "make wix" }\n}\n',
      "wix-authz.config.json": JSON.stringify({ spec: ["spec/wix", "spec/app"], out: "src/wix", overrides: [] }),
      "spec/app/.keep": "",
    });
    const refused = await runCli(["init", "--domain", "members"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("wix-authz.config.json exists already: nothing was written");
    expect(existsSync(path.join(dir, "spec/wix"))).toBe(false);
    const forced = await runCli(["init", "--domain", "members", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(
      'package.json already has a "wix:generate" script ("make wix"): kept it; `wix-authz generate` is the step to run.',
    );
    expect(forced.stdout).toContain("Next: npx wix-authz generate");
    const config = JSON.parse(await readFile(path.join(dir, "wix-authz.config.json"), "utf8"));
    expect(config).toMatchObject({ spec: ["spec/wix", "spec/app"], out: "src/wix", overrides: [] });
    const pkg = await readFile(path.join(dir, "package.json"), "utf8");
    expect(pkg).toContain(
      '\n    "scripts": {\n        "wix:generate": "make wix",\n        "wix:check": "wix-authz check"',
    );
    // --force with no selection copies the recorded one again (e.g. after upgrading wix-authz).
    await writeFile(path.join(dir, "spec/wix/members.members.yaml"), "edited");
    expect((await runCli(["init", "--force"], dir)).code).toBe(0);
    expect(await readFile(path.join(dir, "spec/wix/members.members.yaml"), "utf8")).toContain("# Copied from");
    expect((await readdir(dir)).filter((n) => n.startsWith(".wix-authz-init"))).toEqual([]);
  });

  it("a broken package.json stops init before anything is written", async () => {
    const dir = await project();
    await mkdir(path.join(dir, "spec"), { recursive: true });
    await writeFile(path.join(dir, "package.json"), "{ not json");
    const r = await runCli(["init", "--domain", "members"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("package.json is not valid JSON");
    expect((await readdir(dir)).sort()).toEqual(["package.json", "spec"]);
    expect(await readdir(path.join(dir, "spec"))).toEqual([]);
  });

  it("--list lists the catalogue and writes nothing", async () => {
    const dir = await tempDir();
    const r = await runCli(["init", "--list"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  stores.productsV3  @wix/auto_sdk_stores_products-v-3@");
    expect(await readdir(dir)).toEqual([]);
  });

  it("in a terminal it asks what to copy (a real pseudo-terminal, through script(1))", async () => {
    const dir = await project();
    const bin = path.join(ROOT, "bin/wix-authz.js");
    const child = spawn("script", ["-qec", `${process.execPath} ${bin} init`, "/dev/null"], {
      cwd: dir,
      env: { ...process.env, TERM: "xterm" },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 400 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain(text);
    };
    await waitFor("Which Wix APIs should the clients have?");
    const first = catalogue.files.find((f) => f.namespaces[0]!.split(".")[0] === catalogue.domains[0])!;
    child.stdin.write(" "); // select the first package
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.write("\r");
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(0);
    await waitFor("Next: npm run wix:generate");
    const config = JSON.parse(await readFile(path.join(dir, "wix-authz.config.json"), "utf8"));
    expect(config.catalogue.select).toEqual([first.namespaces[0]]);
  }, 60_000);
});
