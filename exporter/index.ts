// exporter: a spec's model (loaded by the caller through generator/load-model.ts, as every command does) → an OpenAPI 3.1
// document carrying each operation's identities, permissions and provenance, for teams' other tools.
import type { ApiModel } from "../core/model.js";
import { openApiDocument, type OpenApiOptions } from "./document.js";

export { openApiDocument, type OpenApiOptions } from "./document.js";
export { EXPORT_FORMATS, formatOfFile, serialize, writeAtomically, type ExportFormat } from "./write.js";

/** The OpenAPI document of a model, as JSON-ready data. */
export function exportOpenApi(model: ApiModel, options: OpenApiOptions = {}): Record<string, unknown> {
  return openApiDocument(model, options);
}
