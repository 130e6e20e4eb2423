// Helpers for the injection test: generate into the package's .tmp (so tsc resolves @wix-authz/runtime) and scan tokens.
import { mkdir, mkdtemp, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "../types/tsc.js";
import { runCli, writeTree } from "../generator/helpers.js";

export interface Generated {
  readonly code: number;
  readonly stderr: string;
  readonly dir: string;
  readonly files: Record<string, string>;
}

export async function outputRoot(): Promise<string> {
  await mkdir(path.join(ROOT, ".tmp"), { recursive: true });
  return mkdtemp(path.join(ROOT, ".tmp", "injection-"));
}

/** Writes `specFiles` to a temp folder and runs `wix-authz generate` into `<root>/<label>`. */
export async function generateInto(root: string, label: string, specFiles: Record<string, string>): Promise<Generated> {
  const cwd = await writeTree(Object.fromEntries(Object.entries(specFiles).map(([n, t]) => [`spec/${n}`, t])));
  const dir = path.join(root, label);
  const { code, stderr } = await runCli(["generate", "--spec", "spec", "--out", dir], cwd);
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort())
    files[name] = await readFile(path.join(dir, name), "utf8");
  return { code, stderr, dir, files };
}

/** Identifier tokens outside comments and string literals: spec text must never show up here. */
export function codeIdentifiers(text: string): Set<string> {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  const out = new Set<string>();
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier) out.add(scanner.getTokenValue());
  }
  return out;
}

/** Every string literal type in a file (`"A" | "B"`), read from the AST. */
export function stringLiteralTypes(fileName: string, text: string): Set<string> {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) out.add(node.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
