// print: emitted modules (ts-morph structures and method tables) → TypeScript text, the one printer of the pipeline.
// It prints the structure kinds generated files use straight to a string and records where statements start, so the
// formatter can cut large files. ts-morph's own printer is general but scans every character and re-parses the result;
// at thousands of methods that was a quarter of generation time (bench/RESULTS.md). Prettier formats the output.
import type {
  ExportDeclarationStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  MethodSignatureStructure,
  OptionalKind,
  PropertySignatureStructure,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
} from "ts-morph";
import { StructureKind, kindName } from "./emit/kinds.js";
import type { EmittedModule, EmittedStatement, LoaderTableStatement, TableStatement } from "./emit/index.js";

/** A generated file as text, before formatting. */
export interface PrintedFile {
  /** Relative to the output folder, posix separators. */
  readonly path: string;
  readonly text: string;
  /**
   * Offsets between top-level statements separated by a blank line: the file may be formatted in pieces cut there
   * (each statement formats the same alone as in the whole file).
   */
  readonly splitPoints: readonly number[];
  /**
   * `prettier-ignore` statements (the method tables), from the split point before each to its end: Prettier prints
   * an ignored statement as written, so the formatter passes these through instead of parsing megabytes of literal.
   */
  readonly verbatim: readonly { readonly start: number; readonly end: number }[];
  /** The index (in the module's statements) of the statement that follows each split point. */
  readonly splitStatements?: readonly number[];
}

/**
 * The printWidth Prettier will format with, when the printer is exact for the run's Prettier config (format.ts,
 * printerExactWidth): signatures, `Pick<…>` heritage and import lists that do not fit are then broken the way
 * Prettier breaks them, so those statements skip Prettier. Undefined: one line each, and Prettier (if on) lays them
 * out.
 */
export interface PrintOptions {
  readonly width?: number;
}

type Docs = InterfaceDeclarationStructure["docs"];

function docs(list: Docs, indent: string): string {
  let out = "";
  for (const doc of list ?? []) {
    const description = typeof doc === "string" ? doc : String((doc as OptionalKind<JSDocStructure>).description ?? "");
    const lines = description.split("\n");
    out +=
      lines.length === 1
        ? `${indent}/** ${lines[0]} */\n`
        : `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join("\n")}\n${indent} */\n`;
  }
  return out;
}

function property(p: OptionalKind<PropertySignatureStructure>): string {
  return `${docs(p.docs, "  ")}  ${p.isReadonly ? "readonly " : ""}${p.name}${p.hasQuestionToken ? "?" : ""}: ${String(p.type)};\n`;
}

/** A method signature; past `width`, one parameter per line with a trailing comma, as Prettier breaks it. */
function method(m: OptionalKind<MethodSignatureStructure>, width: number | undefined): string {
  const params = (m.parameters ?? []).map((p) => `${p.name}${p.hasQuestionToken ? "?" : ""}: ${String(p.type)}`);
  const line = `  ${m.name}(${params.join(", ")}): ${String(m.returnType)};`;
  if (width === undefined || line.length <= width || params.length === 0) return `${docs(m.docs, "  ")}${line}\n`;
  const list = params.map((p) => `    ${p},\n`).join("");
  return `${docs(m.docs, "  ")}  ${m.name}(\n${list}  ): ${String(m.returnType)};\n`;
}

/** `Pick<Interface, "a" | "b">`, the one heritage clause the emitter writes with a breakable list. */
const PICK = /^Pick<([A-Za-z_$][\w$]*), ("[\w$]+"(?: \| "[\w$]+")*)>$/;

/**
 * The interface's first line(s) up to its body. Past `width`, a single `Pick<…>` clause breaks as Prettier breaks
 * it: one type argument per line, then the union one member per line if it does not fit either.
 */
