// shape: parses generated files with the TypeScript compiler and proves spec text stayed inert (no extra code).
import ts from "typescript";

export interface EmittedLike {
  readonly path: string;
  /** The file's text: printed (`text`) or formatted (`content`). */
  readonly text?: string;
  readonly content?: string;
}

/** One file's top-level statements, each rendered as a short signature such as `interface VisitorClient`. */
export interface FileShape {
  readonly path: string;
  readonly statements: readonly string[];
  /** Syntax errors and nodes that can run code or reference values where only data or types belong. */
  readonly problems: readonly string[];
  /** The data tables (`siteMethods`, `adminMethods`) as plain values, read from the AST without evaluating it. */
  readonly tables: Readonly<Record<string, unknown>>;
  /** Module specifiers of every import and export-from. */
  readonly modules: readonly string[];
}

/** Node kinds that would mean spec text became executable or value-referencing code. */
const FORBIDDEN = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.ComputedPropertyName, "computed property name"],
  [ts.SyntaxKind.TypeQuery, "typeof type query"],
  [ts.SyntaxKind.ImportType, "import() type"],
  [ts.SyntaxKind.TemplateExpression, "template literal"],
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral, "template literal"],
  [ts.SyntaxKind.TemplateLiteralType, "template literal type"],
  [ts.SyntaxKind.TaggedTemplateExpression, "tagged template"],
  [ts.SyntaxKind.NewExpression, "new expression"],
  [ts.SyntaxKind.ArrowFunction, "arrow function"],
  [ts.SyntaxKind.FunctionExpression, "function expression"],
  [ts.SyntaxKind.BinaryExpression, "binary expression"],
  [ts.SyntaxKind.Decorator, "decorator"],
  [ts.SyntaxKind.ExpressionStatement, "expression statement"],
  [ts.SyntaxKind.JsxElement, "JSX"],
  [ts.SyntaxKind.JsxSelfClosingElement, "JSX"],
]);

