// format: PrintedFile[] → FormattedFile[] with prettier, in-process, using the target project's resolved config.
// Large files are formatted in pieces cut between top-level statements: prettier's cost grows faster than the text.
import { createHash } from "node:crypto";
import path from "node:path";
import type * as prettier from "prettier";
import type { PrintedFile } from "./print.js";

/** A generated file as it is written. */
export interface FormattedFile {
  /** Relative to the output folder, posix separators. */
  readonly path: string;
  readonly content: string;
  /** The sha256 of `content` as UTF-8, when known without hashing it (a file read back whole from the last run). */
  readonly hash?: string;
  /** True when this run read the file on disk and found exactly this (a file taken whole from the last run). */
  readonly onDisk?: boolean;
  /**
   * Where each piece the file was formatted in lies in `content`, by the index of the statement it starts with (a
   * statement cut into a piece of its own lies exactly there): what an incremental run takes statements from
   * (generator/partial.ts). Given when the file was formatted statement by statement (a printer-exact config).
   */
  readonly pieces?: readonly StatementRange[];
}

export interface StatementRange {
  readonly statement: number;
  readonly start: number;
  readonly end: number;
}

/** Pieces of about this many characters (measured: 5,000 methods format ~25% faster than whole files). */
const PIECE_CHARS = 96 * 1024;

/**
 * babel-ts: the same output as prettier's "typescript" parser on what we emit (a test holds it), ~40% faster.
 * Generated code holds no embedded languages (no css/graphql/html templates), so prettier's pass looking for them
 * (a walk over every node) is skipped; the test comparing with whole-file formatting under the folder's own config
 * holds that the output is the same.
 */
const FIXED = { parser: "babel-ts", embeddedLanguageFormatting: "off" } as const;

/**
 * Prettier's defaults for every option that could change a statement the printer emits. With these (and any
 * printWidth and endOfLine), a statement the printer calls canonical (`canonical`) is already what Prettier makes of
 * it: the format test holds printer output === Prettier output on the golden, default, catalogue and synthetic specs
 * at printWidth 80 and 120. Any other value, or any other option (a plugin), sends every statement to Prettier.
 */
const PRINTER_EXACT: Readonly<Record<string, unknown>> = {
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  jsxSingleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  bracketSameLine: false,
  objectWrap: "preserve",
  arrowParens: "always",
  proseWrap: "preserve",
  htmlWhitespaceSensitivity: "css",
  vueIndentScriptAndStyle: false,
  singleAttributePerLine: false,
  experimentalTernaries: false,
  experimentalOperatorPosition: "end",
  embeddedLanguageFormatting: "auto",
  insertPragma: false,
  requirePragma: false,
};

/** The line end the config formats with ("auto" and unset: "\n"). */
export function lineEnd(config: prettier.Options): string {
  return config.endOfLine === "crlf" ? "\r\n" : config.endOfLine === "cr" ? "\r" : "\n";
}

/** The printWidth under which printed statements may skip Prettier, or undefined when every one must be formatted. */
export function printerExactWidth(config: prettier.Options): number | undefined {
  for (const [key, value] of Object.entries(config)) {
    if (key === "printWidth" || key === "endOfLine" || key.startsWith("$")) continue;
    if (!Object.hasOwn(PRINTER_EXACT, key) || PRINTER_EXACT[key] !== value) return undefined;
  }
  const width = config.printWidth ?? 80;
  return Number.isInteger(width) && width > 0 ? width : undefined;
}

const COMMENT_LINE = /^\s*(?:\/\*\*|\*|\/\/)/;

/**
 * A member whose type is one string literal argument (`readonly x: Blocked<"…">;`): Prettier has nowhere to break it
 * and leaves it whole at any width.
 */
const UNBREAKABLE = /^ {2}(?:readonly )?[\w$]+\??: [\w$.]+<"[^"\\]*">;$/;

/**
 * A statement as the printer emits it (at `width`: print.ts breaks signatures, `Pick<…>` clauses and import lists
 * as Prettier does) that Prettier leaves as it is: every code line fits in `width` (comment lines may be longer:
 * Prettier never rewraps them; nor does it break an UNBREAKABLE member) and no object type opens inside it (the
 * printer does not indent those the way Prettier does). Anything else is formatted by Prettier.
 */
