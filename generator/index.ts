// Package root: the generator's programmatic API (the CLI is a thin shell over it).
export { check, generate, renderFiles, type GenerateReport, type PipelineOptions } from "./run.js";
export { loadApiModel, modelFromLoaded } from "./load-model.js";
export { ConfigError, SpecError, formatDiagnostic, type Diagnostic } from "../core/diagnostics.js";
export type { ApiModel, Identity, JsonSchema, MethodModel, NamedSchema } from "../core/model.js";
export { IDENTITIES } from "../core/identity.js";
export type { EmittedModule } from "./emit/index.js";
export type { PrintedFile } from "./print.js";
export type { FormattedFile } from "./format.js";
