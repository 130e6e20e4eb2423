// exporter: a spec (one or more spec folders, read through the generator's model loader) → an OpenAPI 3.1
// document carrying each operation's identities, permissions and provenance, for teams' other tools.
import { ConfigError } from "../core/diagnostics.js";
import type { ApiModel } from "../core/model.js";
import { checkedFromLoaded, type CheckedModel, type FactsOptions } from "../generator/load-model.js";
import { parseSpecTexts, readSpecInputs } from "../generator/load.js";
import { openApiDocument, type OpenApiOptions } from "./document.js";

export { openApiDocument, type OpenApiOptions } from "./document.js";
export { EXPORT_FORMATS, formatOfFile, serialize, writeAtomically, type ExportFormat } from "./write.js";

/**
 * Loads several spec folders (or files) as one spec: their files are validated together, so a method or shared
 * schema defined in two of them is reported like two files of one folder. Throws SpecError or ConfigError.
 */
export async function loadSpecs(
  specs: readonly string[],
  cwd: string,
  facts: FactsOptions = {},
): Promise<CheckedModel> {
  if (specs.length === 0) throw new ConfigError("No spec to export: give --spec <folder>.");
  const inputs = (await Promise.all(specs.map((spec) => readSpecInputs(spec, cwd)))).flat();
  return checkedFromLoaded(parseSpecTexts(inputs), facts);
}

/** The OpenAPI document of a model, as JSON-ready data. */
export function exportOpenApi(model: ApiModel, options: OpenApiOptions = {}): Record<string, unknown> {
  return openApiDocument(model, options);
}
