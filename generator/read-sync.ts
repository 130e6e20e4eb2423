// read-sync: the small reads of generate's fast paths (its cache records, the outputs it checks, the spec files it
// stats), made synchronously. Each asynchronous read is four trips to the thread pool (open, stat, read, close) and
// the main thread idles between them: ~10 ms of an incremental run, more than the reading itself.
import { readdirSync, readFileSync } from "node:fs";

/** A file's bytes, or undefined when it cannot be read (missing, a folder, no permission): a cache miss. */
export function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** readOptional, decoded as UTF-8. */
export function readOptionalText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A folder's entry names, or none when it cannot be listed (missing): nothing cached there. */
export function readdirOptional(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
