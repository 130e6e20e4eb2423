// factory-file: ApiModel → the small runtime modules, each a `.js` file with its `.d.ts` (visitor, member, admin: a
// factory, its options type and its client type; site-methods: the descriptors browsers may load). Plain JavaScript
// because every resolver finds a real `./x.js` file (Next.js's Turbopack and webpack do not map `./x.js` to `x.ts`);
// the tables stay compiler-checked through `@satisfies {MethodTable}`. A server-only identity's factory holds its own
// table, so none of its method names or paths reach a browser bundle.
import type { StatementStructures } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./kinds.js";
import { BROWSER_IDENTITIES, identityInfo, type Identity } from "../../core/identity.js";
import type { ApiModel, MethodModel } from "../../core/model.js";
import { tableStatement, type LoaderTableStatement, type TableStatement } from "./tables.js";
import { jsDocs } from "./types-file.js";

type FactoryStatement = StatementStructures | TableStatement | LoaderTableStatement;

/** A module as its two files: the code (`.js`) and its types (`.d.ts`). */
export interface ModulePair {
  readonly js: FactoryStatement[];
  readonly dts: StatementStructures[];
}

const SITE_TABLE = "siteMethods";

const titleList = (ids: readonly Identity[]) => ids.map((i) => identityInfo(i).title.toLowerCase()).join(" or ");

const typeImport = (from: string, names: string[]): StatementStructures => ({
  kind: StructureKind.ImportDeclaration,
  moduleSpecifier: from,
  isTypeOnly: true,
  namedImports: names,
});

/** One top-level namespace's browser descriptors: a module of its own, loaded on the namespace's first call. */
export interface SiteChunk {
  /** `site-methods.stores` (the file is `site-methods.stores.js`). */
  readonly name: string;
  readonly top: string;
  readonly js: FactoryStatement[];
}

/**
 * The browser table as a lazy index (`site-methods.js`: one loader per top-level namespace, what every page loads)
 * and one chunk per top-level namespace with its descriptors: a page's initial bundle grows with the number of
 * top-level namespaces (Wix verticals), not with the number of methods.
 */
export function createSiteMethodsModule(model: ApiModel, runtime: string): ModulePair & { chunks: SiteChunk[] } {
  const site = model.methods.filter((m) => m.identities.some((i) => BROWSER_IDENTITIES.includes(i)));
  const who = titleList(BROWSER_IDENTITIES);
  const byTop = new Map<string, MethodModel[]>();
  for (const m of site) byTop.set(m.namespace[0]!, [...(byTop.get(m.namespace[0]!) ?? []), m]);
  const chunks = [...byTop].map(([top, methods]): SiteChunk => {
    const doc = `The ${top} methods a ${who} may call, loaded on the first call under \`client.${top}\`.`;
    return { name: `site-methods.${top}`, top, js: [tableStatement(CHUNK_TABLE, doc, methods, true, runtime)] };
  });
  const doc = `Every method a ${who} may call, by top-level namespace, each loaded on its first call; methods only server-side identities may call live in their factory files.`;
  const index: LoaderTableStatement = {
    kind: "loaders",
    name: SITE_TABLE,
    docs: jsDocs(doc, [`@satisfies {import(${JSON.stringify(runtime)}).LazyMethodTable}`]),
    rows: chunks.map((c) => [c.top, `./${c.name}.js`] as const),
  };
  return {
    js: [index],
    dts: [typeImport(runtime, ["LazyMethodTable"]), declaredTable(SITE_TABLE, doc, "LazyMethodTable")],
    chunks,
  };
}

/** What a namespace chunk exports: the runtime's MethodChunk (`{ methods }`). */
const CHUNK_TABLE = "methods";

function declaredTable(name: string, doc: string, type: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    hasDeclareKeyword: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: jsDocs(doc),
    declarations: [{ name, type }],
  };
}

/** The runtime entry an identity's factory imports: server-only identities have their own (`…/runtime/admin`). */
function runtimeEntry(identity: Identity, runtime: string): string {
  return identityInfo(identity).serverOnly ? `${runtime}/${identity}` : runtime;
}

export function clientTypeName(identity: Identity): string {
  return `${identityInfo(identity).title}Client`;
}

export function createFactoryModule(model: ApiModel, identity: Identity, runtime: string): ModulePair {
  const info = identityInfo(identity);
  const client = clientTypeName(identity);
  const entry = runtimeEntry(identity, runtime);
  const ownTable = info.serverOnly ? `${identity}Methods` : undefined;
  const summary = `Creates a client that calls Wix as ${info.summary}.${info.serverOnly ? " Server-side only." : ""}`;
  const js: FactoryStatement[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: entry, namedImports: [info.runtimeFactory] },
  ];
  if (ownTable)
    js.push(
      tableStatement(
        ownTable,
        `Every method the ${identity} identity may call.`,
        model.methods.filter((m) => m.identities.includes(identity)),
        false,
        runtime,
      ),
    );
  else
    js.push({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./site-methods.js",
      namedImports: [SITE_TABLE],
    });
  js.push({
    kind: StructureKind.Function,
    name: info.factory,
    isExported: true,
    // Types for checkJs readers of this file; TypeScript users read the .d.ts beside it.
    docs: jsDocs(summary, [
      `@param {import(${JSON.stringify(entry)}).${info.options}} options`,
      `@returns {import("./clients.js").${client}}`,
    ]),
    parameters: [{ name: "options" }],
    statements: [`return ${info.runtimeFactory}(options, ${ownTable ?? SITE_TABLE});`],
  });
  const dts: StatementStructures[] = [
    typeImport(entry, [info.options]),
    typeImport("./clients.js", [client]),
    {
      kind: StructureKind.Function,
      name: info.factory,
      isExported: true,
      hasDeclareKeyword: true,
      docs: jsDocs(summary),
      parameters: [{ name: "options", type: info.options }],
      returnType: client,
    },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [client] },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [info.options], moduleSpecifier: entry },
  ];
  return { js, dts };
}
