// text-hash: the sha256 of an output text, made once per run. The writer, the run record, the output cache and the
// partial record each hash every output (megabytes at the catalogue's size); a file read back whole from the last run
// carries the hash its bytes had (FormattedFile.hash).
import { createHash } from "node:crypto";

const known = new Map<string, string>();

/** sha256 (hex) of the text as UTF-8. */
export function textHash(text: string): string {
  let hash = known.get(text);
  if (hash === undefined) known.set(text, (hash = createHash("sha256").update(text).digest("hex")));
  return hash;
}

/** A generated file's hash: as known when it was read back (its bytes hashed), else of its text. */
export function fileHash(file: { readonly content: string; readonly hash?: string }): string {
  return file.hash ?? textHash(file.content);
}

/** Forgets the hashes (generate calls it after each run: a watching process would otherwise keep every output). */
export function forgetTextHashes(): void {
  known.clear();
}

/** How many texts are remembered now (0 between runs of generate). */
export function rememberedTexts(): number {
  return known.size;
}
