// client-file: ApiModel → the interfaces of clients.d.ts: every namespace's methods once, and each identity's view.
import type { InterfaceDeclarationStructure, MethodSignatureStructure, PropertySignatureStructure } from "ts-morph";
import { StructureKind, type FormattedStatement } from "./kinds.js";
import { identityInfo, serverOnlyMethod, type Identity } from "../../core/identity.js";
import type { ApiModel, MethodModel } from "../../core/model.js";
import { pascal } from "../../core/names.js";
import { hasRequiredFields } from "./schema-type.js";
import { jsDocs } from "./types-file.js";

interface NamespaceNode {
  readonly path: readonly string[];
  readonly children: Map<string, NamespaceNode>;
  readonly methods: MethodModel[];
}

const trees = new WeakMap<ApiModel, NamespaceNode>();

/** Namespace tree in model order (methods are sorted by id, so children come out sorted too); made once per model. */
export function namespaceTree(model: ApiModel): NamespaceNode {
  let tree = trees.get(model);
  if (tree === undefined) trees.set(model, (tree = buildTree(model)));
  return tree;
}

/** Every namespace path of the tree (the root's is empty), in the order the interfaces are emitted. */
export function namespacePaths(model: ApiModel): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  const visit = (node: NamespaceNode): void => {
    out.push(node.path);
    for (const child of node.children.values()) visit(child);
  };
  visit(namespaceTree(model));
  return out;
}

function buildTree(model: ApiModel): NamespaceNode {
  const root: NamespaceNode = { path: [], children: new Map(), methods: [] };
  for (const m of model.methods) {
    let node = root;
    for (const segment of m.namespace) {
      let child = node.children.get(segment);
      if (!child)
        node.children.set(segment, (child = { path: [...node.path, segment], children: new Map(), methods: [] }));
      node = child;
    }
    node.methods.push(m);
  }
  return root;
}

/**
 * Every method of each namespace, once, with its docs: `All<Namespace>`. Identity interfaces pick from it, so the
 * signatures and docs are written once rather than per identity ("All" cannot start an identity interface name).
 */
export function createNamespaceMethodInterfaces(
  model: ApiModel,
  reused?: (key: string) => FormattedStatement | undefined,
): (InterfaceDeclarationStructure | FormattedStatement)[] {
  const out: (InterfaceDeclarationStructure | FormattedStatement)[] = [];
  const byName = new Map(model.schemas.map((s) => [s.name, s.schema]));
  const lookup = (name: string) => byName.get(name);
  const visit = (node: NamespaceNode): void => {
    const known = node.methods.length > 0 ? reused?.(namespaceKey(node.path)) : undefined;
    if (known) out.push(known);
    else if (node.methods.length > 0) {
      out.push({
        kind: StructureKind.Interface,
        name: allMethodsName(node.path),
        isExported: true,
        docs: jsDocs(`Every \`${node.path.join(".")}\` method; each identity's interface picks the ones it may call.`),
        methods: node.methods.map((m) => methodSignature(m, lookup)),
      });
    }
    for (const child of node.children.values()) visit(child);
  };
  visit(namespaceTree(model));
  return out;
}

/** The key of a namespace's `All…` interface, for an incremental run to take it from the last run (partial.ts). */
export const namespaceKey = (path: readonly string[]) => `a:${path.join(".")}`;

/** The key of each interface createNamespaceMethodInterfaces makes, in its order. */
export function namespaceMethodKeys(model: ApiModel): string[] {
  const out: string[] = [];
  const visit = (node: NamespaceNode): void => {
    if (node.methods.length > 0) out.push(namespaceKey(node.path));
    for (const child of node.children.values()) visit(child);
  };
  visit(namespaceTree(model));
  return out;
}

/**
 * The key of an identity's interface of a namespace, for an incremental run to take it from the last run: it is made
 * of the namespace's own methods (names, ids, identities) and its children's names only (partial.ts).
 */
export const identityKey = (identity: Identity, path: readonly string[]) => `i:${identity}:${path.join(".")}`;

