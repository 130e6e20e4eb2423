// save: writes a finding's reproducer (original and minimized spec files plus case.json) under .tmp/fuzz-crashes/.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SpecInput } from "./oracle.js";

export interface SavedCase {
  readonly signature: string;
  readonly kind: string;
  readonly runSeed: number;
  readonly iteration: number;
  readonly iterationSeed: number;
  readonly mutations: readonly string[];
  readonly detail: string;
  readonly files: readonly SpecInput[];
  readonly minimized?: readonly SpecInput[];
}

export function slug(signature: string): string {
  const hash = createHash("sha256").update(signature).digest("hex").slice(0, 8);
  return `${signature
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 70)}-${hash}`;
}

/** Spec file names may hold newlines or U+2028 on purpose; on disk they are URI-encoded, case.json keeps the real ones. */
async function writeFiles(dir: string, files: readonly SpecInput[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of files)
    await writeFile(path.join(dir, encodeURIComponent(f.file.slice(f.file.lastIndexOf("/") + 1))), f.text, "utf8");
}

export async function saveCase(crashDir: string, c: SavedCase): Promise<string> {
  const dir = path.join(crashDir, slug(c.signature));
  await writeFiles(path.join(dir, "original"), c.files);
  if (c.minimized) await writeFiles(path.join(dir, "minimized"), c.minimized);
  const json = {
    signature: c.signature,
    kind: c.kind,
    repro: `npm run fuzz -- --seed ${c.runSeed} --from ${c.iteration} --count 1`,
    runSeed: c.runSeed,
    iteration: c.iteration,
    iterationSeed: c.iterationSeed,
    mutations: c.mutations,
    detail: c.detail,
    fileNames: c.files.map((f) => f.file),
    minimized: c.minimized?.map((f) => ({ file: f.file, text: f.text })),
  };
  await writeFile(path.join(dir, "case.json"), JSON.stringify(json, null, 2) + "\n");
  return dir;
}
