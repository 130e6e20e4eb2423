// load-model: spec folder or file → ApiModel (load, validate, normalize) without the emit/format stages' heavy
// dependencies (ts-morph, prettier), so the emulator and `validate` start fast.
import { compareDiagnostics, SpecError, type Diagnostic } from "../core/diagnostics.js";
import { shippedFacts, type FactsTable } from "../core/facts.js";
import { loadSpec, reparseWithPositions, type LoadedSpec } from "./load.js";
import type { ApiModel } from "../core/model.js";
import { checkFacts } from "./facts-check.js";
import { normalize } from "./normalize.js";
import { validateSpec } from "./validate.js";

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
  return checked(loaded, undefined).model;
}

/** Loads, validates and normalizes a spec folder or file. Throws SpecError listing every problem. */
export async function loadApiModel(spec = "spec", cwd = "."): Promise<ApiModel> {
  return modelFromLoaded(await loadSpec(spec, cwd));
}

/** loadApiModel, then the spec against the facts: warnings, or with strictFacts a SpecError. */
export async function loadCheckedModel(spec = "spec", cwd = ".", options: FactsOptions = {}): Promise<CheckedModel> {
  return checked(await loadSpec(spec, cwd), options);
}

function checked(loaded: LoadedSpec, facts: FactsOptions | undefined): CheckedModel {
  let result = validateSpec(loaded);
  // The fast parse found problems: let the position-keeping parse decide and report them.
  if (!result.ok && loaded.fast) {
    loaded = reparseWithPositions(loaded.files);
    result = validateSpec(loaded);
  }
  const sources = () => new Map(loaded.files.map((f) => [f.file, f.text]));
  if (!result.ok) throw new SpecError(result.diagnostics, sources());
  const model = normalize(result.spec);
  if (!facts) return { model, warnings: [] };
  const table = facts.facts ?? shippedFacts();
  const severity = facts.strictFacts ? "error" : "warning";
  // The fast parse keeps no positions: only when there is something to report, parse again to place it.
  let found = checkFacts(result.spec.files, table, severity, loaded.fast ? () => ({ line: 1, column: 1 }) : undefined);
  if (found.length && loaded.fast) {
    loaded = reparseWithPositions(loaded.files);
    const positioned = validateSpec(loaded);
    if (positioned.ok) found = checkFacts(positioned.spec.files, table, severity);
  }
  if (facts.strictFacts && found.length) throw new SpecError(found, sources());
  return { model, warnings: [...found].sort(compareDiagnostics) };
}
