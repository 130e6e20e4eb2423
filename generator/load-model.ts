// load-model: spec folder or file → ApiModel (load, validate, normalize) without the emit/format stages' heavy
// dependencies (ts-morph, prettier), so the emulator and `validate` start fast.
import { compareDiagnostics, SpecError, type Diagnostic } from "../core/diagnostics.js";
import { shippedFacts, type FactsTable } from "../core/facts.js";
import { loadSpec, type LoadedSpec, type LoadOptions, type SpecSources } from "./load.js";
import type { ApiModel } from "../core/model.js";
import { checkFacts } from "./facts-check.js";
import { normalize } from "./normalize.js";
import { validateSpec } from "./validate.js";

export type { LoadOptions, SpecSources } from "./load.js";

export interface FactsOptions {
  /** Disagreements with facts/identities are errors (SpecError) instead of warnings. */
  readonly strictFacts?: boolean;
  /** The facts to check against; default the shipped facts/identities. */
  readonly facts?: FactsTable;
}

/** A model and the warnings found on the way (today: disagreements with Wix's documented identities). */
export interface CheckedModel {
  readonly model: ApiModel;
  readonly warnings: readonly Diagnostic[];
}

export function modelFromLoaded(loaded: LoadedSpec): ApiModel {
  return checkedFromLoaded(loaded, undefined).model;
}

/**
 * Loads, validates and normalizes a spec folder or file, or several merged in order (a method two sources define is
 * an error unless `options.overrides` lists it; the emulator serves a config's spec sources through this). Throws
 * SpecError listing every problem.
 */
export async function loadApiModel(
  spec: SpecSources = "spec",
  cwd = ".",
  options: LoadOptions = {},
): Promise<ApiModel> {
  return modelFromLoaded(await loadSpec(spec, cwd, options));
}

/** loadApiModel, then the spec against the facts: warnings (and one note per override), or with strictFacts a SpecError. */
export async function loadCheckedModel(
  spec: SpecSources = "spec",
  cwd = ".",
  options: FactsOptions & LoadOptions = {},
): Promise<CheckedModel> {
  return checkedFromLoaded(await loadSpec(spec, cwd, options), options);
}

/**
 * Validates once, on the data the loader parsed; with `facts`, then checks the spec against them. A problem's
 * position comes from the position-keeping document, which the loader builds for that file only when a diagnostic
 * asks for it: the spec is neither parsed twice nor validated twice on the way to an error or a warning.
 */
export function checkedFromLoaded(loaded: LoadedSpec, facts: FactsOptions | undefined): CheckedModel {
  const result = validateSpec(loaded);
  const sources = () => new Map(loaded.files.map((f) => [f.file, f.text]));
  if (!result.ok) throw new SpecError(result.diagnostics, sources());
  const model = normalize(result.spec, (data) => loaded.checked?.has(data) === true);
  const notes = loaded.notes ?? [];
  if (!facts) return { model, warnings: [...notes].sort(compareDiagnostics) };
  const table = facts.facts ?? shippedFacts();
  const found = checkFacts(result.spec.files, table, facts.strictFacts ? "error" : "warning");
  if (facts.strictFacts && found.length) throw new SpecError(found, sources());
  return { model, warnings: [...found, ...notes].sort(compareDiagnostics) };
}
