// run: the pipeline end to end — load → validate → normalize → emit → print → format → write (or compare, for check).
import path from "node:path";
import { cacheKey, freshRecord, saveRecord } from "./cache.js";
import type { FormattedFile } from "./format.js";
import { displayPath } from "./files.js";
import type { Diagnostic } from "../core/diagnostics.js";
import type { ApiModel } from "../core/model.js";
import { compareWithDisk, writeFiles, type Drift, type WriteReport } from "./write.js";

export interface PipelineOptions {
  /** Spec folder or file. Default "spec". */
  readonly spec?: string;
  /** Output folder. Default "generated". */
  readonly out?: string;
  /** Working directory paths are resolved against. */
  readonly cwd?: string;
  /** Runtime module specifier used by generated code. Default "wix-authz/runtime". */
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
  const spec = options.spec ?? "spec";
  const out = options.out ?? "generated";
  return { cwd, spec, out, outDir: path.resolve(cwd, out) };
}

/** The formatted files `generate` would write, without touching the disk. */
export async function renderFiles(
  options: PipelineOptions = {},
): Promise<{ model: ApiModel; files: FormattedFile[]; warnings: readonly Diagnostic[] }> {
  const { cwd, spec, out, outDir } = resolved(options);
  // Loaded here, not at the top: a no-change `generate` (cache hit) never needs the parsers, ts-morph or Prettier.
  const [{ loadCheckedModel }, { emit }, { printModules }, { formatFiles }] = await Promise.all([
    import("./load-model.js"),
    import("./emit/index.js"),
    import("./print.js"),
    import("./format.js"),
  ]);
  const { model, warnings } = await loadCheckedModel(spec, cwd, { strictFacts: options.strictFacts === true });
  const emitted = emit(model, {
    specArg: displayPath(spec, cwd),
    outArg: displayPath(out, cwd),
    ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
  });
  return { model, files: await formatFiles(printModules(emitted), outDir), warnings };
}

export async function generate(options: PipelineOptions = {}): Promise<GenerateReport> {
  const { cwd, spec, outDir } = resolved(options);
  const cacheDir = path.resolve(cwd, options.cacheDir ?? "node_modules/.cache/wix-authz");
  const key = options.noCache
    ? undefined
    : await cacheKey(
        path.resolve(cwd, spec),
        outDir,
        JSON.stringify([spec, options.out ?? "generated", options.runtimeImport ?? "", options.strictFacts === true]),
      );
  const hit = key === undefined ? undefined : await freshRecord(cacheDir, outDir, key);
  if (hit)
    return {
      written: [],
      unchanged: Object.keys(hit.files),
      removed: [],
      methods: hit.methods,
      cached: true,
      warnings: hit.warnings ?? [],
    };
  const { model, files, warnings } = await renderFiles(options);
  const report = await writeFiles(files, outDir);
  // A cache that cannot be written (read-only node_modules) only costs speed next time.
  if (key !== undefined)
    await saveRecord(cacheDir, outDir, key, files, model.methods.length, warnings).catch(() => undefined);
  return { ...report, methods: model.methods.length, cached: false, warnings };
}

export async function check(options: PipelineOptions = {}): Promise<Drift & { warnings: readonly Diagnostic[] }> {
  const { files, warnings } = await renderFiles(options);
  return { ...(await compareWithDisk(files, resolved(options).outDir)), warnings };
}
