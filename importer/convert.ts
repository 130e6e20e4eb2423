// convert: REST-shaped TypeScript declarations (meta.d.ts) → the spec's JSON Schema, sharing named types as $refs.
import {
  Node,
  SyntaxKind,
  type EnumDeclaration,
  type InterfaceDeclaration,
  type SourceFile,
  type TypeNode,
} from "ts-morph";
import type { JsonSchema } from "../core/model.js";
import { docText, nullable, withKeywords } from "./keywords.js";

/**
 * Limits (documented in POLICY.md "Types"): a named interface first reached more than `maxDepth` references away from
 * a method's request or response becomes an open object; inline type literals nest at most MAX_INLINE levels. Cycles
 * between named types stay as recursive $refs (they are named, so they cost nothing to repeat).
 */
export const DEFAULT_MAX_DEPTH = 8;
const MAX_INLINE = 8;

type Decl = InterfaceDeclaration | EnumDeclaration | Node;
interface Ctx {
  readonly depth: number;
  readonly inline: number;
}

export class TypeConverter {
  /** Shared schemas by spec name. */
  readonly schemas = new Map<string, JsonSchema>();
  /** TS names reached beyond the depth limit, and names that do not resolve inside meta.d.ts. */
  readonly truncated = new Set<string>();
  readonly unresolved = new Set<string>();
  private readonly decls = new Map<string, Decl>();
  private readonly specName = new Map<string, string>();
  private readonly queue: { tsName: string; depth: number }[] = [];

  constructor(
    file: SourceFile,
    private readonly prefix: string,
    private readonly maxDepth: number,
    private readonly reserved: ReadonlySet<string>,
  ) {
    for (const d of [...file.getInterfaces(), ...file.getEnums(), ...file.getTypeAliases()])
      if (!this.decls.has(d.getName())) this.decls.set(d.getName(), d);
  }

  has(tsName: string): boolean {
    return Node.isInterfaceDeclaration(this.decls.get(tsName));
  }

  /** The object schema of a request/response interface, inlined (its nested named types become $refs). */
  root(tsName: string): JsonSchema {
    const decl = this.decls.get(tsName);
    if (!Node.isInterfaceDeclaration(decl)) {
      this.unresolved.add(tsName);
      return { type: "object" };
    }
    const { description, ...rest } = this.interfaceSchema(decl, { depth: 0, inline: 0 });
    void description; // the method carries its own description
    return rest;
  }

