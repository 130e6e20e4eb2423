// factory-file: ApiModel → the small runtime modules, one per identity of the identity table (visitor.ts, member.ts,
// admin.ts: a factory, its options type and its client type) and site-methods.ts, the descriptors browsers may load.
// A server-only identity's factory holds its own table, so none of its method names or paths reach a browser bundle.
import { StructureKind, type StatementStructures } from "ts-morph";
import { BROWSER_IDENTITIES, identityInfo, type Identity } from "../../core/identity.js";
import type { ApiModel } from "../../core/model.js";
import { tableStatement, type TableStatement } from "./tables.js";
import { jsDocs } from "./types-file.js";

type FactoryStatement = StatementStructures | TableStatement;

const SITE_TABLE = "siteMethods";

const titleList = (ids: readonly Identity[]) => ids.map((i) => identityInfo(i).title.toLowerCase()).join(" or ");

export function createSiteMethodsStatements(model: ApiModel, runtime: string): FactoryStatement[] {
  const site = model.methods.filter((m) => m.identities.some((i) => BROWSER_IDENTITIES.includes(i)));
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtime,
      isTypeOnly: true,
      namedImports: ["MethodTable"],
    },
    tableStatement(
      SITE_TABLE,
      `Every method a ${titleList(BROWSER_IDENTITIES)} may call; methods only server-side identities may call live in their factory files.`,
      site,
      true,
    ),
  ];
}

/** The runtime entry an identity's factory imports: server-only identities have their own (`…/runtime/admin`). */
function runtimeEntry(identity: Identity, runtime: string): string {
  return identityInfo(identity).serverOnly ? `${runtime}/${identity}` : runtime;
}

export function clientTypeName(identity: Identity): string {
  return `${identityInfo(identity).title}Client`;
}

export function createFactoryStatements(model: ApiModel, identity: Identity, runtime: string): FactoryStatement[] {
  const info = identityInfo(identity);
  const client = clientTypeName(identity);
  const entry = runtimeEntry(identity, runtime);
  const ownTable = info.serverOnly ? `${identity}Methods` : undefined;
  const statements: FactoryStatement[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: entry,
      namedImports: [info.runtimeFactory, { name: info.options, isTypeOnly: true }],
    },
    ownTable
      ? {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: runtime,
          isTypeOnly: true,
          namedImports: ["MethodTable"],
        }
      : { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./site-methods.js", namedImports: [SITE_TABLE] },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./clients.js",
      isTypeOnly: true,
      namedImports: [client],
    },
  ];
  if (ownTable)
    statements.push(
      tableStatement(
        ownTable,
        `Every method the ${identity} identity may call.`,
        model.methods.filter((m) => m.identities.includes(identity)),
        false,
      ),
    );
  statements.push(
    {
      kind: StructureKind.Function,
      name: info.factory,
      isExported: true,
      docs: jsDocs(`Creates a client that calls Wix as ${info.summary}.${info.serverOnly ? " Server-side only." : ""}`),
      parameters: [{ name: "options", type: info.options }],
      returnType: client,
      statements: [`return ${info.runtimeFactory}<${client}>(options, ${ownTable ?? SITE_TABLE});`],
    },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [client] },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [info.options], moduleSpecifier: entry },
  );
  return statements;
}
