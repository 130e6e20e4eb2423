// client-file: ApiModel → generated/<identity>.ts (the identity's client type, blocked methods, and its factory).
import { StructureKind, type InterfaceDeclarationStructure, type MethodSignatureStructure, type PropertySignatureStructure, type StatementStructures } from "ts-morph";
import type { ApiModel, Identity, MethodModel } from "../model.js";
import { pascal } from "../names.js";
import { hasRequiredFields } from "./schema-type.js";
import { jsDocs } from "./types-file.js";

const TITLE: Record<Identity, string> = { visitor: "Visitor", member: "Member", admin: "Admin" };

interface NamespaceNode {
  readonly path: readonly string[];
  readonly children: Map<string, NamespaceNode>;
  readonly methods: MethodModel[];
}

/** Namespace tree in model order (methods are sorted by id, so children come out sorted too). */
export function namespaceTree(model: ApiModel): NamespaceNode {
  const root: NamespaceNode = { path: [], children: new Map(), methods: [] };
  for (const m of model.methods) {
    let node = root;
    for (const segment of m.namespace) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { path: [...node.path, segment], children: new Map(), methods: [] }));
      node = child;
    }
    node.methods.push(m);
  }
  return root;
}

/** The interfaces of one identity's client: one per namespace, the root named <Identity>Client. */
export function createClientInterfaces(model: ApiModel, identity: Identity, rootMembers: PropertySignatureStructure[]): InterfaceDeclarationStructure[] {
  const out: InterfaceDeclarationStructure[] = [];
  const byName = new Map(model.schemas.map((s) => [s.name, s.schema]));
  const lookup = (name: string) => byName.get(name);
  const visit = (node: NamespaceNode): void => {
    const isRoot = node.path.length === 0;
    const properties: PropertySignatureStructure[] = isRoot ? [...rootMembers] : [];
    for (const [segment, child] of [...node.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      properties.push({ kind: StructureKind.PropertySignature, name: segment, isReadonly: true, type: interfaceName(identity, child.path) });
    }
    const methods: MethodSignatureStructure[] = [];
    for (const m of node.methods) {
      if (m.identities.includes(identity)) methods.push(methodSignature(m, lookup));
      else properties.push(blockedProperty(m, identity));
    }
    out.push({
      kind: StructureKind.Interface,
      name: interfaceName(identity, node.path),
      isExported: true,
      docs: isRoot ? jsDocs(rootDoc(identity)) : jsDocs(`\`${node.path.join(".")}\` methods as seen by a ${identity}.`),
      properties,
      methods,
    });
    for (const child of node.children.values()) visit(child);
  };
  visit(namespaceTree(model));
  return out;
}

export function interfaceName(identity: Identity, path: readonly string[]): string {
  return path.length === 0 ? `${TITLE[identity]}Client` : `${TITLE[identity]}${pascal(path)}`;
}

function rootDoc(identity: Identity): string {
  if (identity === "admin") return "A client that calls Wix with an API key (admin identity). Server-side only.";
  if (identity === "member") return "A client that calls Wix as a logged-in member. Assignable wherever a VisitorClient is expected.";
  return "A client that calls Wix as an anonymous visitor (OAuth client ID, no secret). Safe in browsers.";
}

function methodTags(m: MethodModel): string[] {
  const tags = [`@identities ${m.identities.join(", ")}`];
  if (m.permissions.length) tags.push(`@permission ${m.permissions.join(", ")}`);
  tags.push(`@http ${m.http.method} ${m.http.path}`);
  if (m.deprecated) tags.push(`@deprecated ${[m.deprecated.reason, m.deprecated.replacedBy && `Use ${m.deprecated.replacedBy}.`].filter(Boolean).join(" ")}`.trimEnd());
  return tags;
}

function methodSignature(m: MethodModel, lookup: Parameters<typeof hasRequiredFields>[1]): MethodSignatureStructure {
  const optional = !hasRequiredFields(m.request, lookup);
  return {
    kind: StructureKind.MethodSignature,
    name: m.name,
    docs: jsDocs(m.description, methodTags(m)),
    parameters: [
      { name: "request", type: `T.${m.requestType}`, hasQuestionToken: optional },
      { name: "options", type: "CallOptions", hasQuestionToken: true },
    ],
    returnType: `Promise<T.${m.responseType}>`,
  };
}

/** A method this identity may not call: calling it fails to compile with a message naming who may (TS2684). */
export function blockedMessage(m: MethodModel): string {
  return `${m.id} may only be called by: ${m.identities.join(", ")}`;
}

function blockedProperty(m: MethodModel, identity: Identity): PropertySignatureStructure {
  const hint = m.identities.includes("admin") && !m.identities.includes("member") ? " Use createAdminClient on the server." : "";
  return {
    kind: StructureKind.PropertySignature,
    name: m.name,
    isReadonly: true,
    // One line: the type already names the method and who may call it; details live on the allowed clients.
    docs: jsDocs(`Not callable by a ${identity}: may only be called by ${m.identities.join(", ")}.${hint}`),
    type: `Blocked<${JSON.stringify(blockedMessage(m))}>`,
  };
}

export type { StatementStructures };
