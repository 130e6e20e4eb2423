// load: spec folder or file → LoadedSpec. Parsing is fast (js-yaml, ~5× the yaml library on large specs); a file's
// position-keeping YAML document is built only when a diagnostic needs a line and column, or when the fast parser
// refuses the text (then the careful parser decides, with positions: `reparseWithPositions`).
import { CORE_SCHEMA, load as fastLoad } from "js-yaml";
import type { Document, LineCounter } from "yaml";
import { carefulYaml } from "./careful-yaml.js";
import type { CheckedFile, LoadedFile, LoadedSpec } from "./loaded.js";
import { ConfigError, type Diagnostic } from "../core/diagnostics.js";
import { readSpecInputs, type SpecInput, type SpecSources } from "./files.js";
import { mergeSources } from "./sources.js";
import type { ParseMemo } from "./spec-cache.js";

export {
  displayPath,
  listSpecFiles,
  readSpecInputs,
  specSourceList,
  type SpecInput,
  type SpecSources,
} from "./files.js";

export type { LoadedFile, LoadedSpec } from "./loaded.js";

export interface LoadOptions {
  /**
   * Method ids (`namespace.name`) a later spec source may define again, replacing the earlier source's method.
   * Any other method defined by two sources is an error (SPEC_OVERRIDE_UNDECLARED).
   */
  readonly overrides?: readonly string[];
}

/** Reads and parses one spec source, or several merged in order (see LoadOptions.overrides). */
export async function loadSpec(spec: SpecSources, cwd = ".", options: LoadOptions = {}): Promise<LoadedSpec> {
  return parseSpecTexts(await readSpecInputs(spec, cwd), options);
}

type Input = SpecInput;

function sorted(inputs: readonly Input[]): Input[] {
  const out = [...inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Diagnostics name files: two inputs under one name could not be told apart (nor exist on disk).
  const twice = out.find((f, i) => i > 0 && out[i - 1]!.file === f.file);
  if (twice) throw new ConfigError(`Two spec inputs are both named ${twice.file}`);
  return out;
}

/**
 * Whether the parsed data holds one object at two places (or inside itself): what a YAML alias to a map or list
 * makes. Such data can expand exponentially when walked, so only the careful parser (with an alias budget) takes it.
 * Each object is visited once, so the check is linear however the aliases nest. (A text search for `*name` sent every
 * file whose descriptions use Markdown emphasis down the slow path: the whole catalogue.)
 */
function sharesNodes(data: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (seen.has(value)) return true;
    seen.add(value);
    for (const child of Object.values(value)) if (typeof child === "object" && child !== null) stack.push(child);
  }
  return false;
}

/**
 * Parses spec texts with the fast parser, or with positions when that parser refuses or the data has aliases; then
 * merges the spec sources the inputs come from (generator/sources.ts). With `memo` (generate's spec cache), a file
 * an earlier run parsed and shape-checked is taken from it, and marked `checked`.
 */
export function parseSpecTexts(inputs: readonly Input[], options: LoadOptions = {}, memo?: ParseMemo): LoadedSpec {
  return mergeParsed(parseOnly(inputs, memo), inputs, options);
}

/** Files parsed from `inputs` (sorted by name), with their spec sources merged: parseSpecTexts after its parse. */
export function mergeParsed(parsed: LoadedSpec, inputs: readonly Input[], options: LoadOptions = {}): LoadedSpec {
  const overrides = options.overrides ?? [];
  if (overrides.length === 0 && !inputs.some((i) => i.source !== undefined && i.source > 0)) return parsed;
  const merged = mergeSources(parsed.files, inputs, overrides);
  return {
    files: merged.files,
    diagnostics: [...parsed.diagnostics, ...merged.diagnostics],
    notes: merged.notes,
    ...(parsed.checked ? { checked: parsed.checked } : {}),
  };
}

function parseOnly(inputs: readonly Input[], memo: ParseMemo | undefined): LoadedSpec {
  const files: LoadedFile[] = [];
  const checked = new Map<unknown, CheckedFile>();
  for (const { file, text } of sorted(inputs)) {
    // JSON.parse (the cache's) never makes shared nodes, and the entry exists only for data that had none.
    const known = memo?.get(file, text);
    let data = known?.data;
    if (known !== undefined) checked.set(known.data, { refs: known.refs, types: known.types });
    else {
      // A changed file of a partial run: only its changed parts are parsed (yaml-blocks.ts), when that can be done.
      data = memo?.assemble?.(file, text, (part) => parseFast(file, part)) ?? parseFast(file, text);
      if (data === undefined) return reparseWithPositions(inputs);
      memo?.parsed(file, text, data);
    }
    files.push(lazyFile(file, text, data));
  }
  return { files, diagnostics: [], ...(checked.size > 0 ? { checked } : {}) };
}

