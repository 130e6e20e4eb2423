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
  const lineText = sourceText === undefined ? undefined : lineAt(sourceText, d.line);
  if (lineText === undefined) return head;
  const { text, caretAt } = window(lineText.replace(/\t/g, " "), d.column - 1);
  const gutter = String(d.line);
  return `${head}\n\n${gutter} | ${text}\n${" ".repeat(gutter.length + 3 + caretAt)}^\n`;
}

/** Line `line` (1-based) of `text`, without scanning or splitting the whole text. */
function lineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf("\n", start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, "");
}

const SHOWN = 160;

/** At most SHOWN characters of a long line, around the column, with the caret position inside what is shown. */
function window(line: string, column: number): { text: string; caretAt: number } {
  if (line.length <= SHOWN) return { text: line, caretAt: Math.max(0, column) };
  const from = Math.max(0, Math.min(column - 40, line.length - SHOWN));
  const cut = line.slice(from, from + SHOWN);
  const prefix = from > 0 ? "…" : "";
  const suffix = from + SHOWN < line.length ? "…" : "";
  return { text: `${prefix}${cut}${suffix}`, caretAt: prefix.length + Math.max(0, column - from) };
}
