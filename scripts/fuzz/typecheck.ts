// typecheck: one tsc run over many sampled generated outputs (each in its own folder) — tsc per output would be too slow.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROOT, typeCheck, typeProject, type TsDiagnostic } from "../../test/types/tsc.js";

export interface SampledOutput {
  readonly iteration: number;
  readonly files: readonly { path: string; content: string }[];
}

/** Folder (inside the package, so `@wix-authz/runtime` resolves) that holds the sampled outputs of one run. */
export function sampleRoot(runId: string): string {
  return path.join(ROOT, ".tmp", "fuzz-typecheck", runId);
}

/** Type-checks every sample with TypeScript 5.9; returns the errors per iteration (empty map: all compile). */
export async function typecheckSamples(
  runId: string,
  samples: readonly SampledOutput[],
): Promise<Map<number, TsDiagnostic[]>> {
  const errors = new Map<number, TsDiagnostic[]>();
  if (samples.length === 0) return errors;
  const base = sampleRoot(runId);
  await rm(base, { recursive: true, force: true });
  for (const s of samples) {
    const dir = path.join(base, String(s.iteration));
    await mkdir(dir, { recursive: true });
    for (const f of s.files) await writeFile(path.join(dir, f.path), f.content);
  }
  const project = await typeProject({ "index.ts": "export {};\n" }, [
    path.relative(ROOT, path.join(base, "**", "*.ts")),
  ]);
  try {
    for (const d of await typeCheck(project, "TypeScript 5.9")) {
      const iteration = Number(/fuzz-typecheck[/\\][^/\\]+[/\\](\d+)[/\\]/.exec(d.file)?.[1] ?? -1);
      errors.set(iteration, [...(errors.get(iteration) ?? []), d]);
    }
  } finally {
    await rm(project, { recursive: true, force: true });
  }
  return errors;
}
