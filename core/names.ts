// names: the TypeScript names generated for namespaces, methods and their request/response types.

export function pascal(parts: readonly string[]): string {
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
}

export function requestTypeName(namespace: readonly string[], name: string): string {
  return `${pascal(namespace)}${pascal([name])}Request`;
}

export function responseTypeName(namespace: readonly string[], name: string): string {
  return `${pascal(namespace)}${pascal([name])}Response`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript source: bare when it is an identifier, else a JSON string literal. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}
