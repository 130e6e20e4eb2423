// Diagnostic: the one error shape for spec problems, printed like tsc with the source line and a caret.

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Path as given to the user (relative to the working directory where possible). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** A user mistake in the spec: carries every diagnostic found. */
export class SpecError extends Error {
  override readonly name: string = "SpecError";
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** Source text per file, for printing the offending line. */
    readonly sources: ReadonlyMap<string, string> = new Map(),
  ) {
    super(`${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} in the spec`);
  }
}

/** A user mistake in flags or configuration (not in the spec). */
export class ConfigError extends Error {
  override readonly name: string = "ConfigError";
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.code, b.code) || cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `spec/stores.yaml:12:5 - error SPEC_X: message` followed by the source line and a caret. */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  const head = `${d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`;
  if (sourceText === undefined) return head;
  const lineText = sourceText.split(/\r?\n/)[d.line - 1];
  if (lineText === undefined) return head;
  const gutter = String(d.line);
  const shown = lineText.replace(/\t/g, " ");
  const caret = " ".repeat(gutter.length + 3 + Math.max(0, d.column - 1)) + "^";
  return `${head}\n\n${gutter} | ${shown}\n${caret}\n`;
}
