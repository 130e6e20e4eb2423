// factory-file: ApiModel → the small runtime modules: site-methods.ts (descriptors), visitor.ts, member.ts, admin.ts
// (each a factory, its options type and its client type). The big type declarations live in types.d.ts / clients.d.ts.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { ApiModel, Identity } from "../model.js";
import { methodTableExpression, type TableTexts } from "./tables.js";
import { jsDocs } from "./types-file.js";

const FACTORY: Record<Identity, { fn: string; runtimeFn: string; options: string; client: string; doc: string }> = {
  visitor: {
    fn: "createVisitorClient",
    runtimeFn: "createVisitorRuntime",
    options: "VisitorOptions",
    client: "VisitorClient",
    doc: "Creates a client that calls Wix as an anonymous visitor. `auth` logs the visitor in and returns a MemberClient.",
  },
  member: {
    fn: "createMemberClient",
    runtimeFn: "createMemberRuntime",
    options: "MemberOptions",
    client: "MemberClient",
    doc: "Creates a client that calls Wix as a logged-in member, from the member's tokens or a token store.",
  },
  admin: {
    fn: "createAdminClient",
    runtimeFn: "createAdminRuntime",
    options: "AdminOptions",
    client: "AdminClient",
    doc: "Creates a client that calls Wix with an API key and exactly one of siteId / accountId. Server-side only.",
  },
};

/**
 * A method table constant of the runtime's MethodTable type, parsed from JSON text (see tables.ts). The text itself
 * goes to `tables` and a placeholder to ts-morph, which would otherwise walk megabytes of string character by
 * character.
 */
function table(
  name: string,
  doc: string,
  methods: ApiModel["methods"],
  exported: boolean,
  tables: TableTexts,
): StatementStructures {
  tables.set(name, methodTableExpression(methods));
  return {
    kind: StructureKind.VariableStatement,
    isExported: exported,
    declarationKind: VariableDeclarationKind.Const,
    docs: jsDocs(doc),
    declarations: [{ name, type: "MethodTable", initializer: "undefined" }],
  };
}

export function createSiteMethodsStatements(
  model: ApiModel,
  runtime: string,
  tables: TableTexts,
): StatementStructures[] {
  const site = model.methods.filter((m) => m.identities.includes("visitor") || m.identities.includes("member"));
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtime,
      isTypeOnly: true,
      namedImports: ["MethodTable"],
    },
    table(
      "siteMethods",
      "Every method a visitor or member may call. Admin-only methods live in admin.ts only.",
      site,
      true,
      tables,
    ),
  ];
}

export function createFactoryStatements(
  model: ApiModel,
  identity: Identity,
  runtime: string,
  tables: TableTexts,
): StatementStructures[] {
  const f = FACTORY[identity];
  const entry = identity === "admin" ? `${runtime}/admin` : runtime;
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: entry,
      namedImports: [f.runtimeFn, { name: f.options, isTypeOnly: true }],
    },
  ];
  let tableName = "siteMethods";
  if (identity === "admin") {
    tableName = "adminMethods";
    statements.push({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtime,
      isTypeOnly: true,
      namedImports: ["MethodTable"],
    });
  } else {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./site-methods.js",
      namedImports: ["siteMethods"],
    });
  }
  statements.push({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: "./clients.js",
    isTypeOnly: true,
    namedImports: [f.client],
  });
  if (identity === "admin")
    statements.push(
      table(
        tableName,
        "Every method an admin may call.",
        model.methods.filter((m) => m.identities.includes("admin")),
        false,
        tables,
      ),
    );
  statements.push(
    {
      kind: StructureKind.Function,
      name: f.fn,
      isExported: true,
      docs: jsDocs(f.doc),
      parameters: [{ name: "options", type: f.options }],
      returnType: f.client,
      statements: [`return ${f.runtimeFn}<${f.client}>(options, ${tableName});`],
    },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [f.client] },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [f.options], moduleSpecifier: entry },
  );
  return statements;
}
