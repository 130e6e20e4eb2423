// sdk-required: the SDK function declarations → the argument paths the package's own typings require.
import { Node, type FunctionDeclaration, type TypeNode } from "ts-morph";
import type { PackageSources } from "./sources.js";

/**
 * Paths in SDK argument names, as `@requiredField` spells them (`options.lineItems.quantity`: array items are implied).
 * The typings say it twice: a parameter without `?` is required, and `NonNullablePaths<T, "a" | \`b.${number}.c\`>`
 * (@wix/sdk-types) is type-fest's `SetRequiredDeep` in the SDK's strict type mode: each listed path is required where
 * its parent is present, and a parent is required only if it is listed itself.
 */
export function readTypedRequired(sources: PackageSources): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const file of [...sources.publicTypings, ...sources.internalTypings])
    for (const fn of file.getFunctions()) {
      const name = fn.getName();
      if (name && !out.has(name) && fn.hasDeclareKeyword()) out.set(name, typedRequired(fn));
    }
  return out;
}

function typedRequired(fn: FunctionDeclaration): string[] {
  const paths: string[] = [];
  for (const param of fn.getParameters()) {
    const name = param.getName();
    if (!param.hasQuestionToken() && !param.hasInitializer()) paths.push(name);
    const type = param.getTypeNode();
    if (type) for (const p of nonNullablePaths(type)) paths.push(`${name}.${p}`);
  }
  return [...new Set(paths)];
}

/** The paths of every `NonNullablePaths<…>` the type is built from (through arrays, unions and intersections). */
function nonNullablePaths(type: TypeNode): string[] {
  if (Node.isArrayTypeNode(type)) return nonNullablePaths(type.getElementTypeNode());
  if (Node.isParenthesizedTypeNode(type)) return nonNullablePaths(type.getTypeNode());
  if (Node.isUnionTypeNode(type) || Node.isIntersectionTypeNode(type))
    return type.getTypeNodes().flatMap(nonNullablePaths);
  if (!Node.isTypeReference(type)) return [];
  const [target, keys] = type.getTypeArguments();
  const name = type.getTypeName().getText();
  if ((name === "Array" || name === "ReadonlyArray") && target) return nonNullablePaths(target);
  if (name !== "NonNullablePaths" || !keys) return [];
  const members = Node.isUnionTypeNode(keys) ? keys.getTypeNodes() : [keys];
  return members.flatMap((m) => {
    const text = Node.isLiteralTypeNode(m) || Node.isTemplateLiteralTypeNode(m) ? m.getText().slice(1, -1) : undefined;
    // `lineItems.${number}.quantity` → `lineItems.quantity`: array positions are implied, as in @requiredField.
    const path = text
      ?.split(".")
      .filter((s) => s !== "${number}")
      .join(".");
    return path ? [path] : [];
  });
}
