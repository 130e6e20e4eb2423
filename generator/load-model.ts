// load-model: spec folder or file → ApiModel (load, validate, normalize) without the emit/format stages' heavy
// dependencies (ts-morph, prettier), so the emulator and `validate` start fast.
import { SpecError } from "../core/diagnostics.js";
import { loadSpec, type LoadedSpec } from "./load.js";
import type { ApiModel } from "../core/model.js";
import { normalize } from "./normalize.js";
import { validateSpec } from "./validate.js";

/**
 * Validates once, on the data the loader parsed. A problem's position comes from the position-keeping document, which
 * the loader builds for that file only when a diagnostic asks for it: the spec is neither parsed twice nor validated
 * twice on the way to an error.
 */
export function modelFromLoaded(loaded: LoadedSpec): ApiModel {
  const result = validateSpec(loaded);
  if (!result.ok) throw new SpecError(result.diagnostics, new Map(loaded.files.map((f) => [f.file, f.text])));
  return normalize(result.spec);
}

/** Loads, validates and normalizes a spec folder or file. Throws SpecError listing every problem. */
export async function loadApiModel(spec = "spec", cwd = "."): Promise<ApiModel> {
  return modelFromLoaded(await loadSpec(spec, cwd));
}