function canonical(text: string, width: number): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (!COMMENT_LINE.test(line)) {
      if (line.length > width && !UNBREAKABLE.test(line)) return false;
      if (line.endsWith("{") && !/^(?:export )?interface /.test(line) && line !== "> {")
        if (!brokenList(line, text.slice(end + 1))) return false;
    }
    start = end + 1;
  }
  return true;
}

/**
 * An import list the printer broke over lines, one name a line, with two names or more: Prettier breaks it so too
 * (one name it leaves on one line, however long).
 */
function brokenList(line: string, rest: string): boolean {
  if (!/^import(?: type)? \{$/.test(line)) return false;
  let names = 0;
  for (const next of rest.split("\n", 4096)) {
    if (/^ {2}[\w$]+(?: as [\w$]+)?,$/.test(next)) names++;
    else return names >= 2 && /^\} from "[^"\\]*";$/.test(next);
  }
  return false;
}

interface FormatOptions {
  /** Overrides the piece size (tests use a small one to prove pieces format like whole files). */
  readonly pieceChars?: number;
  /** The folder's resolved Prettier config, when the caller has it already (generate resolves it once per run). */
  readonly config?: prettier.Options;
  /** Send every statement to Prettier, even where the printer's text is already Prettier's (tests compare both). */
  readonly alwaysPrettier?: boolean;
  /** Statements formatted by an earlier run under the same config and Prettier version. */
  readonly memo?: FormatMemo;
}

/** The output folder's Prettier configuration (every generated file shares it; resolving per file costs disk reads). */
export async function resolveFormatConfig(outDir: string): Promise<prettier.Options> {
  // Prettier keeps what it read for the life of the process: an in-process rerun (watch, the Vite plugin) after a
  // config edit would otherwise format with the old config.
  const { clearConfigCache, resolveConfig } = await import("prettier");
  await clearConfigCache();
  return (await resolveConfig(path.join(outDir, "types.d.ts"), { editorconfig: true })) ?? {};
}

/**
 * Formatted statements by content hash, kept between runs (generate's cache): a changed method formats alone. `file`
 * is the output file the statement is in (so the memo can keep a file's statements when the file itself is reused).
 */
export interface FormatMemo {
  get(key: string, file: string): string | undefined;
  set(key: string, formatted: string, file: string): void;
}

export async function formatFiles(
  files: readonly PrintedFile[],
  outDir: string,
  options: FormatOptions = {},
): Promise<FormattedFile[]> {
  const config = options.config ?? (await resolveFormatConfig(outDir));
  const eol = lineEnd(config);
  const width = options.alwaysPrettier ? undefined : printerExactWidth(config);
  const size = options.pieceChars ?? PIECE_CHARS;
  const outputs: string[][] = [];
  const ranges: StatementRange[][] = [];
  for (const [file, f] of files.entries()) {
    // With the printer exact, each statement Prettier must see is a piece of its own (its own memo entry); they are
    // still formatted in batches of about `size` characters.
    const list = pieces(f, width === undefined ? size : 0, width);
    const out = list.map((piece) => (piece.verbatim ? asIgnored(piece.text, eol) : undefined));
    const todo: { index: number; text: string; key: string }[] = [];
    for (const [index, piece] of list.entries()) {
      if (piece.verbatim) continue;
      const text = piece.text.replace(/^\n+/, "");
      const key = createHash("sha256").update(text).digest("base64url");
      const known = options.memo?.get(key, f.path);
      if (known !== undefined) out[index] = known;
      else todo.push({ index, text, key });
    }
    const prettierOptions = { ...config, ...FIXED, filepath: path.join(outDir, f.path) };
    for (const batch of batches(todo, size))
      for (const [i, formatted] of (await formatBatch(batch, prettierOptions, eol)).entries()) {
        out[batch[i]!.index] = formatted;
        options.memo?.set(batch[i]!.key, formatted, f.path);
      }
    outputs[file] = out as string[];
    if (width !== undefined && f.splitStatements) {
      const statementAt = new Map(f.splitPoints.map((p, i) => [p, f.splitStatements![i]!]));
      let offset = 0;
      ranges[file] = list.map((piece, i) => {
        const start = offset;
        offset += out[i]!.length + eol.length;
        return {
          statement: piece.start === 0 ? 0 : (statementAt.get(piece.start) ?? -1),
          start,
          end: start + out[i]!.length,
        };
      });
    }
  }
  return files.map((f, file) => ({
    path: f.path,
    content: outputs[file]!.join(eol),
    ...(ranges[file] && { pieces: ranges[file] }),
  }));
}

