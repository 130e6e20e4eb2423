// files: which spec files a spec path means, and how paths read in messages. Light on purpose: the no-change
// fast path of generate needs it before loading any parser.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../core/diagnostics.js";
import type { StatMemo } from "./stat-memo.js";

const SPEC_FILE = /\.ya?ml$/i;

/** Folders a spec folder's walk skips: installed packages and hidden folders (.git, editor state). */
const SKIPPED = /(^|[\\/])(node_modules|\.[^\\/]+)([\\/]|$)/;

/**
 * Lists the spec files for a folder (its *.yaml / *.yml, subfolders included, sorted by their posix path) or a
 * single file.
 */
export async function listSpecFiles(specPath: string): Promise<string[]> {
  const info = await stat(specPath).catch(() => undefined);
  if (!info) throw new ConfigError(`Spec path not found: ${specPath}`);
  if (info.isFile()) return [specPath];
  const names = (await readdir(specPath, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile() && SPEC_FILE.test(d.name))
    .map((d) => path.relative(specPath, path.join(d.parentPath, d.name)))
    .filter((n) => !SKIPPED.test(n))
    .map((n) => n.split(path.sep).join("/"))
    .sort();
  if (names.length === 0) throw new ConfigError(`No *.yaml spec files in ${specPath}`);
  return names.map((n) => path.join(specPath, n));
}

export function displayPath(absOrRel: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, absOrRel));
  const shown = rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(cwd, absOrRel) : rel;
  return shown.split(path.sep).join("/");
}

/** One spec file's text, under the name diagnostics show. */
export interface SpecInput {
  readonly file: string;
  readonly text: string;
  /** Absolute path on disk (absent for in-memory inputs). */
  readonly path?: string;
  /** sha256 (hex) of the bytes read from disk: the cache keys of a run hash each file once (`digestOf`). */
  readonly digest?: string;
  /**
   * Which spec source (index into the list given to readSpecInputs) the file comes from. Sources are merged in
   * order: a method of a later source may replace one of an earlier source only when it is listed as an override.
   */
  readonly source?: number;
}

/** A spec folder or file, or several of them (merged in order: see SpecInput.source). */
export type SpecSources = string | readonly string[];

/** The sources as a list (a single path is a list of one). */
export function specSourceList(spec: SpecSources): readonly string[] {
  return typeof spec === "string" ? [spec] : spec;
}

/** How the sources read in messages and in the generated header's regenerate command. */
export function displaySources(spec: SpecSources, cwd: string): string {
  return specSourceList(spec)
    .map((s) => displayPath(s, cwd))
    .join(" --spec ");
}

/** A spec file's bytes, as readSpecBytes reads them (readSpecInputs decodes them as UTF-8). */
export interface SpecBytes extends Omit<SpecInput, "text"> {
  readonly path: string;
  readonly bytes: Buffer;
}

/**
 * Reads the spec files of every source (a folder with its subfolders, or one file), once: the cache key and the parse
 * both use these texts. A file reached from two sources (the same folder twice, or one inside another) is refused:
 * its methods would be defined twice.
 */
export async function readSpecInputs(spec: SpecSources, cwd = ".", stats?: StatMemo): Promise<SpecInput[]> {
  if (stats) return readWithStats(spec, cwd, stats);
  return (await readSpecBytes(spec, cwd)).map(({ bytes, ...rest }) => {
    // Decoded on first use (once): a run that parses only the changed files (partial.ts, or a cache hit that parses
    // none) does not decode the others (text with a non-ASCII character decodes at a fraction of the speed).
    let text: string | undefined;
    const input = { ...rest, digest: createHash("sha256").update(bytes).digest("hex") };
    return Object.defineProperty(input, "text", {
      enumerable: true,
      get: () => (text ??= bytes.toString("utf8")),
    }) as SpecInput;
  });
}

/**
 * readSpecInputs with generate's stat memo: a file whose stat is the one recorded with its hash is not read (its
 * text is read, and checked against that hash, only if asked for); the others are read and hashed, and noted.
 */
async function readWithStats(spec: SpecSources, cwd: string, memo: StatMemo): Promise<SpecInput[]> {
  const { readKnown } = await import("./stat-memo.js");
  const listed = await listSources(spec, cwd);
  const at = BigInt(Date.now()) * 1_000_000n;
  // Stated and read synchronously (fs-sync.ts says why).
  return listed.map(({ p, source }) => {
    const info = statSync(p, { bigint: true });
    const known = memo.digest(p, info);
    const bytes = known === undefined ? readFileSync(p) : undefined;
    const digest = known ?? createHash("sha256").update(bytes!).digest("hex");
    memo.saw(p, info, digest, at);
    let text: string | undefined;
    const input = { file: displayPath(p, cwd), path: p, digest, ...sourceOf(spec, source) };
    return Object.defineProperty(input, "text", {
      enumerable: true,
      get: () => (text ??= (bytes ?? readKnown(p, digest)).toString("utf8")),
    }) as SpecInput;
  });
}

const sourceOf = (spec: SpecSources, source: number) => (specSourceList(spec).length > 1 ? { source } : {});

/**
 * The hash a cache keys an input's content by: of the bytes read (the text is made from them), else of the text.
 * Hashing the bytes skips encoding megabytes of text back to UTF-8, once per key that names the file.
 */
export function digestOf(input: SpecInput): string {
  return input.digest ?? createHash("sha256").update(input.text).digest("hex");
}

/** readSpecInputs without the decoding: for a reader that decodes one file at a time (the emulator's cold start). */
export async function readSpecBytes(spec: SpecSources, cwd = "."): Promise<SpecBytes[]> {
  const all = await listSources(spec, cwd);
  const contents = await Promise.all(all.map(({ p }) => readFile(p)));
  return all.map(({ p, source }, i) => ({
    file: displayPath(p, cwd),
    bytes: contents[i]!,
    path: p,
    ...sourceOf(spec, source),
  }));
}

/** Every spec file of the sources, with the index of its source; a file in two sources is refused. */
async function listSources(spec: SpecSources, cwd: string): Promise<{ p: string; source: number }[]> {
  const sources = specSourceList(spec);
  if (sources.length === 0) throw new ConfigError("No spec source given: name at least one spec folder or file.");
  const lists = await Promise.all(sources.map((s) => listSpecFiles(path.resolve(cwd, s))));
  const owner = new Map<string, number>();
  lists.forEach((paths, source) => {
    for (const p of paths) {
      const prior = owner.get(p);
      if (prior !== undefined)
        throw new ConfigError(
          `${displayPath(p, cwd)} is in two spec sources, ${displayPath(sources[prior]!, cwd)} and ${displayPath(sources[source]!, cwd)}: list each folder once, and not a folder inside another.`,
        );
      owner.set(p, source);
    }
  });
  return lists.flatMap((paths, source) => paths.map((p) => ({ p, source })));
}