function interfaceHead(s: InterfaceDeclarationStructure, body: string, width: number | undefined): string {
  const list = (s.extends ?? []) as string[];
  const start = `${s.isExported ? "export " : ""}interface ${s.name}`;
  const open = body ? " {" : " {}";
  const line = `${start}${list.length ? ` extends ${list.join(", ")}` : ""}${open}`;
  const pick = list.length === 1 ? PICK.exec(list[0]!) : null;
  if (width === undefined || line.length <= width || pick === null) return line;
  const [, from, union] = pick as unknown as [string, string, string];
  const members =
    `  ${union}`.length <= width
      ? `  ${union}\n`
      : union
          .split(" | ")
          .map((m) => `  | ${m}\n`)
          .join("");
  return `${start} extends Pick<\n  ${from},\n${members}>${open}`;
}

function printInterface(s: InterfaceDeclarationStructure, width: number | undefined): string {
  let body = "";
  for (const p of s.properties ?? []) body += property(p);
  for (const m of s.methods ?? []) body += method(m, width);
  for (const i of s.indexSignatures ?? [])
    body += `${docs(i.docs, "  ")}  [${i.keyName}: ${i.keyType}]: ${String(i.returnType)};\n`;
  // An empty body as Prettier prints it: `{}`.
  return `${docs(s.docs, "")}${interfaceHead(s, body, width)}${body ? `\n${body}}` : ""}\n`;
}

function printTypeAlias(s: TypeAliasDeclarationStructure): string {
  return `${docs(s.docs, "")}${s.isExported ? "export " : ""}type ${s.name} = ${String(s.type)};\n`;
}

type Named = string | { readonly name: string; readonly isTypeOnly?: boolean };
const named = (n: Named) => (typeof n === "string" ? n : `${n.isTypeOnly ? "type " : ""}${n.name}`);

/** An import; a named list past `width` gets one name per line with a trailing comma, as Prettier breaks it. */
function printImport(s: ImportDeclarationStructure, width: number | undefined): string {
  const names = ((s.namedImports ?? []) as Named[]).map(named);
  const what = s.namespaceImport ? `* as ${s.namespaceImport}` : `{ ${names.join(", ")} }`;
  const head = `import ${s.isTypeOnly ? "type " : ""}`;
  const from = ` from ${JSON.stringify(s.moduleSpecifier)};`;
  const line = `${head}${what}${from}`;
  if (width === undefined || line.length <= width || s.namespaceImport || names.length === 0) return `${line}\n`;
  return `${head}{\n${names.map((n) => `  ${n},\n`).join("")}}${from}\n`;
}

function printExport(s: ExportDeclarationStructure): string {
  const names = ((s.namedExports ?? []) as Named[]).map(named).join(", ");
  const from = s.moduleSpecifier === undefined ? "" : ` from ${JSON.stringify(s.moduleSpecifier)}`;
  return `export ${s.isTypeOnly ? "type " : ""}{ ${names} }${from};\n`;
}

const typed = (name: string, type: unknown) => (type === undefined ? name : `${name}: ${String(type)}`);

/** A function: with a body in a `.js` module (untyped: JSDoc carries the types), `declare`d in a `.d.ts`. */
function printFunction(s: FunctionDeclarationStructure): string {
  const params = (s.parameters ?? []).map((p) => typed(`${p.name}${p.hasQuestionToken ? "?" : ""}`, p.type));
  const head = `${docs(s.docs, "")}${s.isExported ? "export " : ""}${s.hasDeclareKeyword ? "declare " : ""}`;
  const signature = typed(`function ${s.name}(${params.join(", ")})`, s.returnType);
  if (s.hasDeclareKeyword) return `${head}${signature};\n`;
  const body = ((s.statements ?? []) as string[]).map((line) => `  ${line}\n`).join("");
  return `${head}${signature} {\n${body}}\n`;
}

function printVariable(s: VariableStatementStructure): string {
  const head = `${docs(s.docs, "")}${s.isExported ? "export " : ""}${s.hasDeclareKeyword ? "declare " : ""}`;
  const list = s.declarations.map((d) => typed(d.name, d.type)).join(", ");
  return `${head}${s.declarationKind ?? "const"} ${list};\n`;
}

