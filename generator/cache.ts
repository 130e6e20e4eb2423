// cache: skips a no-change regeneration. Key = spec texts + prettier config + options + the generator's own code;
// the cache records the content hash of every file written, so a hand-edited output is never mistaken for fresh.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../core/diagnostics.js";
import type { FormatMemo, FormattedFile } from "./format.js";
import { digestOf, type SpecInput } from "./files.js";
import { prettierVersion } from "./prettier-config.js";
import { fileHash } from "./text-hash.js";
import { readdirOptional, readJson, readOptional } from "./fs-sync.js";

interface CacheRecord {
  readonly key: string;
  readonly files: Readonly<Record<string, string>>;
  readonly methods: number;
  readonly warnings?: readonly Diagnostic[];
}

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

let generatorHash: Promise<string> | undefined;

/** codeHash of the code the one-file bundle was built from and holds (scripts/bundle/cli.ts); absent elsewhere. */
declare const __wixAuthzCodeHash: string | undefined;

/** Hash of the code and data that decide the output and its warnings (generator/, core/, the runtime's contract and
 * identity table, the identity facts), so that a change to any of them never reuses an old result. */
export function ownCodeHash(): Promise<string> {
  generatorHash ??= (async () => {
    const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    // The bundle's code is fixed when it is built, and so is its hash: reading and hashing the sixty-odd files it was
    // made of took ~15 ms of every bundled run.
    const code = typeof __wixAuthzCodeHash === "string" ? __wixAuthzCodeHash : await codeHash(root);
    const h = createHash("sha256").update(code);
    // A few small files, read synchronously (fs-sync.ts says why).
    const facts = path.join(path.dirname(root), "facts", "identities");
    for (const dir of [path.join(root, "facts", "identities"), facts]) {
      const names = readdirOptional(dir)
        .filter((x) => x.endsWith(".yaml"))
        .sort();
      for (const n of names) h.update(`facts/${n}`).update(readFileSync(path.join(dir, n)));
    }
    return h.digest("hex");
  })();
  return generatorHash;
}

/**
 * sha256 of the code under `root` (the sources, or dist/) that turns a spec into output: generator/, core/, and the
 * runtime's contract and identity table (the runtime is its own package, @wix-authz/runtime: its sources in the
 * repository, its dist/ when installed; the bundle holds the copy it was built with).
 */
export async function codeHash(root: string): Promise<string> {
  const h = createHash("sha256").update(await codeFilesHash(root));
  const runtime = path.dirname(createRequire(import.meta.url).resolve("@wix-authz/runtime/package.json"));
  for (const contract of ["contract.ts", "identities.ts", "dist/contract.js", "dist/identities.js"]) {
    const text = readOptional(path.join(runtime, contract));
    if (text) h.update(contract).update(text);
  }
  return h.digest("hex");
}

/** sha256 of the generator's and core's code under `root` (the sources, or dist/), in name order. */
export async function codeFilesHash(root: string): Promise<string> {
  const h = createHash("sha256");
  // Read side by side, hashed in name order: ~100 files read one after another were most of a no-change rerun's
  // idle time (each read is four trips to the thread pool).
  for (const folder of ["generator", "core"]) {
    const names = (await readdir(path.join(root, folder), { recursive: true }))
      .map(String)
      .filter((n) => /\.(ts|js)$/.test(n) && !n.endsWith(".d.ts"))
      .sort();
    const texts = await Promise.all(names.map((n) => readFile(path.join(root, folder, n))));
    names.forEach((n, i) => h.update(`${folder}/${n}`).update(texts[i]!));
  }
  return h.digest("hex");
}

/** Key of one run: the spec texts (as read once for the run), the resolved Prettier config and the options. */
export async function cacheKey(inputs: readonly SpecInput[], prettierConfig: unknown, extra: string): Promise<string> {
  const h = createHash("sha256")
    .update(await ownCodeHash())
    .update(extra);
  for (const f of inputs)
    h.update(f.path ?? f.file)
      .update("\0")
      .update(digestOf(f))
      .update("\0");
  h.update(JSON.stringify(prettierConfig ?? null)).update(prettierVersion());
  return h.digest("hex");
}

function cachePath(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, `${sha(outDir).slice(0, 16)}.json`);
}

