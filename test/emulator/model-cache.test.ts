// The emulator's model cache record: written in pieces, it is JSON.stringify({ key, model }) character for character,
// and it reads back as the model it was written from.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadApiModel } from "../../generator/load-model.js";
import { readCached, recordChunks, writeCached } from "../../emulator/model-cache.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("model cache record", () => {
  it("is JSON.stringify({ key, model }) in pieces, none of them a whole list, and reads back as the model", async () => {
    const model = await loadApiModel("catalogue/spec");
    const key = "a".repeat(64);
    const chunks = [...recordChunks(key, model)];
    expect(chunks.join("")).toBe(JSON.stringify({ key, model }));
    // A piece is at most one method or one shared schema: no string holds the catalogue's whole model.
    const largest = Math.max(...[...model.methods, ...model.schemas].map((m) => JSON.stringify(m).length));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(largest + 1);
    const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-model-cache-"));
    dirs.push(dir);
    const file = path.join(dir, "emulator", "model.json");
    await writeCached(file, key, model);
    expect(await readFile(file, "utf8")).toBe(JSON.stringify({ key, model }));
    expect(await readCached(file, key)).toEqual(model);
    expect(await readCached(file, "b".repeat(64))).toBeUndefined();
  });
});
