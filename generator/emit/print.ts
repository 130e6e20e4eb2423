// print: ts-morph structures → TypeScript text, for the declaration files (types.d.ts, clients.d.ts). It prints the
// structure kinds those files use, straight to a string, and records where each statement starts. ts-morph's own
// printer is general but scans every character and re-parses the result; at thousands of methods that was a
// quarter of generation time (bench/RESULTS.md). Prettier formats the output either way.
import {
  StructureKind,
  type ImportDeclarationStructure,
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type MethodSignatureStructure,
  type OptionalKind,
  type PropertySignatureStructure,
  type StatementStructures,
  type TypeAliasDeclarationStructure,
} from "ts-morph";

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

function method(m: OptionalKind<MethodSignatureStructure>): string {
  const params = (m.parameters ?? [])
    .map((p) => `${p.name}${p.hasQuestionToken ? "?" : ""}: ${String(p.type)}`)
    .join(", ");
  return `${docs(m.docs, "  ")}  ${m.name}(${params}): ${String(m.returnType)};\n`;
}

function printInterface(s: InterfaceDeclarationStructure): string {
  const heritage = s.extends && (s.extends as unknown[]).length ? ` extends ${(s.extends as string[]).join(", ")}` : "";
  let body = "";
  for (const p of s.properties ?? []) body += property(p);
  for (const m of s.methods ?? []) body += method(m);
  for (const i of s.indexSignatures ?? [])
    body += `${docs(i.docs, "  ")}  [${i.keyName}: ${i.keyType}]: ${String(i.returnType)};\n`;
  return `${docs(s.docs, "")}${s.isExported ? "export " : ""}interface ${s.name}${heritage} {\n${body}}\n`;
}

function printTypeAlias(s: TypeAliasDeclarationStructure): string {
  return `${docs(s.docs, "")}${s.isExported ? "export " : ""}type ${s.name} = ${String(s.type)};\n`;
}

function printImport(s: ImportDeclarationStructure): string {
  const what = s.namespaceImport ? `* as ${s.namespaceImport}` : `{ ${(s.namedImports as string[]).join(", ")} }`;
  return `import ${s.isTypeOnly ? "type " : ""}${what} from ${JSON.stringify(s.moduleSpecifier)};\n`;
}

function printStatement(s: StatementStructures | string): string {
  if (typeof s === "string") return `${s}\n`;
  switch (s.kind) {
    case StructureKind.Interface:
      return printInterface(s);
    case StructureKind.TypeAlias:
      return printTypeAlias(s);
    case StructureKind.ImportDeclaration:
      return printImport(s);
    default:
      throw new Error(`print.ts cannot print a ${StructureKind[s.kind]} structure; emit it through ts-morph instead`);
  }
}

/** The file's text, statements separated by blank lines, and the offsets where statements after the first begin. */
export function printDeclarations(statements: readonly (StatementStructures | string)[]): {
  content: string;
  splitPoints: number[];
} {
  let content = "";
  const splitPoints: number[] = [];
  statements.forEach((s, i) => {
    // Imports stay together, as ts-morph writes them; every other statement is set apart by a blank line.
    const grouped = i > 0 && typeof s !== "string" && s.kind === StructureKind.ImportDeclaration;
    if (i > 0 && !grouped) {
      splitPoints.push(content.length);
      content += "\n";
    }
    content += printStatement(s);
  });
  return { content, splitPoints };
}
