// errors: the user-facing failures of `wix-authz import` (a ConfigError subclass, so the CLI exits 1 on them).
import { ConfigError } from "../core/diagnostics.js";

export type ImportErrorCode =
  "IMPORT_NOT_INSTALLED" | "IMPORT_NOT_AUTO_SDK" | "IMPORT_BAD_PACKAGE" | "IMPORT_BAD_GRANTS" | "IMPORT_WRITE_FAILED";

/** A package, grants file or output folder the importer cannot use; the message says which and why. */
export class ImportError extends ConfigError {
  override readonly name = "ImportError";
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