/** The cached record when the key matches and every recorded output file is on disk unchanged. */
export async function freshRecord(cacheDir: string, outDir: string, key: string): Promise<CacheRecord | undefined> {
  const record = readJson(cachePath(cacheDir, outDir)) as CacheRecord | null | undefined;
  if (!record || record.key !== key) return undefined;
  const files = Object.entries(record.files);
  const texts = files.map(([name]) => readOptional(path.join(outDir, name)));
  return files.every(([, hash], i) => texts[i] !== undefined && sha(texts[i]) === hash) ? record : undefined;
}

/** The record of a run, and where it goes: written by write.ts (`writeCacheRecord`), the one stage that writes. */
export function cacheRecord(
  cacheDir: string,
  outDir: string,
  key: string,
  files: readonly FormattedFile[],
  methods: number,
  warnings: readonly Diagnostic[] = [],
): { readonly path: string; readonly text: string } {
  const record: CacheRecord = {
    key,
    methods,
    warnings,
    files: Object.fromEntries(files.map((f) => [f.path, fileHash(f)])),
  };
  return { path: cachePath(cacheDir, outDir), text: JSON.stringify(record) };
}

interface MemoRecord {
  /** Prettier's version and the resolved config: an entry is Prettier's output for its statement under these. */
  readonly key: string;
  /** Hash of `entries` and `files`: a damaged file is dropped whole, never half trusted. */
  readonly sum: string;
  readonly entries: Readonly<Record<string, string>>;
  /** The entries of each output file, so that a file generate reuses whole keeps its statements for a later run. */
  readonly files?: Readonly<Record<string, readonly string[]>>;
}

const sortedEntries = <T>(map: ReadonlyMap<string, T>): [string, T][] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The formatted statements of an output folder's last run, as a memo for the next one, and the record that replaces
 * it afterwards (holding only this run's statements, and those of the files it reused whole, so it never grows past
 * one output's size). Deleting or damaging the file only costs speed: a missing, unreadable, foreign or inconsistent
 * record is an empty memo.
 */
export async function formatMemo(
  cacheDir: string,
  outDir: string,
  prettierConfig: unknown,
): Promise<{
  memo: FormatMemo;
  keep(file: string): void;
  record(options?: { readonly onlyIfNew?: boolean }): { readonly path: string; readonly text: string } | undefined;
}> {
  const file = path.join(cacheDir, `${sha(outDir).slice(0, 16)}.format.json`);
  const key = sha(JSON.stringify([prettierVersion(), prettierConfig ?? null]));
  // Read on first use: a partial run whose statements are all canonical or taken from the last output asks nothing.
  let loaded: { known: Record<string, string>; knownFiles: Record<string, readonly string[]> } | undefined;
  const load = () => {
    if (loaded) return loaded;
    const old = (() => {
      try {
        return JSON.parse(readFileSync(file, "utf8")) as MemoRecord;
      } catch {
        return undefined;
      }
    })();
    const whole =
      old?.key === key &&
      typeof old.entries === "object" &&
      old.entries !== null &&
      sha(JSON.stringify([old.entries, old.files ?? {}])) === old.sum;
    return (loaded = {
      known: whole ? old.entries : {},
      knownFiles: whole && typeof old.files === "object" ? old.files : {},
    });
  };
  const used = new Map<string, string>();
  const usedBy = new Map<string, Set<string>>();
  const kept = new Set<string>();
  let added = false;
  const use = (k: string, text: string, output: string) => {
    used.set(k, text);
    const set = usedBy.get(output) ?? new Set<string>();
    usedBy.set(output, set.add(k));
  };
  const memo: FormatMemo = {
    get(k, output) {
      const { known } = load();
      const text = Object.hasOwn(known, k) ? known[k] : undefined;
      if (typeof text === "string") use(k, text, output);
      return typeof text === "string" ? text : undefined;
    },
    set: (k, text, output) => {
      added = true;
      use(k, text, output);
    },
  };
  return {
    memo,
    keep: (output) => void kept.add(output),
    record(options = {}) {
      // A run that formatted nothing new may leave the last record as it is: it holds every statement this run used.
      if (options.onlyIfNew && !added) return undefined;
      const { knownFiles } = load();
      for (const output of kept) {
        const keys = Object.hasOwn(knownFiles, output) ? knownFiles[output] : undefined;
        for (const k of Array.isArray(keys) ? keys : []) memo.get(String(k), output);
      }
      const entries = Object.fromEntries(sortedEntries(used));
      const files = Object.fromEntries(sortedEntries(usedBy).map(([f, keys]) => [f, [...keys].sort()]));
      const sum = sha(JSON.stringify([entries, files]));
      return { path: file, text: JSON.stringify({ key, sum, entries, files }) };
    },
  };
}
