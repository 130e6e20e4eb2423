// format-pool: prettier over worker threads, for outputs large enough that formatting dominates generation.
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Options } from "prettier";

export interface FormatJob {
  readonly text: string;
  readonly options: Options;
}

// A CommonJS worker given prettier's resolved path: it runs the same way from sources, tests and dist/.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const prettier = require(workerData.prettier);
parentPort.on("message", async ({ id, text, options }) => {
  try {
    parentPort.postMessage({ id, text: await prettier.format(text, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error && error.message ? error.message : String(error) });
  }
});
`;

/** Formats every job, largest first, on up to `count` workers; results come back in job order. */
export async function formatInWorkers(jobs: readonly FormatJob[], count = Math.min(4, availableParallelism())): Promise<string[]> {
  const prettierPath = createRequire(import.meta.url).resolve("prettier");
  const workers = Array.from({ length: Math.max(1, Math.min(count, jobs.length)) }, () => new Worker(WORKER, { eval: true, workerData: { prettier: prettierPath } }));
  const results: string[] = new Array(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.text.length - jobs[a]!.text.length);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= order.length) return resolve();
              const id = order[next++]!;
              worker.postMessage({ id, text: jobs[id]!.text, options: jobs[id]!.options });
            };
            worker.on("message", (m: { id: number; text?: string; error?: string }) => {
              if (m.error !== undefined) return reject(new Error(`prettier failed: ${m.error}`));
              results[m.id] = m.text!;
              send();
            });
            worker.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
