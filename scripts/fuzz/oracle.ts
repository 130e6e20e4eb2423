// oracle: runs the in-process pipeline (parse → validate → normalize → emit) on one case and lists what went wrong.
import { SpecError, type Diagnostic } from "../../core/diagnostics.js";
import { emit } from "../../generator/emit/index.js";
import { printModules, type PrintedFile } from "../../generator/print.js";
import { parseSpecTexts } from "../../generator/load.js";
import type { ApiModel } from "../../core/model.js";
import { modelFromLoaded } from "../../generator/load-model.js";
import { expectedShape } from "./expected.js";
import { shapes } from "../../test/support/shape.js";

export interface SpecInput {
  /** Display path, e.g. `spec/stores.yaml` (what the CLI shows when run from the parent folder). */
  readonly file: string;
  readonly text: string;
}

export type ViolationKind =
  | "crash"
  | "bad-diagnostic"
  | "not-inert"
  | "exit-2"
  | "stack-trace"
  | "dirty-output"
  | "cli-mismatch"
  | "type-error"
  | "format-crash";

export interface Violation {
  readonly kind: ViolationKind;
  /** Stable across inputs that hit the same bug: used to group findings and to minimize. */
  readonly signature: string;
  readonly detail: string;
}

export interface Outcome {
  readonly status: "valid" | "spec-error" | "crash";
  readonly violations: Violation[];
  /** Internal JS errors leaking as diagnostic messages: positioned, so allowed, but worth reporting. */
  readonly warnings: string[];
  readonly diagnostics?: readonly Diagnostic[];
  readonly model?: ApiModel;
  readonly emitted?: readonly PrintedFile[];
}

export const EMIT_OPTIONS = { specArg: "spec", outArg: "generated" } as const;
const INTERNAL_MESSAGE =
  /Maximum call stack size exceeded|is not a function|Cannot read propert|resource exhaustion|is not iterable/;

/** `RangeError: Maximum call stack size exceeded @ generator/emit/schema-type.ts`: the first frame in our code. */
export function errorSignature(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error thrown: ${typeof error}`;
  const frame = (error.stack ?? "").split("\n").find((l) => /[/\\](generator|runtime)[/\\]/.test(l)) ?? "";
  const dependency = /node_modules[/\\]((?:@[\w.-]+[/\\])?[\w.-]+)/.exec(error.stack ?? "")?.[1];
  const where =
    /((?:generator|runtime)[/\\][\w./\\-]+?\.ts)/.exec(frame)?.[1]?.replace(/\\/g, "/") ??
    `node_modules/${dependency ?? "?"} (no generator/ frame)`;
  return `${error.name}: ${error.message.split("\n")[0]} @ ${where}`;
}

function lineBounds(text: string): string[] {
  // The same split formatDiagnostic uses to show the offending line.
  return text.split(/\r?\n/);
}

export function checkDiagnostics(
  diags: readonly Diagnostic[],
  files: readonly SpecInput[],
): { violations: Violation[]; warnings: string[] } {
  const violations: Violation[] = [];
  const warnings: string[] = [];
  const texts = new Map(files.map((f) => [f.file, f.text]));
  const bad = (code: string, reason: string, d: Diagnostic) =>
    violations.push({
      kind: "bad-diagnostic",
      signature: `${code}: ${reason}`,
      detail: `${reason}: ${JSON.stringify(d)}`,
    });
  if (diags.length === 0)
    violations.push({ kind: "bad-diagnostic", signature: "SpecError without diagnostics", detail: "" });
  for (const d of diags) {
    const text = texts.get(d.file);
    if (text === undefined) bad(d.code, "file is not one of the spec files", d);
    if (!/^SPEC_[A-Z_]+$/.test(d.code) || d.severity !== "error") bad(d.code, "code or severity malformed", d);
    if (!d.message || /\n\s+at /.test(d.message)) bad(d.code, "empty message or stack trace in message", d);
    if (INTERNAL_MESSAGE.test(d.message)) warnings.push(`${d.code}: internal error text as message: ${d.message}`);
    if (!Number.isInteger(d.line) || !Number.isInteger(d.column) || d.line < 1 || d.column < 1)
      bad(d.code, "line/column not positive integers", d);
    else if (text !== undefined) {
      const lines = lineBounds(text);
      if (d.line > lines.length) bad(d.code, "line beyond end of file", d);
      else if (d.column > lines[d.line - 1]!.length + 1) bad(d.code, "column beyond end of line", d);
    }
  }
  return { violations, warnings };
}

/** Generated files have exactly the statements the model implies, and the tables carry the spec's strings verbatim. */
export function checkEmitted(model: ApiModel, emitted: readonly PrintedFile[]): Violation[] {
  const out: Violation[] = [];
  const want = expectedShape(model);
  for (const shape of shapes(emitted)) {
    const expected = want.get(shape.path);
    const notInert = (what: string, detail: string) =>
      out.push({ kind: "not-inert", signature: `${shape.path}: ${what}`, detail });
    for (const p of shape.problems) notInert(p.replace(/ at \d+.*$/s, ""), p);
    if (!expected) {
      notInert("unexpected file", shape.path);
      continue;
    }
    const got = shape.statements.filter((s) => !/^(import|export (type )?\{|export \*)/.test(s));
    if (JSON.stringify([...got].sort()) !== JSON.stringify([...expected.declarations].sort()))
      notInert(
        "declarations differ from the model",
        `got ${JSON.stringify(got).slice(0, 400)}\nwant ${JSON.stringify(expected.declarations).slice(0, 400)}`,
      );
    const stray = shape.modules.filter((m) => !expected.modules.includes(m));
    if (stray.length) notInert("imports an unexpected module", stray.join(", "));
    for (const [name, value] of Object.entries(expected.tables)) {
      if (JSON.stringify(shape.tables[name]) !== JSON.stringify(value))
        notInert(`table ${name} does not round-trip`, JSON.stringify(shape.tables[name]).slice(0, 400));
    }
  }
  return out;
}

export function runInMemory(files: readonly SpecInput[]): Outcome {
  // Deep stacks (stack overflows) need more than the default 10 frames to show where in generator/ they start.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 400;
  try {
    return pipeline(files);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function pipeline(files: readonly SpecInput[]): Outcome {
  let model: ApiModel;
  try {
    model = modelFromLoaded(parseSpecTexts(files));
  } catch (error) {
    if (!(error instanceof SpecError)) return crash(error, "validate");
    const { violations, warnings } = checkDiagnostics(error.diagnostics, files);
    return { status: "spec-error", violations, warnings, diagnostics: error.diagnostics };
  }
  let emitted: PrintedFile[];
  try {
    emitted = printModules(emit(model, EMIT_OPTIONS));
  } catch (error) {
    return crash(error, "emit");
  }
  return { status: "valid", violations: checkEmitted(model, emitted), warnings: [], model, emitted };
}

function crash(error: unknown, stage: string): Outcome {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    status: "crash",
    violations: [{ kind: "crash", signature: `${stage}: ${errorSignature(error)}`, detail }],
    warnings: [],
  };
}
