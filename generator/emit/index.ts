// emit: ApiModel → EmittedFile[] (unformatted TypeScript, in memory). One emitter per output file.
import { Project, StructureKind, VariableDeclarationKind, type PropertySignatureStructure, type StatementStructures } from "ts-morph";
import type { ApiModel, Identity } from "../model.js";
import { createClientInterfaces } from "./client-file.js";
import { header, type EmitOptions } from "./header.js";
import { methodTableLiteral } from "./tables.js";
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
  const files: [string, string, StatementStructures[]][] = [
    ["types.ts", "Request, response and shared types of every method.", createTypesStatements(model)],
    ["site-methods.ts", "Descriptors of the methods a visitor or member may call (no admin-only method).", createSiteMethodsStatements(model, runtime)],
    ["visitor.ts", "The visitor client: import it anywhere, browsers included.", createIdentityClientStatements(model, "visitor", runtime)],
    ["member.ts", "The member client: import it anywhere, browsers included.", createIdentityClientStatements(model, "member", runtime)],
    ["admin.ts", "The admin client: server-side only (it holds an API key).", createIdentityClientStatements(model, "admin", runtime)],
  ];
  return files.map(([path, what, statements]) => {
    const sourceFile = project.createSourceFile(path, { statements: [header(model, options, what), ...statements] }, { overwrite: true });
    const content = sourceFile.getFullText();
    const splitPoints: number[] = [];
    let previousEnd: number | undefined;
    for (const statement of sourceFile.getStatements()) {
      if (previousEnd !== undefined && /\n[ \t]*\n/.test(content.slice(previousEnd, statement.getStart(true)))) splitPoints.push(previousEnd);
      previousEnd = statement.getEnd();
    }
    project.removeSourceFile(sourceFile);
    return { path, content, splitPoints };
  });
}

function createSiteMethodsStatements(model: ApiModel, runtime: string): StatementStructures[] {
  const site = model.methods.filter((m) => m.identities.includes("visitor") || m.identities.includes("member"));
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime, isTypeOnly: true, namedImports: ["MethodTable"] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs("Every method a visitor or member may call. Admin-only methods live in admin.ts only."),
      declarations: [{ name: "siteMethods", initializer: `${methodTableLiteral(site)} as const satisfies MethodTable` }],
    },
  ];
}

const FACTORY: Record<Identity, { fn: string; runtimeFn: string; options: string; doc: string }> = {
  visitor: { fn: "createVisitorClient", runtimeFn: "createVisitorRuntime", options: "VisitorOptions", doc: "Creates a client that calls Wix as an anonymous visitor. `auth` logs the visitor in and returns a MemberClient." },
  member: { fn: "createMemberClient", runtimeFn: "createMemberRuntime", options: "MemberOptions", doc: "Creates a client that calls Wix as a logged-in member, from the member's tokens or a token store." },
  admin: { fn: "createAdminClient", runtimeFn: "createAdminRuntime", options: "AdminOptions", doc: "Creates a client that calls Wix with an API key and exactly one of siteId / accountId. Server-side only." },
};

function rootMembers(identity: Identity): PropertySignatureStructure[] {
  if (identity === "admin") return [];
  const type = identity === "visitor" ? "VisitorAuth<MemberClient>" : "MemberAuth<MemberClient, VisitorClient>";
  const doc = identity === "visitor" ? "Session: tokens, login (returns a MemberClient)." : "Session: tokens, logout (returns a VisitorClient).";
  return [{ kind: StructureKind.PropertySignature, name: "auth", isReadonly: true, type, docs: jsDocs(doc) }];
}

function createIdentityClientStatements(model: ApiModel, identity: Identity, runtime: string): StatementStructures[] {
  const f = FACTORY[identity];
  const clientName = `${identity[0]!.toUpperCase()}${identity.slice(1)}Client`;
  const runtimeTypes = ["Blocked", "CallOptions"];
  const statements: StatementStructures[] = [];
  if (identity === "admin") {
    statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `${runtime}/admin`, namedImports: [f.runtimeFn, { name: f.options, isTypeOnly: true }] });
    runtimeTypes.push("MethodTable");
  } else {
    runtimeTypes.push(identity === "visitor" ? "VisitorAuth" : "MemberAuth", f.options);
    statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime, namedImports: [f.runtimeFn] });
  }
  statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime, isTypeOnly: true, namedImports: runtimeTypes.sort() });
  if (identity !== "admin") {
    statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "./site-methods.js", namedImports: ["siteMethods"] });
    const other = identity === "visitor" ? { module: "./member.js", name: "MemberClient" } : { module: "./visitor.js", name: "VisitorClient" };
    statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: other.module, isTypeOnly: true, namedImports: [other.name] });
  }
  statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "./types.js", isTypeOnly: true, namespaceImport: "T" });
  let table = "siteMethods";
  if (identity === "admin") {
    table = "adminMethods";
    const admin = model.methods.filter((m) => m.identities.includes("admin"));
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs("Every method an admin may call."),
      declarations: [{ name: table, initializer: `${methodTableLiteral(admin)} as const satisfies MethodTable` }],
    });
  }
  statements.push(...createClientInterfaces(model, identity, rootMembers(identity)));
  statements.push({
    kind: StructureKind.Function,
    name: f.fn,
    isExported: true,
    docs: jsDocs(f.doc),
    parameters: [{ name: "options", type: f.options }],
    returnType: clientName,
    statements: [`return ${f.runtimeFn}<${clientName}>(options, ${table});`],
  });
  statements.push({ kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [f.options], moduleSpecifier: identity === "admin" ? `${runtime}/admin` : runtime });
  return statements;
}