/**
 * One text through the fast parser alone: its data, or undefined when the careful parser must decide (js-yaml refused
 * the text, or the data has aliases). parseSpecTexts then reparses every file with positions.
 */
export function parseFast(file: string, text: string): unknown {
  let data: unknown;
  try {
    data = fastLoad(text, { schema: CORE_SCHEMA, filename: file }) ?? {};
  } catch {
    return undefined;
  }
  // An alias needs an anchor (`&name`) to refer to: a text without `&` has none, and its data no shared node.
  return text.includes("&") && sharesNodes(data) ? undefined : data;
}

function lazyFile(file: string, text: string, data: unknown): LoadedFile {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const full = () => (parsed ??= parseWithPositions(text));
  return {
    file,
    text,
    data,
    get doc() {
      return full().doc;
    },
    get lineCounter() {
      return full().lineCounter;
    },
  };
}

function parseWithPositions(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const { LineCounter, parseDocument } = carefulYaml();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  // Built from the text, not fed by the parser: after a syntax error the parser skips line breaks.
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
  return { doc, lineCounter };
}

/** Aliases to missing anchors and aliases inside the node they refer to (which would make a looping value). */
function aliasProblems(doc: Document.Parsed): { offset: number; message: string }[] {
  const problems: { offset: number; message: string }[] = [];
  carefulYaml().visit(doc, {
    Alias(_key, alias) {
      const target = alias.resolve(doc);
      const at = alias.range?.[0] ?? 0;
      if (!target)
        problems.push({
          offset: at,
          message: `Unknown YAML alias *${alias.source}: no anchor &${alias.source} before it.`,
        });
      else if (target.range && at >= target.range[0] && at < target.range[1])
        problems.push({
          offset: at,
          message: `YAML alias *${alias.source} is inside the node it refers to, which would make an infinite value.`,
        });
    },
  });
  return problems;
}

/** The authoritative parse: every file with source positions; its data decides when the fast parse found problems. */
function reparseWithPositions(inputs: readonly Input[]): LoadedSpec {
  const files: LoadedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of sorted(inputs)) {
    let parsed: ReturnType<typeof parseWithPositions>;
    try {
      parsed = parseWithPositions(text);
    } catch (error) {
      // The YAML parser recurses per nesting level; a pathological file can exhaust the stack.
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push({
        code: "SPEC_TOO_DEEP",
        severity: "error",
        message: "The YAML is nested too deeply to parse: flatten it with shared schemas ($ref).",
        file,
        line: 1,
        column: 1,
      });
      const { LineCounter, parseDocument } = carefulYaml();
      const lineCounter = new LineCounter();
      lineCounter.addNewLine(0);
      files.push({ file, text, data: undefined, doc: parseDocument(""), lineCounter });
      continue;
    }
    const { doc, lineCounter } = parsed;
    for (const err of [...doc.errors, ...doc.warnings]) {
      const pos = lineCounter.linePos(err.pos[0]);
      diagnostics.push({
        code: "SPEC_YAML",
        severity: "error",
        message: yamlMessage(err.message),
        file,
        line: pos.line,
        column: pos.col,
      });
    }
    const aliases = doc.errors.length ? [] : aliasProblems(doc);
    for (const a of aliases) {
      const pos = lineCounter.linePos(a.offset);
      diagnostics.push({
        code: "SPEC_YAML_ALIAS",
        severity: "error",
        message: a.message,
        file,
        line: pos.line,
        column: pos.col,
      });
    }
    let data: unknown;
    try {
      // The alias budget stops "billion laughs" expansion; reusing an anchor a few hundred times is fine.
      data = doc.errors.length || aliases.length ? undefined : (doc.toJS({ maxAliasCount: 10_000 }) ?? {});
    } catch (error) {
      // An alias bomb: refuse it instead of expanding it.
      const message = error instanceof Error ? error.message : String(error);
      diagnostics.push({
        code: "SPEC_YAML",
        severity: "error",
        message: `Cannot expand YAML aliases: ${message}`,
        file,
        line: 1,
        column: 1,
      });
    }
    files.push({ file, text, data, doc, lineCounter });
  }
  return { files, diagnostics };
}

function yamlMessage(message: string): string {
  // The parser reports its own stack overflow as a syntax error: say what it means for the user.
  if (message.includes("Maximum call stack size exceeded"))
    return "The YAML is nested too deeply to parse: flatten it with shared schemas ($ref).";
  // The yaml package appends its own "at line X, column Y" excerpt; we print positions ourselves.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
