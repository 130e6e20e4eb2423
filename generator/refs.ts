// refs: the $ref walk over spec data, shared by the rules (which report where a ref does not resolve) and generate's
// spec cache (which keeps each file's ref names, so an unchanged file is not walked again).
import type { JsonPath } from "./positions.js";

/**
 * Calls `visit` with every `$ref` string in `value` and where it is; `path` is one stack pushed and popped on the way
 * (copied only for a visit).
 */
export function walkRefs(
  value: unknown,
  path: (string | number)[],
  visit: (ref: string, path: JsonPath) => void,
): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walkRefs(value[i], path, visit);
      path.pop();
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      path.push(k);
      if (k === "$ref" && typeof v === "string") visit(v, [...path]);
      else walkRefs(v, path, visit);
      path.pop();
    }
  }
}

/** Every distinct `$ref` string in `value`, in the order first met. */
export function refStrings(value: unknown): string[] {
  const refs = new Set<string>();
  walkRefs(value, [], (ref) => refs.add(ref));
  return [...refs];
}
