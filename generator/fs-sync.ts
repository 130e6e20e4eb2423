// fs-sync: the small reads and writes of generate's fast paths (its cache records, the outputs it checks, the spec
// files it stats), made synchronously. Each asynchronous read is four trips to the thread pool (open, stat, read,
// close) and the main thread idles between them: ~10 ms of an incremental run, more than the reading itself.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

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

/** A file's JSON value, or undefined when it cannot be read or is not JSON. */
export function readJson(file: string): unknown {
  const text = readOptionalText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
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

/**
 * Replaces `file` atomically: a temp file beside it, then a rename, so a reader sees the old or the new text; a temp
 * file left by a failure is removed, and the failure thrown.
 */
export function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/** A record's text: a first line of `tag` and the sha256 of the rest, then `value` as JSON. */
export function sealed(tag: string, value: unknown): string {
  const body = JSON.stringify(value);
  return `${tag} ${sha(body)}\n${body}`;
}

/** The value of a sealed record when whole (its tag is `tag`, its checksum agrees, its body is JSON), else undefined. */
export function unsealed(tag: string, bytes: Buffer | undefined): unknown {
  if (bytes === undefined) return undefined;
  const end = bytes.indexOf(0x0a);
  if (end === -1) return undefined;
  const [head, sum] = bytes.subarray(0, end).toString("utf8").split(" ");
  const body = bytes.subarray(end + 1);
  if (head !== tag || sum !== sha(body)) return undefined;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
