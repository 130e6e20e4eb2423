// output-cache: output files generate may take from the last run instead of emitting, printing and formatting them
// again: a file planned with `inputs` (emit/index.ts) whose inputs hash the same under the same run context, and whose
// text on disk is still what the last run wrote there. The record holds hashes only: the text is the output itself.
import { createHash } from "node:crypto";
import path from "node:path";
import type { FormattedFile } from "./format.js";
import { fileHash } from "./text-hash.js";
import { readJson, readOptional } from "./fs-sync.js";

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

interface OutputRecord {
  /** Per output file: the hash of the run context and the file's inputs, and the hash of the text written. */
  readonly files: Readonly<Record<string, { readonly inputs: string; readonly text: string }>>;
}

export interface OutputCache {
  /**
   * The last run's file, when it was made from these inputs and the file on disk still holds it: with its hash, its
   * text decoded only if asked for (an unchanged file is compared and recorded by hash).
   */
  reuse(file: string, inputs: unknown): Promise<FormattedFile | undefined>;
  /** The record of this run's files (those with inputs, as `reuse` saw them), to write after the outputs. */
  record(files: readonly FormattedFile[]): { readonly path: string; readonly text: string };
}

/**
 * The output cache of an output folder. `context` is the hash of everything else a file's text depends on (the
 * generator's code, the options, the Prettier version and config): generate's cache key of a run with no spec input.
 * A missing or damaged record, or a file changed on disk since, is a miss: the file is made as in a cold run.
 */
export async function openOutputCache(cacheDir: string, outDir: string, context: string): Promise<OutputCache> {
  const file = path.join(cacheDir, `${sha(outDir).slice(0, 16)}.outputs.json`);
  const old = (readJson(file) as OutputRecord | null | undefined)?.files;
  const keys = new Map<string, string>();
  return {
    async reuse(name, inputs) {
      const key = sha(`${context}\0${name}\0${JSON.stringify(inputs)}`);
      keys.set(name, key);
      const last = old && Object.hasOwn(old, name) ? old[name] : undefined;
      if (typeof last !== "object" || last === null || last.inputs !== key) return undefined;
      // Checked as bytes (the hash of the text written, as UTF-8), decoded only when it is the last run's.
      const bytes = readOptional(path.join(outDir, name));
      if (bytes === undefined || sha(bytes) !== last.text) return undefined;
      let text: string | undefined;
      const hash = last.text;
      return {
        path: name,
        hash,
        onDisk: true,
        get content() {
          return (text ??= bytes.toString("utf8"));
        },
      };
    },
    record(files) {
      const out: Record<string, { inputs: string; text: string }> = {};
      for (const f of files) {
        const inputs = keys.get(f.path);
        if (inputs !== undefined) out[f.path] = { inputs, text: fileHash(f) };
      }
      return { path: file, text: JSON.stringify({ files: out } satisfies OutputRecord) };
    },
  };
}
