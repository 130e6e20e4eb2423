// run: the pipeline end to end — load → validate → normalize → emit → print → format → write (or compare, for check).
import path from "node:path";
import { cacheKey, cacheRecord, freshRecord } from "./cache.js";
import type { FormattedFile } from "./format.js";
import { resolveFormatConfigCached } from "./prettier-config.js";
import type { Reuse } from "./reuse.js";
import { digestOf, displayPath, displaySources, readSpecInputs, type SpecInput, type SpecSources } from "./files.js";
import type { PlannedModule } from "./emit/index.js";
import type { PartialRecord, PartialResult } from "./partial.js";
import type { StatMemo } from "./stat-memo.js";
import type { Options } from "prettier";
import { compareDiagnostics, ConfigError, SpecError, type Diagnostic } from "../core/diagnostics.js";
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
  /**
   * How many spec files this run loaded and checked: all of them, or (an incremental run, partial.ts) the changed
   * ones and the files tied to them; 0 when nothing changed.
   */
  readonly checkedFiles: number;
  /**
   * How the run went: nothing changed (`hit`), only the changed files and those tied to them were checked
   * (`partial`, partial.ts), or the whole pipeline ran (`full`).
   */
  readonly path: "hit" | "partial" | "full";
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

async function readInputs(options: PipelineOptions, stats?: StatMemo): Promise<RunInputs> {
  const { cwd, spec, outDir } = resolved(options);
  const [inputs, prettier] = await Promise.all([readSpecInputs(spec, cwd, stats), prettierOptions(options, outDir)]);
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

/** What a render made: the files, the model and warnings, and (incremental runs) the record for the next run. */
interface Rendered {
  readonly model: ApiModel;
  readonly files: FormattedFile[];
  readonly warnings: readonly Diagnostic[];
  /** The spec files loaded and checked (GenerateReport.checkedFiles). */
  readonly checkedFiles: number;
  /** True for a partial run (renderPartial): the other files' work came from the last run. */
  readonly wasPartial?: boolean;
  /** What the next run needs to be partial (partial.ts), when this run's setting allows one. */
  readonly partial?: PartialResult;
}

/** The last run's partial record (when there is one for this run's context) and that context. */
interface PartialState {
  readonly context: string;
  readonly last?: PartialRecord;
}

// Loaded on use, not at the top: a no-change `generate` (cache hit) never needs the parsers, ts-morph or Prettier.
const stages = () =>
  Promise.all([
    import("./load.js"),
    import("./load-model.js"),
    import("./emit/index.js"),
    import("./print.js"),
    import("./format.js"),
    import("./partial.js"),
  ]);

/**
 * Whether a run may record what a later partial run needs: one spec source and no overrides (partial.ts checks
 * files alone, never merged), and statements formatted one by one (a printer-exact Prettier config).
 */
function partialAllowed(options: PipelineOptions, inputs: readonly SpecInput[], width: number | undefined): boolean {
  return (
    (options.overrides ?? []).length === 0 &&
    inputs.every((i) => (i.source ?? 0) === 0) &&
    options.prettier !== false &&
    width !== undefined
  );
}

/** The formatted files `generate` would write, without touching the disk; with `reuse`, incrementally. */
export async function renderFiles(
  options: PipelineOptions = {},
  read?: RunInputs,
  reuse?: Reuse,
  partial?: PartialState,
): Promise<Rendered> {
  const { inputs, prettierConfig } = read ?? (await readInputs(options));
  const [
    { parseSpecTexts },
    { checkedFromLoaded },
    { planModules, typesDigests },
    ,
    { printerExactWidth },
    { summaries, statementRanges },
  ] = await stages();
  // A run that tried the partial path first read only the entries it needed.
  if (reuse) await reuse.specs.load(inputs);
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
  const planned = planModules(model, emitOptions(options), typesByFile);
  const files = await madeFiles(planned, options, prettierConfig, reuse);
  const width = printerExactWidth(prettierConfig);
  const checkedFiles = inputs.length;
  if (!reuse || !partial || !typesByFile || !partialAllowed(options, inputs, width))
    return { model, files, warnings, checkedFiles };
  const { refStrings } = await import("./refs.js");
  const dataOf = new Map(loaded.files.map((f) => [f.file, f.data]));
  const refsOf = (file: string) => {
    const data = dataOf.get(file);
    return loaded.checked?.get(data)?.refs ?? refStrings(data);
  };
  const { outputs, ranges } = statementRanges(planned, files, partial.last);
  const record: PartialRecord = {
    key: partial.context,
    files: summaries(model, digestsOf(inputs), refsOf, new Map(typesByFile), warnings),
    outputs,
  };
  return { model, files, warnings, checkedFiles, partial: { record, ranges } };
}

const digestsOf = (inputs: readonly SpecInput[]) => new Map(inputs.map((i) => [i.file, digestOf(i)]));

function emitOptions(options: PipelineOptions) {
  const { cwd, spec, out } = resolved(options);
  return {
    specArg: displaySources(spec, cwd),
    outArg: displayPath(out, cwd),
    ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
  };
}

/** Planned modules → formatted files: reused whole where the output cache has them, else printed and formatted. */
async function madeFiles(
  planned: readonly PlannedModule[],
  options: PipelineOptions,
  prettierConfig: Options,
  reuse: Reuse | undefined,
): Promise<FormattedFile[]> {
  const { outDir } = resolved(options);
  const [{ printModules }, { formatFiles, printerExactWidth }] = await Promise.all([
    import("./print.js"),
    import("./format.js"),
  ]);
  // Files made from exactly the same inputs as the last run's, and still as it wrote them: taken as they are.
  const reused = new Map<string, FormattedFile>();
  for (const m of reuse ? planned : []) {
    const file = m.inputs === undefined ? undefined : await reuse!.outputs.reuse(m.path, m.inputs);
    if (file === undefined) continue;
    reused.set(m.path, file);
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
  const byPath = new Map(made.map((f) => [f.path, f]));
  return planned.map((m) => reused.get(m.path) ?? byPath.get(m.path)!);
}

/**
 * The incremental run in proportion to the change (partial.ts): the changed files and the files tied to them are
 * loaded and checked as a cold run checks them, the rest is known from the last run's record. Undefined when it
 * cannot decide (a problem found, a clash of names, too much tied together, a record or output missing): the whole
 * pipeline then runs.
 */
async function renderPartial(
  options: PipelineOptions,
  read: RunInputs,
  reuse: Reuse,
  last: PartialRecord,
  changed: readonly SpecInput[],
  context: string,
): Promise<Rendered | undefined> {
  const { outDir } = resolved(options);
  const { inputs, prettierConfig } = read;
  const [
    { parseSpecTexts },
    { checkedFromLoaded },
    { planModules, typesDigests, reusedKeys },
    ,
    { lineEnd, printerExactWidth },
    partial,
  ] = await stages();
  if (!partialAllowed(options, inputs, printerExactWidth(prettierConfig))) return undefined;
  const { refStrings } = await import("./refs.js");
  const { byCodePoint } = await import("./normalize.js");
  const loadOptions = { overrides: [] };
  await reuse.specs.loadPrevious(changed.map((i) => ({ file: i.file, digest: last.files[i.file]!.digest })));
  const fresh = parseSpecTexts(changed, loadOptions, reuse.specs);
  if (fresh.diagnostics.length > 0) return undefined;
  const facts = new Map(fresh.files.map((f) => [f.file, partial.dataFacts(f.data, refStrings(f.data))]));
  const all = inputs.map((i) => i.file);
  const group = partial.tiedGroup(last, facts, all);
  if (group.size === all.length) return undefined;
  const tied = inputs.filter((i) => group.has(i.file) && !facts.has(i.file));
  await reuse.specs.load(tied);
  const known = parseSpecTexts(tied, loadOptions, reuse.specs);
  if (known.diagnostics.length > 0) return undefined;
  const checkedData = new Map([...(fresh.checked ?? []), ...(known.checked ?? [])]);
  const loaded = {
    files: [...fresh.files, ...known.files].sort((a, b) => byCodePoint(a.file, b.file)),
    diagnostics: [],
    checked: checkedData,
  };
  let checked;
  try {
    checked = checkedFromLoaded(loaded, { strictFacts: options.strictFacts === true, facts: reuse.facts });
  } catch (error) {
    if (error instanceof SpecError) return undefined;
    throw error;
  }
  const methods = [...checked.model.methods];
  const schemas = [...checked.model.schemas];
  const rest = all.filter((f) => !group.has(f));
  for (const file of rest) {
    const thin = partial.thinParts(file, last.files[file]!);
    methods.push(...thin.methods);
    schemas.push(...thin.schemas);
  }
  methods.sort((a, b) => byCodePoint(a.id, b.id));
  schemas.sort((a, b) => byCodePoint(a.name, b.name));
  if (partial.namesClash(methods, schemas)) return undefined;
  // Each namespace's `All…` interface is one group's or the rest's, never both (tiedGroup ties shared namespaces).
  const groupNamespaces = new Set(checked.model.methods.map((m) => m.namespace.join(".")));
  if (methods.some((m) => !group.has(m.source.file) && groupNamespaces.has(m.namespace.join(".")))) return undefined;
  const model: ApiModel = Object.freeze({ methods, schemas, sources: [...all].sort(byCodePoint) });
  const dataOf = new Map(loaded.files.map((f) => [f.file, f.data]));
  const typesByFile = typesDigests(model, (file) =>
    group.has(file) ? checkedData.get(dataOf.get(file))?.types : last.files[file]!.types,
  );
  const digest = new Map(typesByFile);
  reuse.specs.validated(loaded.files.map((f) => ({ data: f.data, types: digest.get(f.file)! })));
  // The statements of the files not in the group, as the last run wrote them.
  const touched = new Set<string>();
  const changedNamespaces = [
    ...checked.model.methods.map((m) => m.namespace),
    ...[...group].flatMap((file) => last.files[file]?.methods.map((m) => m.namespace) ?? []),
  ];
  for (const ns of changedNamespaces) for (let i = 0; i <= ns.length; i++) touched.add(ns.slice(0, i).join("."));
  const owners = reusedKeys(model, new Set(rest), touched);
  const take = partial.lastStatements(last, resolved(options).cacheDir, outDir, lineEnd(prettierConfig));
  let planned, files;
  try {
    planned = planModules(model, emitOptions(options), typesByFile, (file, key) =>
      owners.has(key) ? take(file, key) : undefined,
    );
    files = await madeFiles(planned, options, prettierConfig, reuse);
  } catch (error) {
    if (error instanceof partial.PartialMiss) return undefined;
    throw error;
  }
  for (const file of ["types.d.ts", "clients.d.ts"]) reuse.keepStatements(file);
  const warnings = [...checked.warnings];
  for (const file of rest) warnings.push(...last.files[file]!.warnings);
  warnings.sort(compareDiagnostics);
  const refsOf = (file: string) => {
    const data = dataOf.get(file);
    return group.has(file) ? (checkedData.get(data)?.refs ?? refStrings(data)) : last.files[file]!.refs;
  };
  const { outputs, ranges } = partial.statementRanges(planned, files, last);
  const record: PartialRecord = {
    key: context,
    files: partial.summaries(model, digestsOf(inputs), refsOf, digest, warnings),
    outputs,
  };
  return { model, files, warnings, checkedFiles: group.size, partial: { record, ranges }, wasPartial: true };
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
  try {
    return await generateOnce(options);
  } finally {
    (await import("./text-hash.js")).forgetTextHashes();
  }
}

async function generateOnce(options: PipelineOptions): Promise<GenerateReport> {
  const { spec, outDir, cacheDir } = resolved(options);
  // With the cache, a spec file whose stat is as the last run recorded it is known by its hash, unread (stat-memo.ts).
  const stats = options.noCache ? undefined : await (await import("./stat-memo.js")).openStatMemo(cacheDir);
  const read = await readInputs(options, stats);
  const statRecord = () => stats?.record();
  const key = options.noCache ? undefined : await cacheKey(read.inputs, read.prettierConfig, optionsKey(options, spec));
  const hit = key === undefined ? undefined : await freshRecord(cacheDir, outDir, key);
  // A cache that cannot be written (read-only node_modules) only costs speed next time.
  if (hit) {
    for (const record of [read.prettierRecord, statRecord()])
      if (record) await (await import("./write.js")).writeCacheRecord(record).catch(() => undefined);
    return {
      written: [],
      unchanged: Object.keys(hit.files),
      removed: [],
      methods: hit.methods,
      cached: true,
      checkedFiles: 0,
      path: "hit",
      warnings: hit.warnings ?? [],
    };
  }
  // Loaded past the no-change check: a cache hit needs neither the writer nor the caches (nor the YAML parser they
  // load for the identity facts).
  const [
    { openReuse },
    { writeCacheRecord, writeFiles },
    { changedFiles, partialRecords, pruneRanges, readPartialRecord },
  ] = await Promise.all([import("./reuse.js"), import("./write.js"), import("./partial.js")]);
  // What earlier runs made (statements, parsed spec files, whole outputs): only what changed is made again. With
  // the last run's partial record, only the files the change reaches are read from the spec cache (partial.ts).
  const context = key === undefined ? undefined : await cacheKey([], read.prettierConfig, optionsKey(options, spec));
  const last = context === undefined ? undefined : await readPartialRecord(cacheDir, outDir, context);
  const changed = last && changedFiles(last, read.inputs);
  const reuse =
    context === undefined
      ? undefined
      : await openReuse(cacheDir, outDir, read.inputs, read.prettierConfig, context, changed ? [] : read.inputs);
  const rendered =
    (reuse && last && changed && (await renderPartial(options, read, reuse, last, changed, context!))) ||
    (await renderFiles(options, read, reuse, context === undefined ? undefined : { context, ...(last && { last }) }));
  const { model, files, warnings } = rendered;
  const report = await writeFiles(files, outDir);
  // A cache that cannot be written (read-only node_modules) only costs speed next time.
  if (key !== undefined) {
    await writeCacheRecord(cacheRecord(cacheDir, outDir, key, files, model.methods.length, warnings)).catch(
      () => undefined,
    );
    const statsRecord = statRecord();
    const more = [
      ...(rendered.partial ? partialRecords(cacheDir, outDir, rendered.partial, rendered.wasPartial === true) : []),
      ...(statsRecord ? [statsRecord] : []),
    ];
    await reuse!.save(files, writeCacheRecord, more, rendered.wasPartial === true);
    if (rendered.partial)
      try {
        pruneRanges(cacheDir, outDir, rendered.partial.record);
      } catch {
        // A stale ranges file left only costs disk space; the record names the ones it uses.
      }
    if (read.prettierRecord) await writeCacheRecord(read.prettierRecord).catch(() => undefined);
  }
  return {
    ...report,
    methods: model.methods.length,
    cached: false,
    checkedFiles: rendered.checkedFiles,
    path: rendered.wasPartial ? "partial" : "full",
    warnings,
  };
}

export async function check(options: PipelineOptions = {}): Promise<Drift & { warnings: readonly Diagnostic[] }> {
  const { files, warnings } = await renderFiles(options);
  const { compareWithDisk } = await import("./write.js");
  return { ...(await compareWithDisk(files, resolved(options).outDir)), warnings };
}
