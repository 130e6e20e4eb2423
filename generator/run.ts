// run: the pipeline end to end — load → validate → normalize → emit → print → format → write (or compare, for check).
import path from "node:path";
import { cacheKey, cacheRecord, freshRecord } from "./cache.js";
import type { FormattedFile } from "./format.js";
import { resolveFormatConfigCached } from "./prettier-config.js";
import type { Reuse } from "./reuse.js";
import { displayPath, displaySources, readSpecInputs, type SpecInput, type SpecSources } from "./files.js";
import type { Options } from "prettier";
import { ConfigError, SpecError, type Diagnostic } from "../core/diagnostics.js";
import type { ApiModel } from "../core/model.js";
import type { Drift, WriteReport } from "./write.js";

export interface PipelineOptions {
  /** Spec folder or file, or several merged in order (see `overrides`). Default "spec". */
  readonly spec?: SpecSources;
  /** Methods (`namespace.name`) a later spec source may define again, replacing an earlier source's. */
  readonly overrides?: readonly string[];
  /**
   * Prettier: true (default) formats with the output folder's own configuration, false writes the printer's
   * output unformatted, a string is the Prettier config file to use instead of the folder's.
   */
  readonly prettier?: boolean | string;
  /** Output folder. Default "generated". */
  readonly out?: string;
  /** Working directory paths are resolved against. */
  readonly cwd?: string;
  /** Runtime module specifier used by generated code. Default "@wix-authz/runtime". */
  readonly runtimeImport?: string;
  /** Where `generate` records what it wrote, to skip a no-change rerun. Default node_modules/.cache/wix-authz. */
  readonly cacheDir?: string;
  /** Always run the whole pipeline. */
  readonly noCache?: boolean;
  /** Disagreements with Wix's documented identities (facts/identities) fail instead of warning. */
  readonly strictFacts?: boolean;
}

export interface GenerateReport extends WriteReport {
  /** Number of methods in the spec. */
  readonly methods: number;
  /** True when nothing changed since the last run and the pipeline was skipped. */
  readonly cached: boolean;
  /** Not failures: the spec disagrees with Wix's documented identities (kept in the cache, so reruns repeat them). */
  readonly warnings: readonly Diagnostic[];
}

function resolved(options: PipelineOptions) {
  const cwd = path.resolve(options.cwd ?? ".");
  const spec: SpecSources = options.spec ?? "spec";
  const out = options.out ?? "generated";
  const cacheDir = path.resolve(cwd, options.cacheDir ?? "node_modules/.cache/wix-authz");
  return { cwd, spec, out, outDir: path.resolve(cwd, out), cacheDir };
}

/** The spec texts and the Prettier config of one run, each read once. */
interface RunInputs {
  readonly inputs: readonly SpecInput[];
  readonly prettierConfig: Options;
  /** The resolved config's cache record, when it was resolved afresh (generate writes it). */
  readonly prettierRecord?: { readonly path: string; readonly text: string };
}

async function readInputs(options: PipelineOptions): Promise<RunInputs> {
  const { cwd, spec, outDir } = resolved(options);
  const [inputs, prettier] = await Promise.all([readSpecInputs(spec, cwd), prettierOptions(options, outDir)]);
  return { inputs, prettierConfig: prettier.config, ...(prettier.record && { prettierRecord: prettier.record }) };
}

