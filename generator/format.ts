// format: EmittedFile[] → formatted EmittedFile[] with prettier, using the target project's resolved config.
// Large files are formatted in pieces cut between top-level statements: prettier's cost grows faster than the text.
// Large outputs also spread the pieces over worker threads, one per other core, which start on the first file while
// the rest are still being emitted; pieces are joined in order, so the output is the same whoever formats them.
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as prettier from "prettier";
import type { EmittedFile } from "./emit/index.js";

/** Pieces of about this many characters (measured: 5,000 methods format ~25% faster than whole files). */
const PIECE_CHARS = 96 * 1024;
/** Below this much text, a worker (which loads prettier, ~0.3 s of CPU) costs more than it saves. */
const PARALLEL_MIN_CHARS = 1024 * 1024;
const MAX_WORKERS = 3;
/** Pieces a worker holds at once: it keeps working while this thread is busy emitting the next file. */
const WORKER_DEPTH = 2;

export interface FormatOptions {
  /** Overrides the piece size (tests use a small one to prove pieces format like whole files). */
  readonly pieceChars?: number;
  /** Worker threads formatting beside this one; 0: this thread only. */
  readonly workers?: number;
}

interface Job {
  readonly file: number;
  readonly text: string;
  options?: prettier.Options;
}

/** Worker threads worth starting on this machine for a large output: one per core besides this thread's. */
export function parallelWorkers(): number {
  return Math.min(MAX_WORKERS, availableParallelism() - 1);
}

/** Formats a whole set of files; workers only when the output is large (see `parallelWorkers`). */
export async function formatFiles(files: readonly EmittedFile[], outDir: string, options: FormatOptions = {}): Promise<EmittedFile[]> {
  const chars = files.reduce((n, f) => n + f.content.length, 0);
  const formatter = new Formatter(outDir, { workers: chars < PARALLEL_MIN_CHARS ? 0 : parallelWorkers(), ...options });
  for (const f of files) formatter.add(f);
  return formatter.finish();
}

// The worker imports the very prettier this module resolved, so every lane formats with one version.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const loaded = import(workerData.prettier);
parentPort.on("message", async ({ index, text, options }) => {
  try {
    const prettier = await loaded;
    parentPort.postMessage({ index, text: await prettier.format(text, options) });
  } catch (error) {
    parentPort.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/**
 * Takes emitted files as they come (`add`) and formats their pieces on worker threads at once; `finish` adds this
 * thread as a lane, waits for every piece and joins each file's pieces in order.
 */
export class Formatter {
  readonly #files: EmittedFile[] = [];
  readonly #jobs: Job[] = [];
  readonly #formatted: string[] = [];
  readonly #pieceChars: number;
  readonly #workers: Worker[] = [];
  readonly #busy = new Map<Worker, number>();
  #next = 0;
  #done = 0;
  #failure: Error | undefined;
  #config: prettier.Options | undefined;
  #settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  readonly #ready: Promise<void>;

  readonly #outDir: string;

  constructor(outDir: string, options: FormatOptions = {}) {
    this.#outDir = outDir;
    this.#pieceChars = options.pieceChars ?? PIECE_CHARS;
    // One resolution for the folder: every generated file shares it, and resolving per file costs disk reads.
    this.#ready = prettier.resolveConfig(path.join(outDir, "types.d.ts"), { editorconfig: true }).then((config) => {
      this.#config = config ?? {};
      // A config that cannot be sent to a thread (a .prettierrc.js with plugin objects) is formatted here only.
      if (cloneable(this.#config)) for (let i = 0; i < (options.workers ?? 0); i++) this.#startWorker();
    });
    this.#ready.catch(() => undefined); // reported by finish()
  }

  add(file: EmittedFile): void {
    const index = this.#files.push(file) - 1;
    for (const text of pieces(file, this.#pieceChars)) this.#jobs.push({ file: index, text });
    for (const w of this.#workers) this.#feed(w);
  }

  async finish(): Promise<EmittedFile[]> {
    try {
      await this.#ready;
      const all = new Promise<void>((resolve, reject) => (this.#settle = { resolve, reject }));
      all.catch(() => undefined); // awaited below unless this thread's own lane fails first
      this.#check();
      // This thread's lane: prettier's format is synchronous work behind a promise, so worker results are taken
      // (and the workers fed) between pieces.
      while (this.#next < this.#jobs.length && !this.#failure) {
        const index = this.#next++;
        this.#complete(index, await formatJob(this.#job(index)));
      }
      await all;
      return this.#files.map((f, file) => ({ path: f.path, content: this.#formatted.filter((_, i) => this.#jobs[i]!.file === file).join("\n") }));
    } finally {
      this.#next = this.#jobs.length;
      await Promise.all(this.#workers.map((w) => w.terminate()));
    }
  }

  /** Stops the workers without waiting for the pieces (the run failed before `finish`). */
  async abort(): Promise<void> {
    this.#next = this.#jobs.length;
    await this.#ready.catch(() => undefined);
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #job(index: number): Job & { options: prettier.Options } {
    const job = this.#jobs[index]!;
    // babel-ts: the same output as prettier's "typescript" parser on what we emit (a test holds it), ~40% faster.
    job.options ??= { ...this.#config, parser: "babel-ts", filepath: path.join(this.#outDir, this.#files[job.file]!.path) };
    return job as Job & { options: prettier.Options };
  }

  #startWorker(): void {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { prettier: import.meta.resolve("prettier") } });
    this.#workers.push(worker);
    this.#busy.set(worker, 0);
    worker.on("message", (m: { index: number; text?: string; error?: string }) => {
      this.#busy.set(worker, this.#busy.get(worker)! - 1);
      if (m.error !== undefined) return this.#fail(formatError(this.#job(m.index), m.error));
      this.#complete(m.index, m.text!);
      this.#feed(worker);
    });
    worker.on("error", (e) => this.#fail(e));
    worker.on("exit", (code) => {
      if (this.#busy.get(worker)! > 0) this.#fail(new Error(`a formatting thread stopped with pieces unformatted (exit code ${code})`));
    });
    this.#feed(worker);
  }

  #feed(worker: Worker): void {
    while (this.#busy.get(worker)! < WORKER_DEPTH && this.#next < this.#jobs.length && !this.#failure) {
      const index = this.#next++;
      this.#busy.set(worker, this.#busy.get(worker)! + 1);
      const job = this.#job(index);
      worker.postMessage({ index, text: job.text, options: job.options });
    }
  }

  #complete(index: number, text: string): void {
    this.#formatted[index] = text;
    this.#done++;
    this.#check();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#check();
  }

  #check(): void {
    if (!this.#settle) return;
    if (this.#failure) this.#settle.reject(this.#failure);
    else if (this.#done === this.#jobs.length) this.#settle.resolve();
  }
}

async function formatJob(job: Job & { options: prettier.Options }): Promise<string> {
  try {
    return await prettier.format(job.text, job.options);
  } catch (error) {
    throw formatError(job, error instanceof Error ? error.message : String(error));
  }
}

/** Generated code prettier cannot parse is a generator bug: say which file, and that it is ours. */
function formatError(job: Job & { options: prettier.Options }, message: string): Error {
  return new Error(`prettier could not format the generated ${path.basename(job.options.filepath!)} (a wix-authz bug, please report it): ${message}`);
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
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
