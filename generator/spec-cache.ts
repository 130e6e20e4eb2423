// spec-cache: each spec file's parsed data between generate runs, so an unchanged file is read back with JSON.parse
// instead of parsed by js-yaml and shape-checked again; kept in the model's canonical form with its $ref strings, so
// it is neither copied by normalize nor walked by the rules again (loaded.ts, `checked`). One entry per file, named by
// the sha256 of the parsers' own code and versions, the file's name and its text; checksummed, written atomically,
// safe to delete.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { factsTable, routePath, shippedFacts, type FactsTable, type IdentityFact } from "../core/facts.js";
import { digestOf, type SpecInput } from "./files.js";
import type { CheckedFile } from "./loaded.js";
import { canonicalValue } from "./normalize.js";
import { refStrings } from "./refs.js";
import { assembleData, blockHashes, type BlockHashes } from "./yaml-blocks.js";
import { readdirOptional, readOptional, readOptionalText, writeAtomic } from "./fs-sync.js";

/** First line of an entry: this tag, the entry's key and the sha256 of the rest (the data as JSON). */
const TAG = "wix-authz-spec-cache-3";

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/** A file's entry: its data in canonical form (normalize.ts) and what the run that wrote it learnt of it. */
export interface CachedSpecFile extends CheckedFile {
  readonly data: unknown;
  /** The hashes of its text's top-level parts, when it could be cut into them (yaml-blocks.ts). */
  readonly blocks?: BlockHashes & { readonly sections: readonly string[] };
}

/** What load.ts asks and tells the cache: see SpecCache. */
export interface ParseMemo {
  /** The entry of a file that parsed and passed the shape check in an earlier run, or undefined. */
  get(file: string, text: string): CachedSpecFile | undefined;
  /** A file the fast parser read this run: kept only if it then passes validation unchanged (`save`). */
  parsed(file: string, text: string, data: unknown): void;
  /**
   * The data of a changed file made from its last run's entry (`loadPrevious`) and its changed parts, each parsed by
   * `parse` (yaml-blocks.ts), or undefined: the file is then parsed whole.
   */
  assemble?(file: string, text: string, parse: (text: string) => unknown): unknown;
}

export interface SpecCache extends ParseMemo {
  /** Reads the entries of these inputs too (openSpecCache read only the ones it was asked to). */
  load(inputs: readonly SpecInput[]): Promise<void>;
  /** Reads the last run's entries of changed files (by the digest their text had then), for `assemble`. */
  loadPrevious(files: readonly { readonly file: string; readonly digest: string }[]): Promise<void>;
  /**
   * The data objects validation accepted this run, each with its `types` digest (a run that fails validation never
   * calls it, and keeps nothing).
   */
  validated(files: Iterable<{ readonly data: unknown; readonly types: string }>): void;
  /**
   * Writes the entries of the files parsed this run whose data (the very object: not one an override pruned) passed
   * validation, and removes the entries no input of this run used.
   */
  save(): Promise<void>;
}

let versions: Promise<string> | undefined;

/** parserVersions of the parser and ajv the one-file bundle holds (scripts/bundle/cli.ts); absent elsewhere. */
declare const __wixAuthzParserVersions: string | undefined;

/** What decides a file's data and its shape-check outcome besides generator/ and core/: the parser, ajv, the format. */
export function parserVersions(): Promise<string> {
  // The bundle holds its parser and ajv: their versions are fixed when it is built (resolving three package files by
  // name took ~1 ms of every bundled run).
  if (typeof __wixAuthzParserVersions === "string") return Promise.resolve(__wixAuthzParserVersions);
  versions ??= (async () => {
    const require = createRequire(import.meta.url);
    const files = ["js-yaml/package.json", "ajv/package.json", "wix-authz/spec/schema.json"];
    const texts = files.map((f) => readOptionalText(require.resolve(f)) ?? f);
    return sha(texts.join("\0"));
  })();
  return versions;
}

/** Data that JSON gives back exactly: no NaN, no infinities, no -0 (YAML has .nan, .inf and -0; JSON has none). */
function jsonExact(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) return false;
    if (typeof v === "object" && v !== null) for (const child of Object.values(v)) stack.push(child);
  }
  return true;
}

/**
 * The entry's data when it is whole and its own (tag, key and checksum agree), else undefined. The checksum is of the
 * body's bytes as read (what writeEntry hashed, as UTF-8), so the body is decoded only once it is known whole.
 */