/** The Prettier options of a run: the output folder's resolved config, a named config file's, or none (off). */
async function prettierOptions(
  options: PipelineOptions,
  outDir: string,
): Promise<{ config: Options; record?: { readonly path: string; readonly text: string } }> {
  const setting = options.prettier ?? true;
  if (setting === false) return { config: {} };
  if (setting === true) {
    if (options.noCache) return { config: await (await import("./format.js")).resolveFormatConfig(outDir) };
    return resolveFormatConfigCached(outDir, resolved(options).cacheDir);
  }
  const file = path.resolve(options.cwd ?? ".", setting);
  const { clearConfigCache, resolveConfig } = await import("prettier");
  await clearConfigCache();
  const found = await resolveConfig(path.join(outDir, "types.d.ts"), { config: file, editorconfig: true }).catch(
    (error: unknown) => {
      throw new ConfigError(
        `Cannot read the Prettier config ${displayPath(file, options.cwd ?? ".")}: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  if (!found) throw new ConfigError(`Prettier config not found: ${displayPath(file, options.cwd ?? ".")}`);
  return { config: found };
}

/** The formatted files `generate` would write, without touching the disk; with `reuse`, incrementally. */
export async function renderFiles(
  options: PipelineOptions = {},
  read?: RunInputs,
  reuse?: Reuse,
): Promise<{ model: ApiModel; files: FormattedFile[]; warnings: readonly Diagnostic[] }> {
  const { cwd, spec, out, outDir } = resolved(options);
  const { inputs, prettierConfig } = read ?? (await readInputs(options));
  // Loaded here, not at the top: a no-change `generate` (cache hit) never needs the parsers, ts-morph or Prettier.
  const [
    { parseSpecTexts },
    { checkedFromLoaded },
    { planModules, typesDigests },
    { printModules },
    { formatFiles, printerExactWidth },
  ] = await Promise.all([
    import("./load.js"),
    import("./load-model.js"),
    import("./emit/index.js"),
    import("./print.js"),
    import("./format.js"),
  ]);
  const loadOptions = { overrides: options.overrides ?? [] };
  const factsOptions = { strictFacts: options.strictFacts === true, ...(reuse && { facts: reuse.facts }) };
  const loaded = parseSpecTexts(inputs, loadOptions, reuse?.specs);
  let checked;
  try {
    checked = checkedFromLoaded(loaded, factsOptions);
  } catch (error) {
    // A problem found with cached files in the set is reported from the texts, as a cold run finds it (the cache
    // keeps files in canonical form, which decides no verdict but may order a message's details differently).
    if (!(error instanceof SpecError) || loaded.checked === undefined) throw error;
    checked = checkedFromLoaded(parseSpecTexts(inputs, loadOptions), factsOptions);
  }
  const { model, warnings } = checked;
  // Each file's part of types.d.ts's inputs, hashed: a cached file's as the cache has it, the others' from the model.
  const cachedTypes = new Map(loaded.files.map((f) => [f.file, loaded.checked?.get(f.data)?.types]));
  const typesByFile = reuse ? typesDigests(model, (file) => cachedTypes.get(file)) : undefined;
  if (reuse) {
    const digest = new Map(typesByFile);
    reuse.specs.validated(loaded.files.map((f) => ({ data: f.data, types: digest.get(f.file)! })));
  }
  const planned = planModules(
    model,
    {
      specArg: displaySources(spec, cwd),
      outArg: displayPath(out, cwd),
      ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
    },
    typesByFile,
  );
  // Files made from exactly the same inputs as the last run's, and still as it wrote them: taken as they are.
  const reused = new Map<string, string>();
  for (const m of reuse ? planned : []) {
    const text = m.inputs === undefined ? undefined : await reuse!.outputs.reuse(m.path, m.inputs);
    if (text === undefined) continue;
    reused.set(m.path, text);
    reuse!.keepStatements(m.path);
  }
  // Printed at the width Prettier would format with, when the printer is exact for the config: most statements then
  // skip Prettier (format.ts).
  const width = options.prettier === false ? undefined : printerExactWidth(prettierConfig);
  const printed = printModules(
    planned.filter((m) => !reused.has(m.path)).map((m) => ({ path: m.path, statements: m.statements() })),
    width === undefined ? {} : { width },
  );
  const made =
    options.prettier === false
      ? printed.map((f) => ({ path: f.path, content: f.text }))
      : await formatFiles(printed, outDir, { config: prettierConfig, ...(reuse && { memo: reuse.memo }) });
  const byPath = new Map(made.map((f) => [f.path, f.content]));
  const files = planned.map((m) => ({ path: m.path, content: reused.get(m.path) ?? byPath.get(m.path)! }));
  return { model, files, warnings };
}

/** What decides the output besides the spec texts (with the code, Prettier's config and version: cacheKey). */
function optionsKey(options: PipelineOptions, spec: SpecSources): string {
  return JSON.stringify([
    spec,
    options.out ?? "generated",
    options.runtimeImport ?? "",
    options.strictFacts === true,
    options.overrides ?? [],
    options.prettier ?? true,
  ]);
}

export async function generate(options: PipelineOptions = {}): Promise<GenerateReport> {
  const { spec, outDir, cacheDir } = resolved(options);
  const read = await readInputs(options);
  const key = options.noCache ? undefined : await cacheKey(read.inputs, read.prettierConfig, optionsKey(options, spec));
  const hit = key === undefined ? undefined : await freshRecord(cacheDir, outDir, key);
  // A cache that cannot be written (read-only node_modules) only costs speed next time.
  if (hit && read.prettierRecord)
    await (await import("./write.js")).writeCacheRecord(read.prettierRecord).catch(() => undefined);
  if (hit)
    return {
      written: [],
      unchanged: Object.keys(hit.files),
      removed: [],
      methods: hit.methods,
      cached: true,
      warnings: hit.warnings ?? [],
    };
  // Loaded past the no-change check: a cache hit needs neither the writer nor the caches (nor the YAML parser they
  // load for the identity facts).
  const [{ openReuse }, { writeCacheRecord, writeFiles }] = await Promise.all([
    import("./reuse.js"),
    import("./write.js"),
  ]);
  // What earlier runs made (statements, parsed spec files, whole outputs): only what changed is made again.
  const reuse =
    key === undefined
      ? undefined
      : await openReuse(
          cacheDir,
          outDir,
          read.inputs,
          read.prettierConfig,
          await cacheKey([], read.prettierConfig, optionsKey(options, spec)),
        );
  const { model, files, warnings } = await renderFiles(options, read, reuse);
  const report = await writeFiles(files, outDir);
  // A cache that cannot be written (read-only node_modules) only costs speed next time.
  if (key !== undefined) {
    await writeCacheRecord(cacheRecord(cacheDir, outDir, key, files, model.methods.length, warnings)).catch(
      () => undefined,
    );
    await reuse!.save(files, writeCacheRecord);
    if (read.prettierRecord) await writeCacheRecord(read.prettierRecord).catch(() => undefined);
  }
  return { ...report, methods: model.methods.length, cached: false, warnings };
}

export async function check(options: PipelineOptions = {}): Promise<Drift & { warnings: readonly Diagnostic[] }> {
  const { files, warnings } = await renderFiles(options);
  const { compareWithDisk } = await import("./write.js");
  return { ...(await compareWithDisk(files, resolved(options).outDir)), warnings };
}
