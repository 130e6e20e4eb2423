// partial: an incremental `generate` that works in proportion to the change. The last run left a summary of every
// spec file (its methods' names, routes and identities, its schema names, the schemas it refers to, its types digest
// and warnings) and where each file's statements lie in types.d.ts and clients.d.ts. A run whose changed files, with
// every file they share a schema reference or a namespace with, form a small group checks that group as a cold run
// would, checks the names the group shares with the rest against the summaries, emits the group's statements and the
// statements made of every method (client interfaces, method tables), and takes the rest's statements from the last
// run's output text. Anything it cannot decide this way (a problem found, a name clash, a summary missing) sends the
// run down the whole pipeline, which reports as a cold run does. Record: checksummed, written atomically, safe to delete.
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { Identity } from "../core/identity.js";
import type { ApiModel, HttpVerb, MethodModel, NamedSchema } from "../core/model.js";
import { requestTypeName, responseTypeName, pascal } from "../core/names.js";
import type { FormattedStatement, PlannedModule } from "./emit/index.js";
import type { FormattedFile } from "./format.js";
import type { SpecInput } from "./files.js";
import { digestOf } from "./files.js";
import { byCodePoint } from "./normalize.js";
import { fileHash } from "./text-hash.js";
import { readdirOptional, readOptional, sealed, unsealed } from "./fs-sync.js";

const TAG = "wix-authz-partial-1";
const REF_PREFIX = "#/schemas/";

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/** What a method's statements outside its own file are made of (client interfaces, method tables). */
export interface ThinMethod {
  readonly name: string;
  readonly namespace: readonly string[];
  readonly http: { readonly method: HttpVerb; readonly path: string; readonly pathParams: readonly string[] };
  readonly identities: readonly Identity[];
  readonly permissions: readonly string[];
}

/** What the last run knew of one spec file. */
export interface FileSummary {
  /** sha256 of the file's bytes (files.ts, digestOf). */
  readonly digest: string;
  readonly methods: readonly ThinMethod[];
  readonly schemas: readonly string[];
  /**
   * The schema names its `$ref`s name that it does not define itself (a name both it and a changed file define is a
   * clash namesClash finds, so its own names tie it to nothing).
   */
  readonly refs: readonly string[];
  /** Its part of types.d.ts's inputs, hashed (emit/index.ts, typesDigests). */
  readonly types: string;
  /** The warnings the run found in it (identity facts). */
  readonly warnings: readonly Diagnostic[];
}

/** Where a statement lies in an output file's text: `[start, end)`. */
type Range = readonly [number, number];

/** Where each keyed statement lies in one output's text. */
export type Ranges = Readonly<Record<string, Range>>;

export interface PartialRecord {
  /** The run's context: generate's cache key of a run with no spec input (code, options, Prettier). */
  readonly key: string;
  readonly files: Readonly<Record<string, FileSummary>>;
  /**
   * Per output file with statement keys: the sha256 of its text. Where its statements lie is kept apart, under that
   * hash (rangesPath): types.d.ts's are ~200 KB, read only by a run that remakes types.d.ts and written only when
   * its text changed.
   */
  readonly outputs: Readonly<Record<string, string>>;
}

/** A run's record with the ranges of the outputs it formatted (an output taken whole keeps the last run's). */
export interface PartialResult {
  readonly record: PartialRecord;
  readonly ranges: ReadonlyMap<string, Ranges>;
}

const prefix = (outDir: string) => sha(outDir).slice(0, 16);
const recordPath = (cacheDir: string, outDir: string) => path.join(cacheDir, `${prefix(outDir)}.partial.json`);
const rangesDir = (cacheDir: string, outDir: string) => path.join(cacheDir, `${prefix(outDir)}.partial`);
const rangesPath = (cacheDir: string, outDir: string, hash: string) =>
  path.join(rangesDir(cacheDir, outDir), `${hash}.json`);

