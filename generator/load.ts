// load: spec folder or file → LoadedSpec (YAML documents that keep their source positions).
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError, type Diagnostic } from "./diagnostics.js";

export interface LoadedFile {
  /** Path shown to users: relative to cwd when inside it, posix separators. */
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface LoadedSpec {
  /** Sorted by `file`. */
  readonly files: readonly LoadedFile[];
  /** YAML syntax problems. */
  readonly diagnostics: readonly Diagnostic[];
}

const SPEC_FILE = /\.ya?ml$/i;

/** Lists the spec files for a folder (its *.yaml / *.yml, not recursive) or a single file. */
export async function listSpecFiles(specPath: string): Promise<string[]> {
  const info = await stat(specPath).catch(() => undefined);
  if (!info) throw new ConfigError(`Spec path not found: ${specPath}`);
  if (info.isFile()) return [specPath];
  const names = (await readdir(specPath)).filter((n) => SPEC_FILE.test(n)).sort();
  if (names.length === 0) throw new ConfigError(`No *.yaml spec files in ${specPath}`);
  return names.map((n) => path.join(specPath, n));
}

export function displayPath(absOrRel: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, absOrRel));
  const shown = rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(cwd, absOrRel) : rel;
  return shown.split(path.sep).join("/");
}

export async function loadSpec(specPath: string, cwd = process.cwd()): Promise<LoadedSpec> {
  const paths = await listSpecFiles(path.resolve(cwd, specPath));
  const texts = await Promise.all(paths.map((p) => readFile(p, "utf8")));
  return parseSpecTexts(paths.map((p, i) => ({ file: displayPath(p, cwd), text: texts[i] ?? "" })));
}

/** Parses already-read spec texts (used by load, watch and tests). */
export function parseSpecTexts(inputs: readonly { file: string; text: string }[]): LoadedSpec {
  const files: LoadedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of [...inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
    for (const err of [...doc.errors, ...doc.warnings]) {
      const pos = lineCounter.linePos(err.pos[0]);
      diagnostics.push({
        code: "SPEC_YAML",
        severity: "error",
        message: yamlMessage(err.message),
        file,
        line: pos.line,
        column: pos.col,
      });
    }
    files.push({ file, text, doc, lineCounter });
  }
  return { files, diagnostics };
}

function yamlMessage(message: string): string {
  // The yaml package appends its own "at line X, column Y" excerpt; we print positions ourselves.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