function readEntry(bytes: Buffer, key: string): unknown {
  const end = bytes.indexOf(0x0a);
  if (end === -1) return undefined;
  const [tag, entryKey, sum] = bytes.subarray(0, end).toString("utf8").split(" ");
  const body = bytes.subarray(end + 1);
  if (tag !== TAG || entryKey !== key || sum !== sha(body)) return undefined;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function isEntry(body: unknown): body is CachedSpecFile {
  if (typeof body !== "object" || body === null) return false;
  const { data, refs, types, blocks } = body as Record<string, unknown>;
  return (
    data !== undefined &&
    typeof types === "string" &&
    Array.isArray(refs) &&
    refs.every((r) => typeof r === "string") &&
    (blocks === undefined || isBlockHashes(blocks))
  );
}

function isBlockHashes(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { sections, schemas, methods } = value as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");
  return (
    strings(sections) &&
    strings(methods) &&
    Array.isArray(schemas) &&
    schemas.every((p) => Array.isArray(p) && p.length === 2 && strings(p))
  );
}

/** Writes an entry through a temp file and a rename: a concurrent reader sees no entry or a whole one. */
async function writeEntry(dir: string, key: string, data: unknown, name = `${key}.json`): Promise<void> {
  const body = JSON.stringify(data);
  writeAtomic(path.join(dir, name), `${TAG} ${key} ${sha(body)}\n${body}`);
}

/**
 * The spec cache of one output folder (`<cacheDir>/<outDir hash>.spec/`), with the entries of `inputs` read. A
 * missing, damaged or foreign entry is a miss: that file is parsed and checked as in a cold run.
 */
export async function openSpecCache(
  cacheDir: string,
  outDir: string,
  inputs: readonly SpecInput[],
  codeHash: string,
  preload: readonly SpecInput[] = inputs,
): Promise<SpecCache> {
  const dir = path.join(cacheDir, `${sha(outDir).slice(0, 16)}.spec`);
  const salt = sha(`${codeHash}\0${await parserVersions()}`);
  // Each input's key made once, from its content hash: asked for again by get, parsed and save.
  const keyFor = (input: SpecInput) => sha(`${salt}\0${input.file}\0${digestOf(input)}`);
  const keys = new Map(inputs.map((input) => [input.file, { input, key: keyFor(input) }]));
  const keyOf = (file: string, text: string) => {
    const known = keys.get(file);
    return known?.input.text === text ? known.key : keyFor({ file, text });
  };
  // An input's own key, without its text (which may not be decoded: files.ts, readSpecInputs).
  const inputKey = (input: SpecInput) => {
    const known = keys.get(input.file);
    return known?.input === input ? known.key : keyFor(input);
  };
  /** The entry under `key`, when whole and of this format. */
  const entryAt = (key: string): CachedSpecFile | undefined => {
    const bytes = readOptional(path.join(dir, `${key}.json`));
    const body = bytes === undefined ? undefined : readEntry(bytes, key);
    return isEntry(body) ? body : undefined;
  };
  const known = new Map<string, CachedSpecFile>();
  const load = async (list: readonly SpecInput[]): Promise<void> => {
    for (const input of list) {
      const key = inputKey(input);
      const entry = known.has(key) ? undefined : entryAt(key);
      if (entry) known.set(key, entry);
    }
  };
  await load(preload);
  const fresh = new Map<string, { data: unknown; text: string }>();
  const accepted = new Map<unknown, string>();
  const previous = new Map<string, CachedSpecFile>();
  return {
    load,
    async loadPrevious(files) {
      for (const { file, digest } of files) {
        const entry = entryAt(keyFor({ file, text: "", digest }));
        if (entry) previous.set(file, entry);
      }
    },
    assemble(file, text, parse) {
      const last = previous.get(file);
      return last?.blocks ? assembleData(text, { data: last.data, blocks: last.blocks }, parse) : undefined;
    },
    get: (file, text) => known.get(keyOf(file, text)),
    parsed: (file, text, data) => void fresh.set(keyOf(file, text), { data, text }),
    validated: (files) => {
      for (const f of files) accepted.set(f.data, f.types);
    },
    async save() {
      const used = new Set(inputs.map(inputKey));
      const writes = [...fresh].filter(([key, { data }]) => used.has(key) && accepted.has(data) && jsonExact(data));
      if (writes.length > 0) mkdirSync(dir, { recursive: true });
      // Kept as the model has it (canonical: object keys and `required` lists sorted), so the next run's normalize
      // takes it as it is, with the refs the rules would otherwise walk the data for.
      for (const [key, { data, text }] of writes) {
        const blocks = blockHashes(text);
        const entry: CachedSpecFile = {
          data: canonicalValue(data),
          refs: refStrings(data),
          types: accepted.get(data)!,
          ...(blocks && { blocks }),
        };
        await writeEntry(dir, key, entry);
      }
      const names = readdirOptional(dir);
      const stale = names.filter((n) => n.endsWith(".json") && !used.has(n.slice(0, -".json".length)));
      for (const n of stale) rmSync(path.join(dir, n), { force: true });
    },
  };
}

/**
 * The shipped identity facts (facts/identities, ~0.5 MB of YAML read on every run) as an earlier run parsed them, or
 * parsed now (then `save` keeps them). `codeHash` covers the facts' texts, so an edited fact is never served stale.
 * Kept whole and in route buckets: with `byRoute`, a partial run (partial.ts) reads only the buckets of the routes it
 * checks, each on first use; anything else of the table reads it whole.
 */
export async function cachedFacts(
  cacheDir: string,
  codeHash: string,
  options: { readonly byRoute?: boolean } = {},
): Promise<{ table: FactsTable; save(): Promise<void> }> {
  const dir = path.join(cacheDir, "facts");
  const key = sha(`facts\0${codeHash}\0${await parserVersions()}`);
  const bucketsDir = path.join(dir, key);
  const readWhole = (bytes: Buffer | undefined) => {
    const known = bytes === undefined ? undefined : readEntry(bytes, key);
    return Array.isArray(known) ? (known as IdentityFact[]) : undefined;
  };
  let fresh = false;
  let whole: FactsTable | undefined;
  const wholeTable = (bytes?: Buffer) => {
    if (whole) return whole;
    const known = readWhole(bytes ?? readOptional(path.join(dir, `${key}.json`)));
    if (known) return (whole = factsTable(known));
    fresh = true;
    return (whole = shippedFacts());
  };
  const buckets = new Map<number, FactsTable | undefined>();
  const bucketTable = (bucket: number) => {
    if (!buckets.has(bucket)) {
      const bytes = readOptional(path.join(bucketsDir, `${bucket}.json`));
      const known = bytes === undefined ? undefined : readEntry(bytes, `${key}:${bucket}`);
      buckets.set(bucket, Array.isArray(known) ? factsTable(known as IdentityFact[]) : undefined);
    }
    return buckets.get(bucket);
  };
  const table: FactsTable = options.byRoute
    ? {
        get facts() {
          return wholeTable().facts;
        },
        byMethod: (pkg, method) => wholeTable().byMethod(pkg, method),
        byPath: (p) => wholeTable().byPath(p),
        byRoute: (verb, p) => (whole ?? bucketTable(routeBucket(verb, p)) ?? wholeTable()).byRoute(verb, p),
      }
    : wholeTable(readOptional(path.join(dir, `${key}.json`)));
  return {
    table,
    async save() {
      // A run that read only buckets has nothing to add; one that read the table whole adds the buckets if missing.
      if (whole === undefined || !jsonExact(whole.facts)) return;
      const hasBuckets = await readdir(bucketsDir).then(
        (names) => names.length > 0,
        () => false,
      );
      if (!fresh && hasBuckets) return;
      await mkdir(bucketsDir, { recursive: true });
      if (fresh) await writeEntry(dir, key, whole.facts);
      const byBucket = new Map<number, IdentityFact[]>();
      for (const f of whole.facts) {
        const b = routeBucket(f.http.method, f.http.path);
        byBucket.set(b, [...(byBucket.get(b) ?? []), f]);
      }
      await Promise.all(
        Array.from({ length: BUCKETS }, (_, b) =>
          writeEntry(bucketsDir, `${key}:${b}`, byBucket.get(b) ?? [], `${b}.json`),
        ),
      );
      const stale = (await readdir(dir)).filter((n) => n !== `${key}.json` && n !== key);
      await Promise.all(stale.map((n) => rm(path.join(dir, n), { recursive: true, force: true })));
    },
  };
}

/** Route buckets of the facts cache: a route's facts are all in one (the route as factsTable keys it). */
const BUCKETS = 64;

function routeBucket(verb: string, p: string): number {
  const route = `${verb.toUpperCase()} ${routePath(p)}`;
  let h = 2166136261;
  for (let i = 0; i < route.length; i++) h = Math.imul(h ^ route.charCodeAt(i), 16777619);
  return (h >>> 0) % BUCKETS;
}