  /** Converts queued named types breadth-first, so each is first reached at its smallest depth. */
  flush(): void {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      const decl = this.decls.get(item.tsName)!;
      const name = this.specName.get(item.tsName)!;
      this.schemas.set(
        name,
        Node.isEnumDeclaration(decl)
          ? enumSchema(decl)
          : this.interfaceSchema(decl as InterfaceDeclaration, { depth: item.depth, inline: 0 }),
      );
    }
  }

  private interfaceSchema(decl: InterfaceDeclaration, ctx: Ctx): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    let additional: JsonSchema | undefined;
    for (const iface of this.withBases(decl)) {
      for (const member of iface.getMembers()) {
        if (Node.isPropertySignature(member)) {
          const typeNode = member.getTypeNode();
          const { description, tags } = docText(member.getJsDocs());
          const base = typeNode ? this.node(typeNode, ctx) : {};
          const key = member.getName().replace(/^["']|["']$/g, "");
          properties[key] = withKeywords(base, description, tags);
          if (!member.hasQuestionToken() && !required.includes(key)) required.push(key);
        } else if (Node.isIndexSignatureDeclaration(member)) {
          const t = member.getReturnTypeNode();
          additional = t ? this.node(t, ctx) : {};
        }
      }
    }
    const { description } = docText(decl.getJsDocs());
    return {
      type: "object",
      ...(description ? { description } : {}),
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(required.length ? { required } : {}),
      ...(additional ? { additionalProperties: additional } : {}),
    };
  }

  /** Base interfaces first (Wix flattens `…OneOf` groups into the entity with `extends`), then the interface itself. */
  private withBases(decl: InterfaceDeclaration, seen = new Set<string>()): InterfaceDeclaration[] {
    if (seen.has(decl.getName())) return [];
    seen.add(decl.getName());
    const bases = decl.getExtends().flatMap((h) => {
      const base = this.decls.get(h.getExpression().getText());
      return Node.isInterfaceDeclaration(base) ? this.withBases(base, seen) : [];
    });
    return [...bases, decl];
  }

  private node(n: TypeNode, ctx: Ctx): JsonSchema {
    switch (n.getKind()) {
      case SyntaxKind.StringKeyword:
        return { type: "string" };
      case SyntaxKind.NumberKeyword:
        return { type: "number" };
      case SyntaxKind.BooleanKeyword:
        return { type: "boolean" };
      case SyntaxKind.NullKeyword:
        return { type: "null" };
      case SyntaxKind.ObjectKeyword:
        return { type: "object" };
      default:
        break;
    }
    if (Node.isParenthesizedTypeNode(n)) return this.node(n.getTypeNode(), ctx);
    if (Node.isArrayTypeNode(n)) return { type: "array", items: this.node(n.getElementTypeNode(), ctx) };
    if (Node.isLiteralTypeNode(n)) return literalSchema(n);
    if (Node.isUnionTypeNode(n)) return this.union(n.getTypeNodes(), ctx);
    if (Node.isIntersectionTypeNode(n)) return { allOf: n.getTypeNodes().map((t) => this.node(t, ctx)) };
    if (Node.isTypeLiteral(n)) return this.literalObject(n, ctx);
    if (Node.isTypeReference(n)) return this.reference(n.getTypeName().getText(), n.getTypeArguments(), ctx);
    return {}; // any, unknown, tuples, functions: no constraint
  }

  private literalObject(n: Node, ctx: Ctx): JsonSchema {
    if (ctx.inline >= MAX_INLINE || !Node.isTypeLiteral(n)) return { type: "object", additionalProperties: true };
    const inner = { depth: ctx.depth, inline: ctx.inline + 1 };
    const properties: Record<string, JsonSchema> = {};
    let additional: JsonSchema | undefined;
    for (const m of n.getMembers()) {
      if (Node.isPropertySignature(m))
        properties[m.getName()] = m.getTypeNode() ? this.node(m.getTypeNode()!, inner) : {};
      else if (Node.isIndexSignatureDeclaration(m))
        additional = m.getReturnTypeNode() ? this.node(m.getReturnTypeNode()!, inner) : {};
    }
    return {
      type: "object",
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(additional ? { additionalProperties: additional } : {}),
    };
  }

  private reference(name: string, args: TypeNode[], ctx: Ctx): JsonSchema {
    if (name === "Date") return { type: "string", format: "date-time" }; // REST carries dates as ISO strings
    if (name === "Record" && args[1]) return { type: "object", additionalProperties: this.node(args[1], ctx) };
    if ((name === "Array" || name === "ReadonlyArray") && args[0])
      return { type: "array", items: this.node(args[0], ctx) };
    const decl = this.decls.get(name);
    if (Node.isTypeAliasDeclaration(decl) && ctx.inline < MAX_INLINE) {
      const t = decl.getTypeNode();
      return t ? this.node(t, { depth: ctx.depth, inline: ctx.inline + 1 }) : {};
    }
    if (Node.isEnumDeclaration(decl)) return { $ref: `#/schemas/${this.register(name, ctx.depth + 1)}` };
    if (Node.isInterfaceDeclaration(decl) && decl.getTypeParameters().length === 0) {
      if (!this.specName.has(name) && ctx.depth + 1 > this.maxDepth) {
        this.truncated.add(name);
        return {
          type: "object",
          additionalProperties: true,
          description: `${name} (not expanded: deeper than the import depth limit of ${this.maxDepth})`,
        };
      }
      return { $ref: `#/schemas/${this.register(name, ctx.depth + 1)}` };
    }
    this.unresolved.add(name);
    return {};
  }

  /** Unions: null makes the rest nullable; string literals and enums merge into one enum (Wix's `…WithLiterals`). */
  private union(members: TypeNode[], ctx: Ctx): JsonSchema {
    const flat = members.flatMap((m) => (Node.isUnionTypeNode(m) ? m.getTypeNodes() : [m]));
    const isNull = (m: TypeNode): boolean =>
      m.getKind() === SyntaxKind.NullKeyword ||
      (Node.isLiteralTypeNode(m) && m.getLiteral().getKind() === SyntaxKind.NullKeyword);
    const isUndefined = (m: TypeNode): boolean => m.getKind() === SyntaxKind.UndefinedKeyword;
    const rest = flat.filter((m) => !isNull(m) && !isUndefined(m));
    const hasNull = rest.length !== flat.filter((m) => !isUndefined(m)).length;
    const enums = rest.filter(
      (m) => Node.isTypeReference(m) && Node.isEnumDeclaration(this.decls.get(m.getTypeName().getText())),
    );
    const literals = rest.filter((m) => Node.isLiteralTypeNode(m) && Node.isStringLiteral(m.getLiteral()));
    let schema: JsonSchema;
    if (rest.length > 0 && enums.length + literals.length === rest.length) {
      schema =
        enums.length === 1
          ? this.node(enums[0]!, ctx)
          : { type: "string", enum: [...new Set(literals.map((l) => literalSchema(l).const as string))] };
      if (enums.length > 1) schema = { anyOf: rest.map((m) => this.node(m, ctx)) };
    } else if (rest.length === 1) schema = this.node(rest[0]!, ctx);
    else if (rest.length === 0) schema = { type: "null" };
    else schema = { anyOf: rest.map((m) => this.node(m, ctx)) };
    return hasNull && rest.length > 0 ? nullable(schema) : schema;
  }

  private register(tsName: string, depth: number): string {
    const known = this.specName.get(tsName);
    if (known) return known;
    const base = `${this.prefix}${tsName.replace(/[^A-Za-z0-9]/g, "")}`;
    let name = this.reserved.has(base) ? `${base}Type` : base;
    for (let i = 2; [...this.specName.values()].includes(name); i++) name = `${base}${i}`;
    this.specName.set(tsName, name);
    this.queue.push({ tsName, depth });
    return name;
  }
}

function enumSchema(decl: EnumDeclaration): JsonSchema {
  const values = decl.getMembers().map((m) => m.getValue() ?? m.getName());
  const { description } = docText(decl.getJsDocs());
  const type = values.every((v) => typeof v === "number") ? "number" : "string";
  return { type, ...(description ? { description } : {}), enum: values };
}

function literalSchema(n: Node): JsonSchema {
  const lit = Node.isLiteralTypeNode(n) ? n.getLiteral() : n;
  if (Node.isStringLiteral(lit)) return { type: "string", const: lit.getLiteralText() };
  if (Node.isNumericLiteral(lit)) return { type: "number", const: Number(lit.getLiteralText()) };
  if (lit.getKind() === SyntaxKind.TrueKeyword) return { type: "boolean", const: true };
  if (lit.getKind() === SyntaxKind.FalseKeyword) return { type: "boolean", const: false };
  if (lit.getKind() === SyntaxKind.NullKeyword) return { type: "null" };
  return {};
}
