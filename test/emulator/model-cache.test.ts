// The emulator's model cache record: written in pieces, it is ASCII JSON of { key, model } (a warm start's text is one
// byte per character), and it reads back as the model it was written from.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadApiModel } from "../../generator/load-model.js";
import { readCached, recordChunks, writeCached } from "../../emulator/model-cache.js";

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("model cache record", () => {
  it("is ASCII JSON of { key, model } in pieces, none of them a whole list, and reads back as the model", async () => {
    const model = await loadApiModel("catalogue/spec");
    const key = "a".repeat(64);
    const chunks = [...recordChunks(key, model)];
    expect(JSON.stringify(model)).toMatch(NON_ASCII); // the catalogue's descriptions have dashes and curly quotes
    expect(chunks.join("")).not.toMatch(NON_ASCII);
    expect(JSON.parse(chunks.join(""))).toEqual({ key, model });
    // A piece is at most one method or one shared schema: no string holds the catalogue's whole model.
    const escaped = (value: unknown) => JSON.stringify(value).replace(NON_ASCII_ALL, "\\u0000").length;
    const largest = Math.max(...[...model.methods, ...model.schemas].map(escaped));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(largest + 1);
    const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-model-cache-"));
    dirs.push(dir);
    const file = path.join(dir, "emulator", "model.json");
    await writeCached(file, key, model);
    expect(await readFile(file, "utf8")).toBe(chunks.join(""));
    expect(await readCached(file, key)).toEqual(model);
    expect(await readCached(file, "b".repeat(64))).toBeUndefined();
  });
});
