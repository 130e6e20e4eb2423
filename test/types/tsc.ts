// Runs the real TypeScript compilers (5.9 and 7) over a throwaway project inside the repo, and parses diagnostics.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, "../..");

export const COMPILERS = {
  "TypeScript 5.9": path.join(ROOT, "node_modules/typescript/bin/tsc"),
  "TypeScript 7": path.join(ROOT, "node_modules/typescript7/bin/tsc"),
} as const;
export type CompilerName = keyof typeof COMPILERS;

export interface TsDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

/** A folder under .tmp/ (inside the package, so `@wix-authz/runtime` resolves through the workspace link in node_modules). */
export async function typeProject(
  files: Record<string, string>,
  include: readonly string[] = [],
  extraOptions: Record<string, unknown> = {},
): Promise<string> {
  await mkdir(path.join(ROOT, ".tmp"), { recursive: true });
  const dir = await mkdtemp(path.join(ROOT, ".tmp", "types-"));
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023", "DOM"],
      strict: true,
      noEmit: true,
      // Generated declarations are .d.ts files: check them too (users with skipLibCheck would not).
      skipLibCheck: false,
      types: [],
      customConditions: ["wix-authz-source"],
      ...extraOptions,
    },
    include: [...Object.keys(files), ...include.map((p) => path.relative(dir, path.join(ROOT, p)))],
  };
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

export async function typeCheck(dir: string, compiler: CompilerName): Promise<TsDiagnostic[]> {
  const result = await run(process.execPath, [COMPILERS[compiler], "-p", dir, "--pretty", "false"], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e: { stdout?: string; stderr?: string; code?: number }) => {
    if (typeof e.stdout === "string" && e.stdout.includes("error TS")) return { stdout: e.stdout };
    throw new Error(`${compiler} failed to run: ${e.stderr ?? ""}${e.stdout ?? ""}`);
  });
  return parseDiagnostics(result.stdout, dir);
}

export function parseDiagnostics(output: string, dir: string): TsDiagnostic[] {
  const out: TsDiagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m)
      out.push({
        file: path.relative(dir, path.resolve(ROOT, m[1]!)),
        line: Number(m[2]),
        column: Number(m[3]),
        code: m[4]!,
        message: m[5]!,
      });
    else if (out.length && /^\s+/.test(line)) {
      const last = out.pop()!;
      out.push({ ...last, message: `${last.message}\n${line.trim()}` });
    }
  }
  return out;
}
