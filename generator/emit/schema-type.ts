// schema-type: a JSON Schema (the spec's subset) → TypeScript type text. Our own emitter: see README "Design notes".
import type { JsonSchema, JsonType } from "../../core/model.js";
import { propertyKey } from "../../core/names.js";
import { docComment } from "./doc.js";

const REF_PREFIX = "#/schemas/";

/** Type text for a schema; `typesPrefix` qualifies shared schema names (e.g. "T." in client modules). */
export function schemaType(schema: JsonSchema, typesPrefix = ""): string {
  return new SchemaPrinter(typesPrefix).print(schema);
}

export interface ObjectMember {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly doc: string | undefined;
  readonly deprecated: boolean;
}

/** Members of a plain object schema, for emitting it as an interface. */
export function objectMembers(schema: JsonSchema, typesPrefix = ""): { members: ObjectMember[]; index?: string } {
  return new SchemaPrinter(typesPrefix).members(schema);
}

/** Whether a value of this schema may be omitted entirely (an object with no required fields). */
export function hasRequiredFields(
  schema: JsonSchema,
  lookup: (name: string) => JsonSchema | undefined,
  seen = new Set<string>(),
): boolean {
  let current: JsonSchema | undefined = schema;
  while (current?.$ref) {
    const name = current.$ref.slice(REF_PREFIX.length);
    if (seen.has(name)) return false;
    seen.add(name);
    current = lookup(name);
  }
  return (current?.required?.length ?? 0) > 0 || (current?.allOf ?? []).some((s) => hasRequiredFields(s, lookup, seen));
}

class SchemaPrinter {
  constructor(private readonly prefix: string) {}

  print(schema: JsonSchema): string {
    if (schema.$ref) return this.prefix + schema.$ref.slice(REF_PREFIX.length);
    if (schema.const !== undefined) return literal(schema.const);
    if (schema.enum) return union(schema.enum.map(literal));
    if (schema.allOf) return schema.allOf.map((s) => this.group(this.print(s))).join(" & ");
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives) return union(alternatives.map((s) => this.print(s)));
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types) return schema.properties || schema.additionalProperties !== undefined ? this.object(schema) : "unknown";
    return union(types.map((t) => this.ofType(t, schema)));
  }

  private ofType(type: JsonType, schema: JsonSchema): string {
    switch (type) {
      case "string":
        return "string";
      case "number":
      case "integer":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array":
        return schema.items ? `${this.group(this.print(schema.items))}[]` : "unknown[]";
      case "object":
        return this.object(schema);
    }
  }

  /** Object type literal; properties are already sorted by normalize. */
  object(schema: JsonSchema): string {
    const { members, index } = this.members(schema);
    // Not Record<…>: a shared schema may itself be named Record.
    if (members.length === 0) return `{ [key: string]: ${index ?? "never"} }`;
    const lines = members.map(
      (m) =>
        `${docComment(m.doc, m.deprecated ? ["@deprecated"] : [])}${propertyKey(m.name)}${m.optional ? "?" : ""}: ${m.type};`,
    );
    if (index !== undefined) lines.push(`[key: string]: ${index};`);
    return `{\n${lines.join("\n")}\n}`;
  }

  /**
   * Members of an object schema. additionalProperties defaults to true in JSON Schema, but Wix objects are closed in
   * practice: only an explicit `additionalProperties: true` or a schema opens an object that has properties.
   */
  members(schema: JsonSchema): { members: ObjectMember[]; index?: string } {
    const required = new Set(schema.required ?? []);
    const extra = schema.additionalProperties;
    const members = Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
      name,
      type: this.print(prop),
      optional: !required.has(name),
      doc: prop.description,
      deprecated: prop.deprecated === true,
    }));
    const open =
      members.length === 0 ? extra !== false : extra === true || (extra !== undefined && typeof extra === "object");
    const index = !open
      ? undefined
      : members.length === 0 && extra && typeof extra === "object"
        ? this.print(extra)
        : "unknown";
    return index === undefined ? { members } : { members, index };
  }

  /** Parentheses where `[]` or `&` needs them, and nowhere else (where Prettier would remove them). */
  private group(text: string): string {
    return hasTopLevelOperator(text) ? `(${text})` : text;
  }
}

/** A `|` or `&` outside brackets, comments and string literals: `A | B`, not `(A | B)[]`, `{ a: A | B }` or `"a|b"`. */
function hasTopLevelOperator(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      // JSON.stringify'd literal: skip to its closing quote.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      // A member's doc comment inside an object type: any text, brackets included.
      i = text.indexOf("*/", i + 2) + 1 || text.length;
    } else if (c === "(" || c === "{" || c === "[" || c === "<") depth++;
    else if (c === ")" || c === "}" || c === "]" || c === ">") depth--;
    else if ((c === "|" || c === "&") && depth === 0) return true;
  }
  return false;
}

function literal(value: string | number | boolean | null): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function union(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 0 ? "never" : unique.join(" | ");
}
