// load-model: spec folder or file → ApiModel (load, validate, normalize) without the emit/format stages' heavy
// dependencies (ts-morph, prettier), so the emulator and `validate` start fast.
import { SpecError } from "../core/diagnostics.js";
import { loadSpec, reparseWithPositions, type LoadedSpec } from "./load.js";
import type { ApiModel } from "../core/model.js";
import { normalize } from "./normalize.js";
import { validateSpec } from "./validate.js";

export function modelFromLoaded(loaded: LoadedSpec): ApiModel {
  let result = validateSpec(loaded);
  // The fast parse found problems: let the position-keeping parse decide and report them.
  if (!result.ok && loaded.fast) {
    loaded = reparseWithPositions(loaded.files);
    result = validateSpec(loaded);
  }
  if (!result.ok) throw new SpecError(result.diagnostics, new Map(loaded.files.map((f) => [f.file, f.text])));
  return normalize(result.spec);
}

/** Loads, validates and normalizes a spec folder or file. Throws SpecError listing every problem. */
export async function loadApiModel(spec = "spec", cwd = "."): Promise<ApiModel> {
  return modelFromLoaded(await loadSpec(spec, cwd));
}
