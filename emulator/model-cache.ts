// model-cache: the emulator's loaded models on disk, keyed by the spec texts, the overrides and the loader's code; a
// record is ASCII JSON written in pieces, so a large model (the catalogue's is 2.9 MB of JSON) is never one string in
// memory while it is written.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiModel } from "../core/model.js";
import type { SpecBytes } from "../generator/files.js";

/** 3: the record is ASCII (recordChunks); a format-2 record reads as the same model but costs a warm start ~5 MB more,
 * so it is made again. */
const CACHE_FORMAT = 3;

/** Spec files' bytes under their names (and sources), the overrides, plus the code that turns them into a model: a change to either is a new key. */
export async function cacheKey(inputs: readonly SpecBytes[], overrides: readonly string[]): Promise<string> {
  const h = createHash("sha256").update(`wix-authz emulator model ${CACHE_FORMAT}\n`);
  h.update(await loaderCodeHash());
  h.update(`\0overrides\0${JSON.stringify(overrides)}`);
  for (const input of inputs)
    h.update(`\0${input.file}\0${input.source ?? 0}\0${input.bytes.length}\0`).update(input.bytes);
  return h.digest("hex");
}

let codeHash: Promise<string> | undefined;

/** Hash of generator/ and core/ next to this file (sources or dist/): the loader, validator and normalizer. */
function loaderCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const h = createHash("sha256");
    for (const folder of ["generator", "core"]) {
      const names = (await readdir(path.join(root, folder), { recursive: true }).catch(() => [] as string[]))
        .map(String)
        .filter((n) => /\.(ts|js|json)$/.test(n) && !n.endsWith(".d.ts"))
        .sort();
      for (const n of names) h.update(`${folder}/${n}\0`).update(await readFile(path.join(root, folder, n)));
    }
    return h.digest("hex");
  })();
  return codeHash;
}

export async function readCached(file: string, key: string): Promise<ApiModel | undefined> {
  try {
    const record = JSON.parse(await readFile(file, "utf8")) as { key?: unknown; model?: ApiModel };
    return record.key === key && record.model !== undefined ? record.model : undefined;
  } catch {
    return undefined; // missing, unreadable or half-written: load the spec
  }
}

/** Written beside, then renamed: a reader never sees half a record. */
export async function writeCached(file: string, key: string, model: ApiModel): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, recordChunks(key, model));
  await rename(temporary, file);
}

/**
 * `JSON.stringify({ key, model })` in pieces, with every non-ASCII character escaped (`\u2019`): the same JSON value,
 * and the text a warm start reads is one byte per character in V8 (one character past U+00FF makes a whole string two
 * bytes each: the catalogue's 203 dashes, curly quotes and the like made its 2.9 MB record a 5.8 MB string, ~5 MB of
 * a warm start's peak). One piece per element of the model's lists (a method, a shared schema), each made when the
 * file writer asks for it and garbage once written.
 */
export function* recordChunks(key: string, model: ApiModel): Generator<string> {
  yield `{"key":${asciiJson(key)},"model":{`;
  let first = true;
  for (const [name, value] of Object.entries(model)) {
    if (value === undefined) continue;
    yield `${first ? "" : ","}${asciiJson(name)}:`;
    first = false;
    if (!Array.isArray(value)) {
      yield asciiJson(value);
      continue;
    }
    yield "[";
    for (let i = 0; i < value.length; i++) yield `${i === 0 ? "" : ","}${asciiJson(value[i] ?? null)}`;
    yield "]";
  }
  yield "}}";
}

const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
