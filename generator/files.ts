// files: which spec files a spec path means, and how paths read in messages. Light on purpose: the no-change
// fast path of generate needs it before loading any parser.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../core/diagnostics.js";

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
}

/** Reads the spec files of a folder or the one file, once: the cache key and the parse both use these texts. */
export async function readSpecInputs(specPath: string, cwd = "."): Promise<SpecInput[]> {
  const paths = await listSpecFiles(path.resolve(cwd, specPath));
  const texts = await Promise.all(paths.map((p) => readFile(p, "utf8")));
  return paths.map((p, i) => ({ file: displayPath(p, cwd), text: texts[i] ?? "", path: p }));
}
