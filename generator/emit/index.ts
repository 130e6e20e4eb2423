// emit: ApiModel → EmittedModule[]: for each output file, its statements as ts-morph structures (and method tables).
// No text is made here: print.ts prints, format.ts formats, write.ts writes. One emitter per output file.
import { createHash } from "node:crypto";
import type { PropertySignatureStructure, StatementStructures } from "ts-morph";
import { StructureKind, type FormattedStatement } from "./kinds.js";
import { IDENTITIES, identityInfo, type Identity, type IdentityInfo } from "../../core/identity.js";
import type { ApiModel, MethodModel, NamedSchema } from "../../core/model.js";
import {
  createClientInterfaces,
  createNamespaceMethodInterfaces,
  identityKey,
  namespaceKey,
  namespaceMethodKeys,
  namespacePaths,
} from "./client-file.js";
import { clientTypeName, createFactoryModule, createSiteMethodsModule, type ModulePair } from "./factory-file.js";
import { header, type EmitOptions } from "./header.js";
import type { LoaderTableStatement, TableStatement } from "./tables.js";
import {
  createTypesStatements,
  jsDocs,
  requestKey,
  responseKey,
  schemaKey,
  typesInputs,
  typesKeys,
} from "./types-file.js";

export type { LoaderTableStatement, TableStatement };
export type EmittedStatement =
  StatementStructures | TableStatement | LoaderTableStatement | FormattedStatement | string;

export type { FormattedStatement };

/**
 * An incremental run's statements of unchanged spec files, by statement key (`statementKeys`): the last run's
 * text of each, or undefined for a statement to emit.
 */
export type ReusedStatement = (file: string, key: string) => FormattedStatement | undefined;

/** One output file as structures, in statement order. */
export interface EmittedModule {
  /** Relative to the output folder, posix separators. */
  readonly path: string;
  readonly statements: readonly EmittedStatement[];
}

export type { EmitOptions };

/**
 * One output file before it is emitted. With `inputs`, the file is a function of exactly those model parts (and of
 * the run's options and code): its emitter is handed them instead of the model, so a run may reuse the file's text
 * from the last run while they are unchanged (generator/output-cache.ts), and skip `statements`.
 */
export interface PlannedModule {
  readonly path: string;
  readonly inputs?: unknown;
  statements(): readonly EmittedStatement[];
  /**
   * The key of each statement an incremental run may take from this file's last text instead of emitting it (one
   * spec file's part: a shared schema, a method's request or response type, a namespace's `All…` interface), by
   * statement index; the other statements have none.
   */
  keys?(): readonly (string | undefined)[];
}

export function emit(model: ApiModel, options: EmitOptions): EmittedModule[] {
  return planModules(model, options).map((m) => ({ path: m.path, statements: m.statements() }));
}

/**
 * With `typesByFile` (each spec file's `typesDigest`, in file order), types.d.ts's inputs are those digests instead of
 * the whole projection: the same inputs, hashed in parts (one file's part is a function of that file alone, and the
 * projection of all of them merged), so an incremental run does not serialize every schema to learn it is unchanged.
 */
export function planModules(
  model: ApiModel,
  options: EmitOptions,
  typesByFile?: readonly (readonly [file: string, digest: string])[],
  reused?: ReusedStatement,
): PlannedModule[] {
  const types = { sources: model.sources, ...typesInputs(model) };
  const reuse = (file: string) => reused && ((key: string) => reused(file, key));
  return [
    {
      path: "types.d.ts",
      inputs: typesByFile ? { sources: model.sources, files: typesByFile } : types,
      statements: () => [
        header(types, options, "Request, response and shared types of every method."),
        ...createTypesStatements(types, reuse("types.d.ts")),
      ],
      keys: () => [undefined, ...typesKeys(types)],
    },
    ...emitRest(model, options, reuse("clients.d.ts")).map(({ path, statements }) => ({
      path,
      // Every file but clients.d.ts (the method tables, the factories) is a function of its own statements, which
      // are small (descriptors, imports): hashed, they are its inputs, so a file no change reaches is reused whole.
      ...(path !== "clients.d.ts" && typesByFile && { inputs: statementsDigest(statements) }),
      statements: () => statements,
      ...(path === "clients.d.ts" && {
        keys: () => [
          undefined,
          undefined,
          undefined,
          ...namespaceMethodKeys(model),
          ...IDENTITIES.flatMap((identity) => namespacePaths(model).map((p) => identityKey(identity, p))),
        ],
      }),
    })),
  ];
}

/** The hash of a module's statements as emitted (structures and tables: plain data, in a fixed key order). */
function statementsDigest(statements: readonly EmittedStatement[]): string {
  return createHash("sha256").update(JSON.stringify(statements)).digest("hex");
}

/**
 * The hash of each spec file's part of types.d.ts's inputs (typesInputs of that file's methods and schemas), in the
 * model's file order: `known` gives it for a file whose part is unchanged since it was hashed (generate's spec cache),
 * the rest are hashed from the model.
 */