/** The interfaces of one identity's client: one per namespace, the root named <Identity>Client. */
export function createClientInterfaces(
  model: ApiModel,
  identity: Identity,
  rootMembers: PropertySignatureStructure[],
  reused?: (key: string) => FormattedStatement | undefined,
): (InterfaceDeclarationStructure | FormattedStatement)[] {
  const out: (InterfaceDeclarationStructure | FormattedStatement)[] = [];
  const visit = (node: NamespaceNode): void => {
    const known = reused?.(identityKey(identity, node.path));
    if (known) {
      out.push(known);
      for (const child of node.children.values()) visit(child);
      return;
    }
    const isRoot = node.path.length === 0;
    const properties: PropertySignatureStructure[] = isRoot ? [...rootMembers] : [];
    for (const [segment, child] of [...node.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      properties.push({
        kind: StructureKind.PropertySignature,
        name: segment,
        isReadonly: true,
        type: interfaceName(identity, child.path),
      });
    }
    const allowed = node.methods.filter((m) => m.identities.includes(identity));
    for (const m of node.methods) if (!m.identities.includes(identity)) properties.push(blockedProperty(m));
    out.push({
      kind: StructureKind.Interface,
      name: interfaceName(identity, node.path),
      isExported: true,
      docs: isRoot ? jsDocs(rootDoc(identity)) : jsDocs(`\`${node.path.join(".")}\` methods as seen by a ${identity}.`),
      extends: allowed.length
        ? [`Pick<${allMethodsName(node.path)}, ${allowed.map((m) => JSON.stringify(m.name)).join(" | ")}>`]
        : [],
      properties,
    });
    for (const child of node.children.values()) visit(child);
  };
  visit(namespaceTree(model));
  return out;
}

export function allMethodsName(path: readonly string[]): string {
  return `All${pascal(path)}`;
}

export function interfaceName(identity: Identity, path: readonly string[]): string {
  return path.length === 0 ? `${identityInfo(identity).title}Client` : `${identityInfo(identity).title}${pascal(path)}`;
}

function rootDoc(identity: Identity): string {
  const info = identityInfo(identity);
  const alsoCalls = info.includes.map((i) => ` Assignable wherever a ${interfaceName(i as Identity, [])} is expected.`);
  const where = info.serverOnly ? " Server-side only." : " Safe in browsers.";
  return `A client that calls Wix as ${info.summary}.${where}${alsoCalls.join("")}`;
}

function methodTags(m: MethodModel): string[] {
  const tags = [`@identities ${m.identities.join(", ")}`];
  if (m.permissions.length) tags.push(`@permission ${m.permissions.join(", ")}`);
  tags.push(`@http ${m.http.method} ${m.http.path}`);
  tags.push(...provenanceTags(m));
  if (m.deprecated)
    tags.push(
      `@deprecated ${[m.deprecated.reason, m.deprecated.replacedBy && `Use ${m.deprecated.replacedBy}.`].filter(Boolean).join(" ")}`.trimEnd(),
    );
  return tags;
}

/** Who says these identities: an explicit override, no fact (unverified), or the page that decided (@see). */
function provenanceTags(m: MethodModel): string[] {
  const p = m.provenance;
  if (!p) return [];
  const tags: string[] = [];
  if (p.override) tags.push(`@identityOverride ${p.override.reason}`);
  if (p.unverified) tags.push(`@unverified ${p.unverified}`);
  const urls = [...new Set((p.evidence ?? []).filter((e) => /^https:\/\//.test(e.url)).map((e) => e.url))];
  for (const url of urls.slice(0, 2)) tags.push(`@see ${url}`);
  return tags;
}

function methodSignature(m: MethodModel, lookup: Parameters<typeof hasRequiredFields>[1]): MethodSignatureStructure {
  const optional = !hasRequiredFields(m.request, lookup);
  return {
    kind: StructureKind.MethodSignature,
    // `new(…)` in an interface would be a construct signature; quoted, it is a method named "new".
    name: m.name === "new" ? '"new"' : m.name,
    docs: jsDocs(m.description, methodTags(m)),
    parameters: [
      { name: "request", type: `T.${m.requestType}`, hasQuestionToken: optional },
      { name: "options", type: "CallOptions", hasQuestionToken: true },
    ],
    returnType: `Promise<T.${m.responseType}>`,
  };
}

/**
 * A method this identity may not call: calling it fails to compile with this message (TS2684). It depends on the
 * method only, never on the identity, so a MemberClient's Blocked members stay assignable to a VisitorClient's.
 */
export function blockedMessage(m: MethodModel): string {
  const serverOnly = serverOnlyMethod(m.identities);
  const where = serverOnly ? ` (${m.identities.map((i) => identityInfo(i).factory).join(", ")}, on the server)` : "";
  return `${m.id} may only be called by: ${m.identities.join(", ")}${where}`;
}

function blockedProperty(m: MethodModel): PropertySignatureStructure {
  // No doc comment: the type is the message (hover and error both show it), and this keeps clients.d.ts small.
  return {
    kind: StructureKind.PropertySignature,
    name: m.name,
    isReadonly: true,
    type: `Blocked<${JSON.stringify(blockedMessage(m))}>`,
  };
}
