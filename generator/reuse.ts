// reuse: what an incremental `generate` takes from earlier runs (all under generate's cache folder, each part
// checksummed or verified, each safe to delete): formatted statements, parsed spec files, the parsed identity facts,
// and whole output files whose inputs did not change. `check` and `--no-cache` use none of it.
import { formatMemo, ownCodeHash } from "./cache.js";
import type { FactsTable } from "../core/facts.js";
import type { FormatMemo, FormattedFile } from "./format.js";
import type { SpecInput } from "./files.js";
import { openOutputCache, type OutputCache } from "./output-cache.js";
import { cachedFacts, openSpecCache, type SpecCache } from "./spec-cache.js";

export interface Reuse {
  readonly memo: FormatMemo;
  readonly specs: SpecCache;
  readonly facts: FactsTable;
  readonly outputs: OutputCache;
  /** A file taken whole from the last run: its formatted statements stay in the memo for a later run. */
  keepStatements(file: string): void;
  /** Writes what this run adds (after the outputs); a cache that cannot be written only costs speed next time. */
  save(
    files: readonly FormattedFile[],
    write: (record: { path: string; text: string }) => Promise<void>,
    more?: readonly { path: string; text: string }[],
    partial?: boolean,
  ): Promise<void>;
}

/** `context`: the hash of the run's options, code and Prettier config (generate's key of a run with no spec input). */
export async function openReuse(
  cacheDir: string,
  outDir: string,
  inputs: readonly SpecInput[],
  prettierConfig: unknown,
  context: string,
  preload: readonly SpecInput[] = inputs,
): Promise<Reuse> {
  const code = await ownCodeHash();
  const [memo, specs, facts, outputs] = await Promise.all([
    formatMemo(cacheDir, outDir, prettierConfig),
    openSpecCache(cacheDir, outDir, inputs, code, preload),
    cachedFacts(cacheDir, code, { byRoute: preload.length < inputs.length }),
    openOutputCache(cacheDir, outDir, context),
  ]);
  return {
    memo: memo.memo,
    specs,
    facts: facts.table,
    outputs,
    keepStatements: (file) => memo.keep(file),
    async save(files, write, more = [], partial = false) {
      // A partial run keeps the last memo unless it formatted something new (the memo then holds both runs' part).
      const formatted = memo.record({ onlyIfNew: partial });
      await Promise.all([
        ...(formatted ? [write(formatted)] : []),
        write(outputs.record(files)),
        ...more.map(write),
        specs.save(),
        facts.save(),
      ]).catch(() => undefined);
    },
  };
}