function parseErrors(sf: ts.SourceFile): string[] {
  // parseDiagnostics is internal but stable for years; a full Program per file would cost far more.
  const diags = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (!diags) throw new Error("typescript no longer exposes SourceFile.parseDiagnostics: update scripts/fuzz/shape.ts");
  return diags.map((d) => `syntax error at ${d.start ?? 0}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

function statementSignature(s: ts.Statement, sf: ts.SourceFile): string {
  const exported = ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ? "export "
    : "";
  if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) {
    const text = s.getText(sf).replace(/\s+/g, " ");
    return text;
  }
  if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) return `${exported}type ${s.name.text}`;
  if (ts.isFunctionDeclaration(s)) return `${exported}function ${s.name?.text ?? "(anonymous)"}`;
  if (ts.isVariableStatement(s))
    return `${exported}const ${s.declarationList.declarations.map((d) => d.name.getText(sf)).join(",")}`;
  return `${ts.SyntaxKind[s.kind]} ${s.getText(sf).slice(0, 60)}`;
}

/** A top-level `const x: MethodTable = { … }`: how generated method tables carry their data. */
function isTableLiteral(node: ts.Node, sf: ts.SourceFile): node is ts.ObjectLiteralExpression {
  return (
    ts.isObjectLiteralExpression(node) &&
    sf.statements.some(
      (st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => d.initializer === node),
    )
  );
}

/**
 * `() => import("./site-methods.stores.js")`: the one piece of code a lazy method table holds (a loader per top-level
 * namespace); its module specifier, or undefined for anything else.
 */
export function lazyImport(node: ts.Node): string | undefined {
  if (!ts.isArrowFunction(node) || node.parameters.length > 0 || !ts.isCallExpression(node.body)) return undefined;
  const [arg, ...rest] = node.body.arguments;
  return node.body.expression.kind === ts.SyntaxKind.ImportKeyword &&
    rest.length === 0 &&
    arg !== undefined &&
    ts.isStringLiteral(arg) &&
    /^\.\/site-methods\.[a-z][A-Za-z0-9]*\.js$/.test(arg.text)
    ? arg.text
    : undefined;
}

/** Reads a data literal (objects, arrays, strings, numbers, booleans, null) without evaluating anything. */
export function literalValue(node: ts.Expression): unknown {
  const loader = lazyImport(node);
  if (loader !== undefined) return `import(${JSON.stringify(loader)})`;
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node))
    return literalValue(node.expression);
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(e));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p) || !(ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)))
        throw new Error(`non-data property: ${ts.SyntaxKind[p.kind]}`);
      Object.defineProperty(out, p.name.text, {
        value: literalValue(p.initializer),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  throw new Error(`non-data expression: ${ts.SyntaxKind[node.kind]}`);
}

function walkProblems(sf: ts.SourceFile, problems: string[]): void {
  let calls = 0;
  let tables = 0;
  const visit = (node: ts.Node): void => {
    // A table is data: read by literalValue; still walked, so a computed key or a template in it is a problem.
    if (isTableLiteral(node, sf)) tables++;
    // A lazy table's loader: its specifier is checked by lazyImport (a sibling chunk), so it is data, not code.
    if (lazyImport(node) !== undefined) return;
    const forbidden = FORBIDDEN.get(node.kind);
    if (forbidden) problems.push(`${forbidden} at ${node.getStart(sf)}: ${node.getText(sf).slice(0, 80)}`);
    if (ts.isCallExpression(node)) calls++;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // The only calls generated code makes: the factory's `return create…Runtime(options, table)` (and a lazy table's
  // `import()` of a sibling chunk); every const is a method table literal. A .d.ts only `declare`s them: no body, no initializer.
  const declaration = sf.isDeclarationFile;
  const functions = sf.statements.filter(ts.isFunctionDeclaration);
  const factories = declaration ? 0 : functions.length;
  if (calls !== factories) problems.push(`${calls} call expressions, expected ${factories} (one per factory function)`);
  const declaredTables = declaration ? 0 : sf.statements.filter(ts.isVariableStatement).length;
  if (tables !== declaredTables) problems.push(`${tables} table literals, expected ${declaredTables} (one per const)`);
  for (const fn of functions) {
    if (declaration) {
      if (fn.body) problems.push(`function ${fn.name?.text} has a body in a declaration file`);
      continue;
    }
    const body = fn.body?.statements ?? [];
    if (body.length !== 1 || !ts.isReturnStatement(body[0]!))
      problems.push(`function ${fn.name?.text} body is not a single return`);
  }
}

function readTables(sf: ts.SourceFile, problems: string[]): Record<string, unknown> {
  const tables: Record<string, unknown> = {};
  for (const s of sf.statements.filter(ts.isVariableStatement)) {
    for (const d of s.declarationList.declarations) {
      if (!d.initializer) continue;
      try {
        tables[d.name.getText(sf)] = literalValue(d.initializer);
      } catch (error) {
        problems.push(`table ${d.name.getText(sf)}: ${(error as Error).message}`);
      }
    }
  }
  return tables;
}

export function fileShape(file: EmittedLike): FileShape {
  const text = file.text ?? file.content ?? "";
  const sf = ts.createSourceFile(file.path, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const problems = parseErrors(sf);
  walkProblems(sf, problems);
  const tables = readTables(sf, problems);
  const modules = sf.statements.flatMap((s) =>
    (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
    s.moduleSpecifier &&
    ts.isStringLiteral(s.moduleSpecifier)
      ? [s.moduleSpecifier.text]
      : [],
  );
  return {
    path: file.path,
    statements: sf.statements.map((s) => statementSignature(s, sf)),
    problems,
    tables,
    modules,
  };
}

export function shapes(files: readonly EmittedLike[]): FileShape[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map(fileShape);
}
