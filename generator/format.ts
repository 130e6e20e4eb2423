// format: EmittedFile[] → formatted EmittedFile[] with prettier, in-process, using the target project's resolved config.
// Large files are formatted in pieces cut between top-level statements, across worker threads when that pays.
import path from "node:path";
import * as prettier from "prettier";
import type { EmittedFile } from "./emit/index.js";
import { formatInWorkers } from "./format-pool.js";

/** Pieces of about this many characters: small enough to spread over cores, large enough to amortize each call. */
const PIECE_CHARS = 96 * 1024;
/** Below this much text, worker start-up costs more than it saves. */
const WORKERS_FROM_CHARS = 1024 * 1024;

export interface FormatOptions {
  /** Overrides the piece size (tests use a small one to prove pieces format like whole files). */
  readonly pieceChars?: number;
  /** Worker threads to use for large outputs; 0 formats in this thread. Default: available cores, at most 4. */
  readonly workers?: number;
}

export async function formatFiles(files: readonly EmittedFile[], outDir: string, options: FormatOptions = {}): Promise<EmittedFile[]> {
  // One resolution for the folder: every generated file shares it, and resolving per file costs disk reads.
  const config = (await prettier.resolveConfig(path.join(outDir, "types.d.ts"), { editorconfig: true })) ?? {};
  const jobs = files.flatMap((f, file) =>
    pieces(f, options.pieceChars ?? PIECE_CHARS).map((text) => ({ file, text, options: { ...config, parser: "typescript", filepath: path.join(outDir, f.path) } })),
  );
  const total = jobs.reduce((n, j) => n + j.text.length, 0);
  const formatted =
    total >= WORKERS_FROM_CHARS && (options.workers ?? 1) > 0
      ? await formatInWorkers(jobs, options.workers)
      : await Promise.all(jobs.map((j) => prettier.format(j.text, j.options)));
  return files.map((f, file) => ({ path: f.path, content: formatted.filter((_, i) => jobs[i]!.file === file).join("\n") }));
}

/** Cuts a file at statement boundaries into pieces of at least `size` characters (the last may be shorter). */
function pieces(file: EmittedFile, size: number): string[] {
  if (!file.splitPoints?.length || file.content.length <= size) return [file.content];
  const out: string[] = [];
  let start = 0;
  for (const point of file.splitPoints) {
    if (point - start >= size) {
      out.push(file.content.slice(start, point));
      start = point;
    }
  }
  out.push(file.content.slice(start));
  return out;
}
