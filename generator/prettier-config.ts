// prettier-config: the output folder's resolved Prettier config, reused from the last run while none of the files
// Prettier reads to resolve it has changed, so a run with nothing to format (a no-change rerun) never loads Prettier
// (~70 ms of module loading). The record is written by write.ts like every cache file; deleting it costs one resolve.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Options } from "prettier";
import { readdirOptional, readOptional, readOptionalText } from "./fs-sync.js";

/** Prettier 3's config file names (its search list), package files holding a `prettier` key, .editorconfig (read with
 * `editorconfig: true`) and the markers of a project root, where Prettier's .editorconfig search stops. */
const READ_BY_PRETTIER = [
  ".prettierrc",
  ".prettierrc.json",
  ".prettierrc.yml",
  ".prettierrc.yaml",
  ".prettierrc.json5",
  ".prettierrc.toml",
  "package.json",
  "package.yaml",
  ".editorconfig",
];
const ROOT_MARKERS = [".git", ".hg"];
/** A config written as code can read anything (other files, the environment): it is resolved on every run. */
const CODE_CONFIG = /^(\.prettierrc|prettier\.config)\.[cm]?[jt]s$/;

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

let version: string | undefined;

/**
 * The installed Prettier's version, without loading Prettier: its package.json in the first node_modules folder of
 * Node's lookup list that has one, as `require("prettier/package.json")` finds it (Prettier's exports map exports
 * its package.json as itself) without interpreting that map, ~3 ms of a fresh process; required when not found.
 */
export function prettierVersion(): string {
  if (version !== undefined) return version;
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths("prettier") ?? []) {
    const text = readOptionalText(path.join(dir, "prettier", "package.json"));
    const found = text === undefined ? undefined : (JSON.parse(text) as { version?: unknown }).version;
    if (typeof found === "string") return (version = found);
  }
  return (version = (require("prettier/package.json") as { version: string }).version);
}

/**
 * A hash of everything Prettier's resolution reads for a file in `outDir`: its version and, in the folder and every
 * parent, the text of each config candidate and which root markers exist. Undefined when a config is code.
 */
export async function configFingerprint(outDir: string): Promise<string | undefined> {
  const h = createHash("sha256").update(prettierVersion()).update("\0").update(outDir);
  // Read synchronously: one folder after another up to the root, each read a few trips to the thread pool apart
  // (~3 ms of an incremental run), for listings and files of a few hundred bytes.
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    const names = new Set(readdirOptional(dir));
    for (const name of names) if (CODE_CONFIG.test(name)) return undefined;
    for (const name of READ_BY_PRETTIER.filter((n) => names.has(n))) {
      const text = readOptional(path.join(dir, name)) ?? "\0unreadable";
      h.update(`\0${dir}/${name}\0`).update(text);
    }
    for (const name of ROOT_MARKERS.filter((n) => names.has(n))) h.update(`\0${dir}/${name}\0exists`);
    if (path.dirname(dir) === dir) return h.digest("hex");
  }
}

interface ConfigRecord {
  readonly fingerprint: string;
  readonly config: Options;
}

/**
 * The config Prettier resolves for `outDir` (as generator/format.ts `resolveFormatConfig`), from the last run's
 * record when its fingerprint still matches; otherwise resolved by Prettier, with the record to write for next time.
 */
export async function resolveFormatConfigCached(
  outDir: string,
  cacheDir: string,
): Promise<{ config: Options; record?: { readonly path: string; readonly text: string } }> {
  const fingerprint = await configFingerprint(outDir);
  const file = path.join(cacheDir, `${sha(outDir).slice(0, 16)}.prettier.json`);
  if (fingerprint !== undefined) {
    const old = await readFile(file, "utf8")
      .then((t) => JSON.parse(t) as Partial<ConfigRecord>)
      .catch(() => undefined);
    if (old?.fingerprint === fingerprint && typeof old.config === "object" && old.config !== null)
      return { config: old.config };
  }
  const { resolveFormatConfig } = await import("./format.js");
  const config = await resolveFormatConfig(outDir);
  if (fingerprint === undefined) return { config };
  return { config, record: { path: file, text: JSON.stringify({ fingerprint, config } satisfies ConfigRecord) } };
}