export function typesDigests(model: ApiModel, known: (file: string) => string | undefined): [string, string][] {
  const parts = new Map<string, { methods: MethodModel[]; schemas: NamedSchema[] }>();
  const part = (file: string) => {
    let p = parts.get(file);
    if (!p) parts.set(file, (p = { methods: [], schemas: [] }));
    return p;
  };
  for (const m of model.methods) if (known(m.source.file) === undefined) part(m.source.file).methods.push(m);
  for (const s of model.schemas) if (known(s.source.file) === undefined) part(s.source.file).schemas.push(s);
  return model.sources.map((file) => {
    const digest = known(file);
    if (digest !== undefined) return [file, digest];
    const inputs = typesInputs({ sources: [], ...(parts.get(file) ?? { methods: [], schemas: [] }) });
    return [file, createHash("sha256").update(JSON.stringify(inputs)).digest("hex")];
  });
}

/**
 * The statement keys of the parts of `files` (an incremental run's unchanged files, partial.ts): their schemas'
 * declarations, their methods' request and response types, their namespaces' `All…` interfaces, and the identity
 * interfaces of every namespace that is not in `touched` (each namespace a changed method is or was in, and each
 * of their ancestors: the root's is "").
 */
export function reusedKeys(model: ApiModel, files: ReadonlySet<string>, touched: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  // A namespace no change reaches (no changed method's namespace is it or under it): its identity interfaces.
  for (const p of namespacePaths(model))
    if (!touched.has(p.join("."))) for (const identity of IDENTITIES) keys.add(identityKey(identity, p));
  for (const s of model.schemas) if (files.has(s.source.file)) keys.add(schemaKey(s.name));
  for (const m of model.methods)
    if (files.has(m.source.file)) {
      keys.add(requestKey(m.id));
      keys.add(responseKey(m.id));
      keys.add(namespaceKey(m.namespace));
    }
  return keys;
}

function emitRest(
  model: ApiModel,
  options: EmitOptions,
  reused?: (key: string) => FormattedStatement | undefined,
): EmittedModule[] {
  const runtime = options.runtimeImport ?? "@wix-authz/runtime";
  // Declarations go to .d.ts files (like any generated typings: projects with skipLibCheck do not re-check them);
  // the factories and the method tables are plain .js modules, each with its .d.ts (factory-file.ts says why).
  const pair = (name: string, what: string, module: ModulePair): [string, string, readonly EmittedStatement[]][] => [
    [`${name}.d.ts`, what, module.dts],
    [`${name}.js`, what, module.js],
  ];
  const site = createSiteMethodsModule(model, runtime);
  const files: [string, string, readonly EmittedStatement[]][] = [
    [
      "clients.d.ts",
      "The client types of each identity; a method an identity may not call is Blocked on its type.",
      createClientsStatements(model, runtime, reused),
    ],
    ...pair(
      "site-methods",
      "Loaders of the method descriptors browser-side identities may call, one per top-level namespace.",
      site,
    ),
    ...site.chunks.map((c): [string, string, readonly EmittedStatement[]] => [
      `${c.name}.js`,
      `Descriptors of the ${c.top} methods browser-side identities may call (none that only a server-side identity may call).`,
      c.js,
    ]),
    ...IDENTITIES.flatMap((identity) =>
      pair(
        identity,
        identityInfo(identity).serverOnly
          ? `The ${identity} client: server-side only (it holds a secret credential).`
          : `The ${identity} client: import it anywhere, browsers included.`,
        createFactoryModule(model, identity, runtime),
      ),
    ),
  ];
  return files.map(([path, what, statements]) => ({ path, statements: [header(model, options, what), ...statements] }));
}

/**
 * The session API on the root of a client, by credential: OAuth identities have `auth` (a visitor logs in to a member
 * client, a member logs out to a visitor client); an API key has no session.
 */
const SESSION_API: Record<IdentityInfo["credential"], { type: string; doc: string } | undefined> = {
  "oauth-anonymous": {
    type: `VisitorAuth<${clientOf("oauth-member")}>`,
    doc: `Session: tokens, login (returns a ${clientOf("oauth-member")}).`,
  },
  "oauth-member": {
    type: `MemberAuth<${clientOf("oauth-member")}, ${clientOf("oauth-anonymous")}>`,
    doc: `Session: tokens, logout (returns a ${clientOf("oauth-anonymous")}).`,
  },
  "api-key": undefined,
};

function clientOf(credential: IdentityInfo["credential"]): string {
  const identity = IDENTITIES.find((i) => identityInfo(i).credential === credential);
  if (identity === undefined) throw new Error(`no identity in the identity table has credential ${credential}`);
  return clientTypeName(identity);
}

function rootMembers(identity: Identity): PropertySignatureStructure[] {
  const api = SESSION_API[identityInfo(identity).credential];
  if (api === undefined) return [];
  return [
    { kind: StructureKind.PropertySignature, name: "auth", isReadonly: true, type: api.type, docs: jsDocs(api.doc) },
  ];
}

function createClientsStatements(
  model: ApiModel,
  runtime: string,
  reused?: (key: string) => FormattedStatement | undefined,
): EmittedStatement[] {
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtime,
      isTypeOnly: true,
      namedImports: ["Blocked", "CallOptions", "MemberAuth", "VisitorAuth"],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./types.js", isTypeOnly: true, namespaceImport: "T" },
    ...createNamespaceMethodInterfaces(model, reused),
    ...IDENTITIES.flatMap((identity) => createClientInterfaces(model, identity, rootMembers(identity), reused)),
  ];
}