/**
 * A method table: an object literal that `@satisfies` the runtime's MethodTable (so checkJs checks every descriptor),
 * one method per line for readable diffs. `prettier-ignore` keeps those lines: Prettier would break each into eight,
 * and formatting thousands of them is most of its time; the lines are already what Prettier makes of everything else.
 */
function printTable(s: TableStatement): string {
  const rows = s.rows.map(([id, d]) => {
    const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
    const fields = [
      `method: ${JSON.stringify(d.method)}`,
      `path: ${JSON.stringify(d.path)}`,
      `pathParams: ${list(d.pathParams)}`,
      `identities: ${list(d.identities)}`,
      `permissions: ${list(d.permissions)}`,
    ];
    return `  ${JSON.stringify(id)}: { ${fields.join(", ")} },\n`;
  });
  const head = `${docs(s.docs, "")}// prettier-ignore\n${s.exported ? "export " : ""}const ${s.name} = `;
  return rows.length ? `${head}{\n${rows.join("")}};\n` : `${head}{};\n`;
}

/** The lazy index: one `() => import("./…")` per top-level namespace, a literal specifier every bundler splits on. */
function printLoaders(s: LoaderTableStatement): string {
  const rows = s.rows.map(([top, file]) => `  ${JSON.stringify(top)}: () => import(${JSON.stringify(file)}),\n`);
  const head = `${docs(s.docs, "")}// prettier-ignore\nexport const ${s.name} = `;
  return rows.length ? `${head}{\n${rows.join("")}};\n` : `${head}{};\n`;
}

function printStatement(s: EmittedStatement, width: number | undefined): string {
  if (typeof s === "string") return `${s}\n`;
  switch (s.kind) {
    case "table":
      return printTable(s);
    case "loaders":
      return printLoaders(s);
    case "formatted":
      return s.text;
    case StructureKind.Interface:
      return printInterface(s, width);
    case StructureKind.TypeAlias:
      return printTypeAlias(s);
    case StructureKind.ImportDeclaration:
      return printImport(s, width);
    case StructureKind.ExportDeclaration:
      return printExport(s);
    case StructureKind.Function:
      return printFunction(s);
    case StructureKind.VariableStatement:
      return printVariable(s);
    default:
      throw new Error(`print.ts cannot print a ${kindName(s.kind)} structure (a wix-authz bug)`);
  }
}

const isKind = (s: EmittedStatement | undefined, kind: number) =>
  s !== undefined && typeof s !== "string" && s.kind === kind;

/** Imports follow the header directly and stay together, and so do re-exports; other statements get a blank line. */
function joined(s: EmittedStatement, previous: EmittedStatement | undefined): boolean {
  return (
    isKind(s, StructureKind.ImportDeclaration) ||
    (isKind(s, StructureKind.ExportDeclaration) && isKind(previous, StructureKind.ExportDeclaration))
  );
}

/** The file's text, statements separated by blank lines, and the offsets where statements after the first begin. */
function printModule(module: EmittedModule, width: number | undefined): PrintedFile {
  let text = "";
  const splitPoints: number[] = [];
  const splitStatements: number[] = [];
  const verbatim: { start: number; end: number }[] = [];
  module.statements.forEach((s, i) => {
    const start = text.length;
    if (i > 0 && !joined(s, module.statements[i - 1])) {
      splitPoints.push(text.length);
      splitStatements.push(i);
      text += "\n";
    }
    text += printStatement(s, width);
    if (i > 0 && typeof s !== "string" && (s.kind === "table" || s.kind === "loaders" || s.kind === "formatted"))
      verbatim.push({ start, end: text.length });
  });
  return { path: module.path, text, splitPoints, verbatim, splitStatements };
}

export function printModules(modules: readonly EmittedModule[], options: PrintOptions = {}): PrintedFile[] {
  return modules.map((m) => printModule(m, options.width));
}
