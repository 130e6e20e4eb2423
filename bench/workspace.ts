// Temp folders for bench workloads under <repo>/.tmp/bench-*, so `@wix-authz/runtime` resolves (the workspace link).
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
export const WIX_AUTHZ_BIN = path.join(REPO, "bin", "wix-authz.js");
export const OPENAPI_TS_BIN = path.join(REPO, "node_modules", "openapi-typescript", "bin", "cli.js");
export const TSC_BIN = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
export const TSC7_BIN = path.join(REPO, "node_modules", "typescript7", "bin", "tsc");

export async function makeTempDir(label: string): Promise<string> {
  const root = path.join(REPO, ".tmp");
  await mkdir(root, { recursive: true });
  return mkdtemp(path.join(root, `bench-${label}-`));
}

export async function folderBytes(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(names.map(async (n) => (await stat(path.join(dir, n))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

/** Fails early, with the fix, when dist/ (what `bin/wix-authz.js` and the type checks use) is missing. */
export async function assertBuilt(): Promise<void> {
  const built = await stat(path.join(REPO, "dist", "cli", "main.js")).catch(() => undefined);
  if (!built) throw new Error("dist/ is missing: run `npm run build` first (`npm run bench` does).");
}