/** The last run's record, when whole (tag and checksum agree) and made under `context`; else undefined. */
export async function readPartialRecord(
  cacheDir: string,
  outDir: string,
  context: string,
): Promise<PartialRecord | undefined> {
  const record = unsealed(TAG, readOptional(recordPath(cacheDir, outDir))) as Partial<PartialRecord> | undefined;
  return record?.key === context && typeof record.files === "object" && typeof record.outputs === "object"
    ? (record as PartialRecord)
    : undefined;
}

/**
 * The records of this run, to write after the outputs (write.ts, writeCacheRecord): the record, and the ranges of
 * each output this run formatted. A partial run leaves a ranges file already on disk as it is (the same hash is the
 * same text, so the same ranges; a damaged one is a PartialMiss, and the whole run that follows writes every one).
 */
export function partialRecords(
  cacheDir: string,
  outDir: string,
  result: PartialResult,
  partial: boolean,
): { readonly path: string; readonly text: string }[] {
  const out = [{ path: recordPath(cacheDir, outDir), text: sealed(TAG, result.record) }];
  for (const [hash, ranges] of result.ranges) {
    const file = rangesPath(cacheDir, outDir, hash);
    if (!partial || !existsSync(file)) out.unshift({ path: file, text: sealed(TAG, ranges) });
  }
  return out;
}

/** Removes the ranges files no output of `record` has (after the record was written): the folder holds one set. */
export function pruneRanges(cacheDir: string, outDir: string, record: PartialRecord): void {
  const dir = rangesDir(cacheDir, outDir);
  const keep = new Set(Object.values(record.outputs).map((hash) => `${hash}.json`));
  for (const n of readdirOptional(dir)) if (!keep.has(n)) rmSync(path.join(dir, n), { force: true });
}

/**
 * The files whose text changed since the last run, when the run may be partial: the same file names as the last
 * run's and at least one of them changed (none changed is a no-change run: generate's own record decides it).
 */
export function changedFiles(record: PartialRecord, inputs: readonly SpecInput[]): SpecInput[] | undefined {
  const names = Object.keys(record.files);
  if (names.length !== inputs.length || inputs.some((i) => !Object.hasOwn(record.files, i.file))) return undefined;
  const changed = inputs.filter((i) => record.files[i.file]!.digest !== digestOf(i));
  return changed.length > 0 ? changed : undefined;
}

/** What the group's own files say of the names they share with others, read from their data (unchecked). */
export interface GroupFacts {
  readonly schemas: Iterable<string>;
  readonly refs: Iterable<string>;
  readonly namespaces: Iterable<string>;
}

/** A `$ref` string's schema name (a ref in another form names no schema; the rules reject it). */
export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}

/** Schema names, ref names and namespaces of a file's parsed data, whatever its shape (nothing is checked yet). */
export function dataFacts(data: unknown, refs: readonly string[]): GroupFacts {
  const d = (typeof data === "object" && data !== null ? data : {}) as { schemas?: unknown; methods?: unknown };
  const schemas = typeof d.schemas === "object" && d.schemas !== null ? Object.keys(d.schemas) : [];
  const methods = Array.isArray(d.methods) ? (d.methods as unknown[]) : [];
  const namespaces = methods.map((m) => (m as { namespace?: unknown } | null)?.namespace).filter(isString);
  return { schemas, refs: refs.map(refName), namespaces };
}

const isString = (v: unknown): v is string => typeof v === "string";

/**
 * The changed files with every file they are tied to, transitively: a file that refers to a schema one of them
 * defines (or defined in the last run), a file defining a schema one of them refers to, a file with a method in a
 * namespace one of them has (or had) methods in. Every rule that looks across files looks only along these ties or
 * at names (namesClash), so the group is checked alone as a cold run checks it.
 */