/** Consecutive items of about `size` characters together. */
function batches<T extends { text: string }>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    current.push(item);
    chars += item.text.length;
    if (chars >= size) {
      out.push(current);
      current = [];
      chars = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Statements formatted in one Prettier call, then told apart by the blank line Prettier puts between top-level
 * statements (each formats the same alone as among others); if a statement's own output holds a blank line, the
 * count is off and each is formatted alone instead.
 */
async function formatBatch(
  items: readonly { text: string }[],
  options: prettier.Options,
  eol: string,
): Promise<string[]> {
  if (items.length === 1) return [await formatJob(items[0]!.text, options)];
  const parts = (await formatJob(items.map((i) => i.text).join("\n"), options)).split(eol + eol);
  if (parts.length === items.length) return parts.map((p, i) => (i < parts.length - 1 ? p + eol : p));
  return Promise.all(items.map((i) => formatJob(i.text, options)));
}

/**
 * What Prettier makes of a piece holding one `prettier-ignore` or canonical statement: the statement as written,
 * without the blank line before it, with the configured line ends (the format test holds it equal to formatting the
 * whole file).
 */
function asIgnored(text: string, eol: string): string {
  const body = text.replace(/^\n+/, "");
  return eol === "\n" ? body : body.replace(/\n/g, eol);
}

/** Generated code prettier cannot parse is a generator bug: say which file, and that it is ours. */
async function formatJob(text: string, options: prettier.Options): Promise<string> {
  try {
    // Loaded on first use: a run whose statements are all canonical or in the memo never loads Prettier here.
    const { format } = await import("prettier");
    return await format(text, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `prettier could not format the generated ${path.basename(options.filepath!)} (a wix-authz bug, please report it): ${message}`,
      { cause: error },
    );
  }
}

interface Piece {
  /** Where the piece starts in the printed text. */
  readonly start: number;
  readonly text: string;
  /** A `prettier-ignore` statement: passed through, never parsed. */
  readonly verbatim: boolean;
}

/**
 * Cuts a file at statement boundaries into pieces of at least `size` characters (the last may be shorter); each
 * `prettier-ignore` statement is a piece of its own, and so is each statement already canonical at `width`.
 */
function pieces(file: PrintedFile, size: number, width: number | undefined): Piece[] {
  const verbatimEnd = new Map(file.verbatim.map((r) => [r.start, r.end]));
  const out: Piece[] = [];
  let start = 0;
  const cut = (end: number) => {
    if (end > start) out.push({ start, text: file.text.slice(start, end), verbatim: false });
    start = end;
  };
  const points = [...file.splitPoints, file.text.length];
  // The file's first piece (its header and the imports that follow it) too, when canonical.
  if (width !== undefined && canonical(file.text.slice(0, points[0]), width)) {
    out.push({ start: 0, text: file.text.slice(0, points[0]), verbatim: true });
    start = points[0]!;
  }
  for (let i = 0; i < points.length - 1; i++) {
    const point = points[i]!;
    const end =
      verbatimEnd.get(point) ??
      (width !== undefined && canonical(file.text.slice(point, points[i + 1]), width) ? points[i + 1]! : undefined);
    if (end !== undefined) {
      cut(point);
      out.push({ start: point, text: file.text.slice(point, end), verbatim: true });
      start = end;
    } else if (point > start && point - start >= size) cut(point);
  }
  cut(file.text.length);
  return out;
}
