// Which spec the emulator serves: one or several spec folders (subfolders read) loaded into one model, with a
// content-keyed model cache so a restart on an unchanged spec skips parsing and validating it again.
import path from "node:path";
import { ConfigError } from "../core/diagnostics.js";
import type { ApiModel } from "../core/model.js";
import { cacheKey, readCached, writeCached } from "./model-cache.js";

/** Two 4 MB semispaces: the new space a cold load may grow to (young-generation.ts); with 2, 4 or 16 MB a catalogue
 * start peaked 2–4 MB higher (medians of five). */
const NEW_SPACE_LIMIT = 8 * 1024 * 1024;

/** What a served model was loaded from, as the ready line and unknown-route 404s say. */
export interface LoadedSpecSource {
  readonly model: ApiModel;
  /** `catalogue/spec (307 methods)`, or `spec/, my-spec/ (12 methods)`. */
  readonly serving: string;
  /** Absolute folders (or files) read, for --watch. */
  readonly paths: readonly string[];
  /** True when the model came from the cache (same spec texts, same loader code). */
  readonly cached: boolean;
}

export interface SpecSourceOptions {
  readonly cwd?: string;
  /** Methods a later folder may define again, replacing the earlier one (wix-authz.config.json's "overrides"). */
  readonly overrides?: readonly string[];
  /** Where loaded models are kept between runs; `false` turns the cache off. Default `node_modules/.cache/wix-authz`. */
  readonly cacheDir?: string | false;
}

/** Loads every spec folder (or file) as one spec: shared schemas and `$ref`s resolve across them. */
export async function loadSpecSource(
  specs: readonly string[],
  options: SpecSourceOptions = {},
): Promise<LoadedSpecSource> {
  if (specs.length === 0) throw new ConfigError("No spec folder given to serve.");
  const cwd = options.cwd ?? process.cwd();
  const { displayPath, readSpecBytes } = await import("../generator/files.js");
  // Read as the generator reads several sources: a method two folders define is an error unless it is a declared
  // override, so the emulator serves exactly the methods the clients were generated for.
  const inputs = await readSpecBytes(specs, cwd);
  const overrides = options.overrides ?? [];
  const paths = specs.map((spec) => path.resolve(cwd, spec));
  // Named as the user's commands name them: relative to where it runs when inside it.
  const label = specs.map((spec) => displayPath(spec, cwd)).join(", ");
  const cacheDir =
    options.cacheDir === false ? undefined : path.resolve(cwd, options.cacheDir ?? "node_modules/.cache/wix-authz");
  const key = cacheDir === undefined ? undefined : await cacheKey(inputs, overrides);
  const file = key === undefined ? undefined : path.join(cacheDir!, "emulator", `${key.slice(0, 32)}.json`);
  const hit = file === undefined ? undefined : await readCached(file, key!);
  if (hit !== undefined)
    return { model: hit, serving: `${label} (${hit.methods.length} methods)`, paths, cached: true };
  const [{ modelFromBytes }, { holdNewSpace }] = await Promise.all([
    import("./spec-load.js"),
    import("./young-generation.js"),
  ]);
  // Held through the cache write too: its survivors alone grew the new space to 16 MB in about one start in ten.
  const hold = holdNewSpace(NEW_SPACE_LIMIT);
  let model: ApiModel;
  try {
    model = modelFromBytes(inputs, overrides, hold.check);
    hold.check();
    if (file !== undefined) await writeCached(file, key!, model).catch(() => undefined); // a cache is never required
  } finally {
    hold.release();
  }
  return { model, serving: `${label} (${model.methods.length} methods)`, paths, cached: false };
}