export function tiedGroup(
  record: PartialRecord,
  changed: ReadonlyMap<string, GroupFacts>,
  all: readonly string[],
): Set<string> {
  const group = new Set<string>();
  const defined = new Set<string>();
  const referred = new Set<string>();
  const namespaces = new Set<string>();
  const add = (file: string, facts: GroupFacts | undefined) => {
    group.add(file);
    const old = record.files[file];
    for (const s of facts?.schemas ?? []) defined.add(s);
    for (const r of facts?.refs ?? []) referred.add(r);
    for (const n of facts?.namespaces ?? []) namespaces.add(n);
    for (const s of old?.schemas ?? []) defined.add(s);
    for (const r of old?.refs ?? []) referred.add(r);
    for (const m of old?.methods ?? []) namespaces.add(m.namespace.join("."));
  };
  for (const [file, facts] of changed) add(file, facts);
  for (let grew = true; grew;) {
    grew = false;
    for (const file of all) {
      if (group.has(file)) continue;
      const s = record.files[file]!;
      const tied =
        s.refs.some((r) => defined.has(r)) ||
        s.schemas.some((n) => referred.has(n)) ||
        s.methods.some((m) => namespaces.has(m.namespace.join(".")));
      if (tied) {
        add(file, undefined);
        grew = true;
      }
    }
  }
  return group;
}

/**
 * Whether names of different files could clash (the cross-file rules on names: schema names, method ids, routes,
 * generated type and namespace names, a method named like a namespace). Stricter than the rules where it is cheaper:
 * a clash found here only sends the run down the whole pipeline, whose rules decide.
 */
export function namesClash(methods: readonly MethodModel[], schemas: readonly NamedSchema[]): boolean {
  const names = new Set<string>();
  const once = (name: string) => (names.has(name) ? true : (names.add(name), false));
  for (const s of schemas) if (once(`type ${s.name}`)) return true;
  const paths = new Set<string>();
  for (const m of methods) {
    const route = `${m.http.method} ${m.http.path.replace(/\{[^}]+\}/g, "{}")}`;
    if (once(`id ${m.id}`) || once(`route ${route}`) || once(`type ${m.requestType}`) || once(`type ${m.responseType}`))
      return true;
    for (let i = 1; i <= m.namespace.length; i++) paths.add(m.namespace.slice(0, i).join("."));
  }
  // Two namespaces that would name their interfaces alike, or a method named like a namespace.
  const interfaces = new Set<string>();
  for (const p of paths) {
    const name = pascal(p.split("."));
    if (interfaces.has(name)) return true;
    interfaces.add(name);
  }
  return methods.some((m) => paths.has(m.id));
}

const NO_SCHEMA = Object.freeze({});

/** The model parts of an unchanged file, made from its summary: real names, routes and identities, no schemas. */
export function thinParts(file: string, summary: FileSummary): { methods: MethodModel[]; schemas: NamedSchema[] } {
  const source = Object.freeze({ file });
  const methods = summary.methods.map((m): MethodModel =>
    Object.freeze({
      id: `${m.namespace.join(".")}.${m.name}`,
      name: m.name,
      namespace: m.namespace,
      description: "",
      http: m.http,
      identities: m.identities,
      permissions: m.permissions,
      request: NO_SCHEMA,
      response: NO_SCHEMA,
      requestType: requestTypeName(m.namespace, m.name),
      responseType: responseTypeName(m.namespace, m.name),
      source,
    }),
  );
  const schemas = summary.schemas.map((name): NamedSchema => Object.freeze({ name, schema: NO_SCHEMA, source }));
  return { methods, schemas };
}

/**
 * The last run's text of each statement of the unchanged files, by output file and statement key: read (and checked
 * against the record's hash) on first use. A key not in the record, or an output changed on disk since, throws
 * PartialMiss: the run then goes down the whole pipeline.
 */
