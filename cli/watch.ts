// watch: the `generate --watch` loop — regenerate once, then on every change under the spec path; errors are
// reported and watching goes on.
import { watch as fsWatch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { reportFailure, reportWarnings, summary, type Io } from "./report.js";
import { generate, type PipelineOptions } from "../generator/run.js";
import { specSourceList } from "../generator/files.js";

export interface Watcher {
  /** Resolves after each regeneration settles; used by tests. */
  readonly idle: () => Promise<void>;
  readonly close: () => void;
}

export async function watchAndGenerate(options: PipelineOptions, io: Io, debounceMs = 80): Promise<Watcher> {
  const specPaths = specSourceList(options.spec ?? "spec").map((s) => path.resolve(options.cwd ?? io.cwd, s));
  const kinds = await Promise.all(specPaths.map(async (p) => ({ specPath: p, isDir: (await stat(p)).isDirectory() })));
  let running: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const runOnce = async (): Promise<void> => {
    try {
      const report = await generate(options);
      reportWarnings(report.warnings, io);
      io.stdout(`[watch] ${summary(report.written.length, report.unchanged.length, report.removed.length)}\n`);
    } catch (error) {
      reportFailure(error, io);
      io.stdout("[watch] waiting for changes…\n");
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(runOnce);
    }, debounceMs);
  };
  running = runOnce();
  // Recursive: spec folders are read with their subfolders. One watcher per spec source.
  const watchers: FSWatcher[] = kinds.map(({ specPath, isDir }) =>
    fsWatch(isDir ? specPath : path.dirname(specPath), { recursive: isDir }, (_event, name) => {
      if (!name || !/\.ya?ml$/i.test(name.toString())) return;
      if (!isDir && path.basename(specPath) !== name.toString()) return;
      schedule();
    }),
  );
  return {
    idle: async () => {
      while (timer) await new Promise((r) => setTimeout(r, debounceMs));
      await running;
    },
    close: () => {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
