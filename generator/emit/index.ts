// emit: ApiModel → EmittedFile[] (unformatted TypeScript, in memory). One emitter per output file.
import {
  Project,
  StructureKind,
  type SourceFile,
  type PropertySignatureStructure,
  type StatementStructures,
} from "ts-morph";
import { IDENTITIES, type ApiModel, type Identity } from "../model.js";
import { createClientInterfaces, createNamespaceMethodInterfaces } from "./client-file.js";
import { createFactoryStatements, createSiteMethodsStatements } from "./factory-file.js";
import { header, type EmitOptions } from "./header.js";
import type { TableTexts } from "./tables.js";
import { printDeclarations } from "./print.js";
import { createTypesStatements, jsDocs } from "./types-file.js";

export interface EmittedFile {
  /** Relative to the output folder, posix separators. */
  readonly path: string;
  readonly content: string;
  /**
   * Offsets between top-level statements separated by a blank line: the file may be formatted in pieces cut there
   * (each statement formats the same alone as in the whole file).
   */
  readonly splitPoints?: readonly number[];
}

export type { EmitOptions };

export function emit(model: ApiModel, options: EmitOptions): EmittedFile[] {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const runtime = options.runtimeImport ?? "wix-authz/runtime";
  const tables: TableTexts = new Map();
  // Declarations go to .d.ts files (like any generated typings: projects with skipLibCheck do not re-check them);
  // only the factories and the method tables are code.
  const files: [string, string, StatementStructures[]][] = [
    ["types.d.ts", "Request, response and shared types of every method.", createTypesStatements(model)],
    [
      "clients.d.ts",
      "The client types of each identity; a method an identity may not call is Blocked on its type.",
      createClientsStatements(model, runtime),
    ],
    [
      "site-methods.ts",
      "Descriptors of the methods a visitor or member may call (no admin-only method).",
      createSiteMethodsStatements(model, runtime, tables),
    ],
    [
      "visitor.ts",
      "The visitor client: import it anywhere, browsers included.",
      createFactoryStatements(model, "visitor", runtime, tables),
    ],
    [
      "member.ts",
      "The member client: import it anywhere, browsers included.",
      createFactoryStatements(model, "member", runtime, tables),
    ],
    [
      "admin.ts",
      "The admin client: server-side only (it holds an API key).",
      createFactoryStatements(model, "admin", runtime, tables),
    ],
  ];
  return files.map(([path, what, statements]) => {
    if (path.endsWith(".d.ts")) return { path, ...printDeclarations([header(model, options, what), ...statements]) };
    const sourceFile = project.createSourceFile(
      path,
      { statements: [header(model, options, what), ...statements] },
      { overwrite: true },
    );
    const content = sourceFile.getFullText();
    const splitPoints: number[] = [];
    let previousEnd: number | undefined;
    for (const statement of sourceFile.getStatements()) {
      if (previousEnd !== undefined && /\n[ \t]*\n/.test(content.slice(previousEnd, statement.getStart(true))))
        splitPoints.push(previousEnd);
      previousEnd = statement.getEnd();
    }
    const spliced = spliceTables(sourceFile, content, splitPoints, tables);
    project.removeSourceFile(sourceFile);
    return { path, ...spliced };
  });
}

/**
 * Puts each table's text in place of its constant's placeholder initializer, found by position (last first, so
 * earlier positions hold); split points after a table move with it.
 */
function spliceTables(
  sourceFile: SourceFile,
  content: string,
  splitPoints: number[],
  tables: TableTexts,
): { content: string; splitPoints: number[] } {
  const placeholders = sourceFile
    .getVariableDeclarations()
    .filter((d) => tables.has(d.getName()))
    .map((d) => ({ node: d.getInitializerOrThrow(), text: tables.get(d.getName())! }))
    .reverse();
  for (const { node, text } of placeholders) {
    const at = node.getStart();
    const end = node.getEnd();
    content = content.slice(0, at) + text + content.slice(end);
    splitPoints = splitPoints.map((point) => (point > at ? point + text.length - (end - at) : point));
  }
  return { content, splitPoints };
}

function rootMembers(identity: Identity): PropertySignatureStructure[] {
  if (identity === "admin") return [];
  const type = identity === "visitor" ? "VisitorAuth<MemberClient>" : "MemberAuth<MemberClient, VisitorClient>";
  const doc =
    identity === "visitor"
      ? "Session: tokens, login (returns a MemberClient)."
      : "Session: tokens, logout (returns a VisitorClient).";
  return [{ kind: StructureKind.PropertySignature, name: "auth", isReadonly: true, type, docs: jsDocs(doc) }];
}

function createClientsStatements(model: ApiModel, runtime: string): StatementStructures[] {
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtime,
      isTypeOnly: true,
      namedImports: ["Blocked", "CallOptions", "MemberAuth", "VisitorAuth"],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./types.js", isTypeOnly: true, namespaceImport: "T" },
    ...createNamespaceMethodInterfaces(model),
    ...IDENTITIES.flatMap((identity) => createClientInterfaces(model, identity, rootMembers(identity))),
  ];
}
