// kinds: the ts-morph enum values the emitters and the printer use, without loading ts-morph at run time. ts-morph
// (and the TypeScript compiler it bundles) took seconds to load on every generate; only its types are needed, and
// test/generator/kinds.test.ts holds these values equal to ts-morph's own.
import type { StructureKind as Kind, VariableDeclarationKind as DeclarationKind } from "ts-morph";

export const StructureKind = {
  ExportDeclaration: 11 as Kind.ExportDeclaration,
  Function: 13 as Kind.Function,
  ImportDeclaration: 16 as Kind.ImportDeclaration,
  IndexSignature: 18 as Kind.IndexSignature,
  Interface: 19 as Kind.Interface,
  JSDoc: 24 as Kind.JSDoc,
  MethodSignature: 28 as Kind.MethodSignature,
  PropertySignature: 33 as Kind.PropertySignature,
  TypeAlias: 38 as Kind.TypeAlias,
  VariableStatement: 41 as Kind.VariableStatement,
} as const;

export const VariableDeclarationKind = { Const: "const" as DeclarationKind.Const } as const;

/** A kind's name, for error messages. */
export function kindName(kind: number): string {
  return Object.entries(StructureKind).find(([, value]) => value === kind)?.[0] ?? `kind ${kind}`;
}

/**
 * A statement as an earlier run wrote it: its final text ("\n" line ends, ending in "\n"), which the printer and the
 * formatter pass through (generator/partial.ts takes it from the last run's output).
 */
export interface FormattedStatement {
  readonly kind: "formatted";
  readonly text: string;
}
