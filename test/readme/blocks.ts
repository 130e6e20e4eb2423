// The README's TypeScript blocks as written, and the prelude that declares what they leave to the reader: shared by
// test/readme (against the repository's sources) and test/e2e/user-path.test.ts (in a user's project, from the
// packed tarball), so the README cannot drift from either.

/** What the README leaves to the reader, declared for the compiler (values are set on globalThis for a run). */
export const FREE_NAMES = ["redirectUri", "clientId", "appId", "email", "password"] as const;

export const PRELUDE = [
  ...FREE_NAMES.map((name) => `declare const ${name}: string;`),
  "declare const id: string;",
  'import { createVisitorClient } from "./generated/visitor.js";',
].join("\n");

export interface Block {
  readonly file: string;
  /** Line of the block's first code line in README.md. */
  readonly readmeLine: number;
  readonly code: string;
}

/** Every "```ts" block, in order, as `blockN.ts`. */
export function readmeBlocks(readme: string): Block[] {
  const out: Block[] = [];
  const lines = readme.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```ts") continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== "```") i++;
    const code = lines.slice(start, i + 1).join("\n");
    // The first import of createVisitorClient is the prelude's; a block that has its own keeps it.
    out.push({ file: `block${out.length + 1}.ts`, readmeLine: start + 1, code: withoutDuplicateImport(code) });
  }
  return out;
}

function withoutDuplicateImport(code: string): string {
  return code.replace(/^import \{ createVisitorClient \} from "\.\/generated\/visitor\.js";$/m, "");
}

/** The block under "Getting started": the first visitor call, the member login and the admin call. */
export function firstCallsBlock(readme: string): Block {
  const section = readme.indexOf("## Getting started in your project");
  const line = readme.slice(0, section).split("\n").length;
  const block = readmeBlocks(readme).find((b) => b.readmeLine > line && b.code.includes("createAdminClient"));
  if (!block) throw new Error("README.md has no first-calls block under 'Getting started in your project'");
  return block;
}

/** A block as a module: the prelude, the code, and an export so it is a module even without imports. */
export function blockModule(block: Block): string {
  return `${PRELUDE}\n${block.code}\nexport {};\n`;
}
