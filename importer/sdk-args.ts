// sdk-args: the SDK functions in index.typings.js → which REST request field each SDK argument fills.
import { Node, SyntaxKind, type SourceFile } from "ts-morph";

/** Mirrors the `transformError(err, {…}, argNames)` call every generated SDK function carries. */
export interface ArgMapping {
  readonly argNames: readonly string[];
  /** REST path → `$[i]` or `$[i].sub.path` (SDK names). */
  readonly explicit: readonly (readonly [string, string])[];
  /** REST path whose fields are the spread of argument `$[i]`. */
  readonly spread: readonly (readonly [string, string])[];
  readonly singleArgumentUnchanged: boolean;
}

/** @wix/sdk-runtime constants.js: the only keys the runtime renames between SDK and REST shapes. */
const SDK_TO_REST: Readonly<Record<string, string>> = {
  _id: "id",
  _createdDate: "createdDate",
  _updatedDate: "updatedDate",
};

export function restName(sdkName: string): string {
  return SDK_TO_REST[sdkName] ?? sdkName;
}

/** Mappings by SDK export name (the bundler renames functions, e.g. `updateMember` is `updateMember2` inside). */
export function readArgMappings(js: SourceFile | undefined): Map<string, ArgMapping> {
  const out = new Map<string, ArgMapping>();
  if (!js) return out;
  const exportedAs = exportNames(js);
  for (const call of js.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (
      !call.getExpression().getText().endsWith("transformError)") &&
      !call.getExpression().getText().endsWith("transformError")
    )
      continue;
    const [, config, names] = call.getArguments();
    const fn = call.getFirstAncestorByKind(SyntaxKind.FunctionDeclaration);
    const internalName = fn?.getName();
    if (!internalName || !Node.isObjectLiteralExpression(config) || !Node.isArrayLiteralExpression(names)) continue;
    const exported = exportedAs.get(internalName) ?? internalName;
    if (out.has(exported)) continue;
    out.set(exported, {
      argNames: names.getElements().flatMap((e) => (Node.isStringLiteral(e) ? [e.getLiteralText()] : [])),
      explicit: stringPairs(config, "explicitPathsToArguments"),
      spread: stringPairs(config, "spreadPathsToArguments"),
      singleArgumentUnchanged: config.getProperty("singleArgumentUnchanged")?.getText().endsWith("true") ?? false,
    });
  }
  return out;
}

/** `__export(x_exports, { updateMember: () => updateMember2 })` → internal name → export name. */
function exportNames(js: SourceFile): Map<string, string> {
  const map = new Map<string, string>();
  for (const call of js.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText() !== "__export") continue;
    const table = call.getArguments()[1];
    if (!Node.isObjectLiteralExpression(table)) continue;
    for (const prop of table.getProperties()) {
      if (!Node.isPropertyAssignment(prop)) continue;
      const body = prop.getInitializer();
      if (Node.isArrowFunction(body)) map.set(body.getBody().getText(), prop.getName());
    }
  }
  return map;
}

function stringPairs(config: Node, key: string): [string, string][] {
  if (!Node.isObjectLiteralExpression(config)) return [];
  const prop = config.getProperty(key);
  const value = prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
  if (!Node.isObjectLiteralExpression(value)) return [];
  return value.getProperties().flatMap((p): [string, string][] => {
    if (!Node.isPropertyAssignment(p)) return [];
    const nameNode = p.getNameNode();
    const name = Node.isStringLiteral(nameNode) ? nameNode.getLiteralText() : nameNode.getText();
    const init = p.getInitializer();
    return Node.isStringLiteral(init) ? [[name, init.getLiteralText()]] : [];
  });
}

/**
 * An SDK `@requiredField` path (`options.lineItems.quantity`, `_id`) → the REST request path it lands on
 * (`lineItems.quantity`, `member.id`), or undefined when the SDK function's mapping does not cover it.
 */
export function restPathOf(sdkPath: string, mapping: ArgMapping): string | undefined {
  const [argName, ...tail] = sdkPath.split(".");
  const index = mapping.argNames.indexOf(argName ?? "");
  if (index < 0) return undefined;
  const target = [`$[${index}]`, ...tail].join(".");
  const via = (pairs: readonly (readonly [string, string])[]): string | undefined => {
    let best: readonly [string, string] | undefined;
    for (const pair of pairs) {
      const ref = pair[1];
      if ((target === ref || target.startsWith(`${ref}.`)) && (!best || ref.length > best[1].length)) best = pair;
    }
    if (!best) return undefined;
    const rest = target.slice(best[1].length).replace(/^\./, "");
    return [best[0], rest].filter((s) => s.length > 0).join(".");
  };
  const restPath =
    via(mapping.explicit) ??
    via(mapping.spread) ??
    (mapping.singleArgumentUnchanged && index === 0 ? tail.join(".") : undefined);
  return restPath === undefined || restPath === "" ? undefined : restPath.split(".").map(restName).join(".");
}
