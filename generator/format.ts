// format: EmittedFile[] → formatted EmittedFile[] with prettier, using the target project's resolved config.
// Large files are formatted in pieces cut between top-level statements: prettier's cost grows faster than the text.
// Large outputs spread the pieces over worker threads, one per core; pieces are joined in order, so the output is
// the same whoever formats them.
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as prettier from "prettier";
import type { EmittedFile } from "./emit/index.js";

/** Pieces of about this many characters (measured: 5,000 methods format ~25% faster than whole files). */
const PIECE_CHARS = 96 * 1024;
/** Below this much text, starting workers (each loads prettier, ~0.3 s) costs more than it saves. */
const PARALLEL_MIN_CHARS = 1024 * 1024;
const MAX_WORKERS = 3;

export interface FormatOptions {
  /** Overrides the piece size (tests use a small one to prove pieces format like whole files). */
  readonly pieceChars?: number;
  /** Worker threads formatting beside this one; 0: this thread only. Default: one per other core for large outputs. */
  readonly workers?: number;
}

interface Job {
  readonly file: number;
  readonly text: string;
  readonly options: prettier.Options;
}

export async function formatFiles(files: readonly EmittedFile[], outDir: string, options: FormatOptions = {}): Promise<EmittedFile[]> {
  // One resolution for the folder: every generated file shares it, and resolving per file costs disk reads.
  const config = (await prettier.resolveConfig(path.join(outDir, "types.d.ts"), { editorconfig: true })) ?? {};
  const jobs: Job[] = files.flatMap((f, file) =>
    // babel-ts: the same output as prettier's "typescript" parser on what we emit (a test holds it), ~40% faster.
    pieces(f, options.pieceChars ?? PIECE_CHARS).map((text) => ({ file, text, options: { ...config, parser: "babel-ts", filepath: path.join(outDir, f.path) } })),
  );
  const workers = Math.min(jobs.length, options.workers ?? defaultWorkers(files));
  // A config that cannot be sent to a thread (a .prettierrc.js with plugin objects) is formatted here.
  const formatted = workers > 0 && cloneable(config) ? await formatInWorkers(jobs, workers) : await formatHere(jobs);
  return files.map((f, file) => ({ path: f.path, content: formatted.filter((_, i) => jobs[i]!.file === file).join("\n") }));
}

function defaultWorkers(files: readonly EmittedFile[]): number {
  const chars = files.reduce((n, f) => n + f.content.length, 0);
  return chars < PARALLEL_MIN_CHARS ? 0 : Math.min(MAX_WORKERS, availableParallelism() - 1);
}

async function formatHere(jobs: readonly Job[]): Promise<string[]> {
  const formatted: string[] = [];
  for (const j of jobs) formatted.push(await formatJob(j));
  return formatted;
}

async function formatJob(job: Job): Promise<string> {
  try {
    return await prettier.format(job.text, job.options);
  } catch (error) {
    throw formatError(job, error instanceof Error ? error.message : String(error));
  }
}

/** Generated code prettier cannot parse is a generator bug: say which file, and that it is ours. */
function formatError(job: Job, message: string): Error {
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
 * Formats the jobs on this thread and `count` worker threads, each lane taking the next piece when it finishes one
 * (a thread that is still loading prettier takes none); results keep job order.
 */
async function formatInWorkers(jobs: readonly Job[], count: number): Promise<string[]> {
  const formatted: string[] = new Array(jobs.length);
  let next = 0;
  const here = async () => {
    while (next < jobs.length) {
      const index = next++;
      formatted[index] = await formatJob(jobs[index]!);
    }
  };
  const prettierUrl = import.meta.resolve("prettier");
  const threads = Array.from({ length: count }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { prettier: prettierUrl } }));
  const lane = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const give = () => {
        if (next >= jobs.length) return resolve();
        const index = next++;
        worker.postMessage({ index, text: jobs[index]!.text, options: jobs[index]!.options });
      };
      worker.on("message", (m: { index: number; text?: string; error?: string }) => {
        if (m.error !== undefined) return reject(formatError(jobs[m.index]!, m.error));
        formatted[m.index] = m.text!;
        give();
      });
      worker.on("error", reject);
      // After this thread's last piece the promise is settled, so the exit from terminate() below changes nothing.
      worker.on("exit", (code) => reject(new Error(`a formatting thread stopped early (exit code ${code})`)));
      worker.on("online", give);
    });
  try {
    await Promise.all([here(), ...threads.map(lane)]);
    return formatted;
  } catch (error) {
    next = jobs.length; // the other lanes stop after their current piece
    throw error;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
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
