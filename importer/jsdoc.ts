// jsdoc: the JSDoc on each SDK function declaration → the tags the importer uses (permission, identity, fqn, …).
import type { JSDoc, SourceFile } from "ts-morph";
import type { PackageSources } from "./sources.js";

export interface MethodDoc {
  readonly description: string;
  readonly fqn: string | undefined;
  /** In declaration order; a method may need several. */
  readonly permissionIds: readonly string[];
  /** Only APP and MEMBER occur (wix-protocol.md §5.3). */
  readonly applicableIdentities: readonly string[];
  /** Dotted paths in SDK argument names, e.g. `_id`, `options.lineItems.quantity`. */
  readonly requiredFields: readonly string[];
  readonly visibility: "public" | "internal";
  readonly documentationMaturity: string | undefined;
  /** `true` for a bare @deprecated, the reason text otherwise; undefined when not deprecated. */
  readonly deprecated: string | true | undefined;
  readonly replacedBy: string | undefined;
}

/** Docs by SDK function name; public typings win, internal typings fill in methods only they declare. */
export function readMethodDocs(sources: PackageSources): Map<string, MethodDoc> {
  const docs = new Map<string, MethodDoc>();
  for (const [files, internal] of [
    [sources.publicTypings, false],
    [sources.internalTypings, true],
  ] as const) {
    for (const file of files) collect(file, internal, docs);
  }
  return docs;
}

function collect(file: SourceFile, internalFile: boolean, into: Map<string, MethodDoc>): void {
  for (const fn of file.getFunctions()) {
    const name = fn.getName();
    if (!name || into.has(name)) continue;
    const jsDoc = fn.getJsDocs().at(-1);
    if (jsDoc && !isEventHandler(jsDoc)) into.set(name, parse(jsDoc, internalFile));
  }
}

/** Webhook registrations (`onMemberCreated`) are declared like methods but are not REST calls. */
function isEventHandler(doc: JSDoc): boolean {
  return doc.getTags().some((t) => t.getTagName() === "webhook");
}

function parse(doc: JSDoc, internalFile: boolean): MethodDoc {
  const tags = doc.getTags().map((t) => ({ name: t.getTagName(), text: (t.getCommentText() ?? "").trim() }));
  const all = (name: string): string[] => tags.filter((t) => t.name === name).map((t) => t.text);
  const one = (name: string): string | undefined => all(name)[0];
  const hasTag = (name: string): boolean => tags.some((t) => t.name === name);
  const deprecatedText = one("deprecated");
  return {
    description: doc.getDescription().trim(),
    fqn: one("fqn") || undefined,
    permissionIds: unique(all("permissionId").filter((p) => p.length > 0)),
    applicableIdentities: unique(all("applicableIdentity").map((s) => s.toUpperCase())),
    requiredFields: unique(all("requiredField").filter((p) => p.length > 0)),
    visibility: hasTag("internal") || (internalFile && !hasTag("public")) ? "internal" : "public",
    documentationMaturity: one("documentationMaturity") || undefined,
    deprecated: deprecatedText === undefined ? undefined : deprecatedText || true,
    replacedBy: one("replacedBy") || undefined,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
