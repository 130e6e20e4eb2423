// --watch: reload the served spec when a spec file under its folders changes. A bad spec is reported and the
// previous one goes on being served; sessions, carts and orders survive every reload.
import { watch as fsWatch, type FSWatcher, statSync } from "node:fs";
import path from "node:path";
import type { RunningEmulator } from "./index.js";

export interface SpecWatchEvents {
  /** After a good reload, with the new `serving` (e.g. `spec (12 methods)`). */
  reloaded(serving: string): void;
  /** A reload that failed: the error (SpecError with diagnostics, ConfigError); the previous spec is still served. */
  failed(error: unknown): void;
}

export interface SpecWatcher {
  /** Resolves once no reload is pending or running (for tests). */
  idle(): Promise<void>;
  close(): void;
}

/** Watches every served spec folder (recursively) or file; spec-file changes are debounced into one reload. */
export function watchSpec(emulator: RunningEmulator, events: SpecWatchEvents, debounceMs = 80): SpecWatcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(() => emulator.reload().then(events.reloaded, events.failed));
    }, debounceMs);
  };
  const watchers: FSWatcher[] = emulator.specPaths.map((target) => {
    const isDir = statSync(target).isDirectory();
    return fsWatch(isDir ? target : path.dirname(target), { recursive: isDir }, (_event, name) => {
      const file = name?.toString();
      if (file === undefined || !/\.ya?ml$/i.test(file)) return;
      if (!isDir && path.basename(target) !== path.basename(file)) return;
      schedule();
    });
  });
  return {
    idle: async () => {
      while (timer !== undefined) await new Promise((resolve) => setTimeout(resolve, debounceMs));
      await running;
    },
    close: () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