export function lastStatements(
  record: PartialRecord,
  cacheDir: string,
  outDir: string,
  eol: string,
): (file: string, key: string) => FormattedStatement {
  const texts = new Map<string, { text: string; ranges: Ranges }>();
  const load = (file: string) => {
    const hash = Object.hasOwn(record.outputs, file) ? record.outputs[file] : undefined;
    if (typeof hash !== "string") throw new PartialMiss(`${file} has no statements on record`);
    const ranges = unsealed(TAG, readOptional(rangesPath(cacheDir, outDir, hash)));
    if (typeof ranges !== "object" || ranges === null) throw new PartialMiss(`${file} has no statement ranges`);
    const bytes = readOptional(path.join(outDir, file));
    if (bytes === undefined || sha(bytes) !== hash) throw new PartialMiss(`${file} changed since the last run`);
    const loaded = { text: bytes.toString("utf8"), ranges: ranges as Ranges };
    texts.set(file, loaded);
    return loaded;
  };
  return (file, key) => {
    const { text, ranges } = texts.get(file) ?? load(file);
    const range = Object.hasOwn(ranges, key) ? ranges[key] : undefined;
    if (!Array.isArray(range)) throw new PartialMiss(`${file} has no statement ${key} on record`);
    const piece = text.slice(range[0], range[1]);
    return { kind: "formatted", text: eol === "\n" ? piece : piece.split(eol).join("\n") };
  };
}

/** Something the partial run cannot decide: the whole pipeline runs instead. */
export class PartialMiss extends Error {}

/** Every spec file's summary, from this run's model (each method and schema knows its file) and what it found. */
export function summaries(
  model: ApiModel,
  digests: ReadonlyMap<string, string>,
  refs: (file: string) => readonly string[],
  types: ReadonlyMap<string, string>,
  warnings: readonly Diagnostic[],
): Record<string, FileSummary> {
  const parts = new Map<string, { methods: ThinMethod[]; schemas: string[]; warnings: Diagnostic[] }>();
  for (const file of model.sources) parts.set(file, { methods: [], schemas: [], warnings: [] });
  for (const m of model.methods)
    parts.get(m.source.file)?.methods.push({
      name: m.name,
      namespace: m.namespace,
      http: m.http,
      identities: m.identities,
      permissions: m.permissions,
    });
  for (const s of model.schemas) parts.get(s.source.file)?.schemas.push(s.name);
  for (const w of warnings) if (w.file !== undefined) parts.get(w.file)?.warnings.push(w);
  const out: Record<string, FileSummary> = {};
  for (const [file, part] of parts) {
    const own = new Set(part.schemas);
    out[file] = {
      digest: digests.get(file)!,
      ...part,
      refs: [...new Set(refs(file).map(refName))].filter((r) => !own.has(r)).sort(byCodePoint),
      types: types.get(file)!,
    };
  }
  return out;
}

/**
 * The hash of each output with statement keys, and where each keyed statement lies in those this run formatted
 * (from the formatter's pieces). A file taken whole from the last run keeps its hash when the last record had it,
 * and with it the ranges on disk.
 */
export function statementRanges(
  planned: readonly PlannedModule[],
  files: readonly FormattedFile[],
  last: PartialRecord | undefined,
): { outputs: PartialRecord["outputs"]; ranges: Map<string, Ranges> } {
  const outputs: Record<string, string> = {};
  const made = new Map<string, Ranges>();
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const m of planned) {
    if (!m.keys) continue;
    const f = byPath.get(m.path)!;
    const hash = fileHash(f);
    if (!f.pieces) {
      if (last && Object.hasOwn(last.outputs, m.path) && last.outputs[m.path] === hash) outputs[m.path] = hash;
      continue;
    }
    const keys = m.keys();
    const ranges: Record<string, Range> = {};
    for (const p of f.pieces) {
      const key = keys[p.statement];
      if (key !== undefined) ranges[key] = [p.start, p.end];
    }
    outputs[m.path] = hash;
    made.set(hash, ranges);
  }
  return { outputs, ranges: made };
}
