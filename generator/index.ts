// Package root: the generator's programmatic API (the CLI is a thin shell over it).
export { check, generate, renderFiles, type GenerateReport, type PipelineOptions } from "./run.js";
export { loadApiModel, modelFromLoaded } from "./load-model.js";
export { ConfigError, SpecError, formatDiagnostic, type Diagnostic } from "./diagnostics.js";
export type { ApiModel, Identity, JsonSchema, MethodModel, NamedSchema } from "./model.js";
export { IDENTITIES } from "./model.js";
export type { EmittedFile } from "./emit/index.js";
