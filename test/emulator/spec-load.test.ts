// The emulator's cold load (one file at a time, data detached from the texts) serves exactly what the generator's
// loader makes of a spec: the same model, the same SpecError diagnostics, the careful parser's say on aliases, and
// the same merge of several sources with overrides.
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { SpecError } from "../../core/diagnostics.js";
import { readSpecBytes } from "../../generator/files.js";
import { loadApiModel } from "../../generator/load-model.js";
import { modelFromBytes } from "../../emulator/spec-load.js";
import { method, THING_SCHEMA, writeTree } from "../generator/helpers.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await writeTree(files);
  dirs.push(dir);
  return dir;
}

/** Both loaders on the same sources: the generator's result or error, and the emulator's. */
async function both(specs: string[], overrides: string[] = []): Promise<[unknown, unknown]> {
  const settle = (run: () => Promise<unknown>) => run().catch((error: unknown) => error);
  const generator = await settle(() => loadApiModel(specs, "/", { overrides }));
  const emulator = await settle(async () => modelFromBytes(await readSpecBytes(specs, "/"), overrides));
  return [generator, emulator];
}

describe("the emulator's cold load", () => {
  it("makes the catalogue's model, equal to the generator's", async () => {
    const [generator, emulator] = await both([`${process.cwd()}/catalogue/spec`]);
    expect(emulator).toEqual(generator);
  });

  it("reports a bad spec with the generator's diagnostics, lines and columns, and texts", async () => {
    const dir = await tree({
      "a.yaml": `${THING_SCHEMA}methods:\n${method({ identities: "[visitor, guest]" })}\n`,
      "b.yaml": `methods:\n${method({ name: "listThings", path: "/things/v1/things" })}\n    extra: 1\n`,
    });
    const [generator, emulator] = await both([dir]);
    expect(emulator).toBeInstanceOf(SpecError);
    expect((emulator as SpecError).diagnostics).toEqual((generator as SpecError).diagnostics);
    expect((emulator as SpecError).diagnostics.length).toBeGreaterThanOrEqual(2);
    expect([...(emulator as SpecError).sources]).toEqual([...(generator as SpecError).sources]);
  });

  it("leaves aliases and YAML errors to the careful parser, as the generator does", async () => {
    const aliased = await tree({
      "a.yaml": `${THING_SCHEMA}x-shared: &obj { type: object, properties: { id: { type: string } } }\nmethods:\n${method({ request: "*obj" })}\n`,
    });
    const [generator, emulator] = await both([aliased]);
    expect(emulator).toEqual(generator);
    const broken = await tree({ "a.yaml": `${THING_SCHEMA}methods:\n  - name: [oops\n` });
    const [generatorError, emulatorError] = await both([broken]);
    expect((emulatorError as SpecError).diagnostics).toEqual((generatorError as SpecError).diagnostics);
  });

  it("merges several sources with their overrides as the generator does", async () => {
    const first = await tree({ "a.yaml": `${THING_SCHEMA}methods:\n${method()}\n` });
    const second = await tree({ "b.yaml": `methods:\n${method({ path: "/things/v2/things/{id}" })}\n` });
    const [generator, emulator] = await both([first, second], ["things.things.getThing"]);
    expect(emulator).toEqual(generator);
    const [undeclared, undeclaredEmulator] = await both([first, second]);
    expect((undeclaredEmulator as SpecError).diagnostics).toEqual((undeclared as SpecError).diagnostics);
  });
});
