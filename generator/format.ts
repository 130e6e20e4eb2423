// format: EmittedFile[] → formatted EmittedFile[] with prettier, in-process, using the target project's resolved config.
import path from "node:path";
import * as prettier from "prettier";
import type { EmittedFile } from "./emit/index.js";

export async function formatFiles(files: readonly EmittedFile[], outDir: string): Promise<EmittedFile[]> {
  // One resolution for the folder: every generated file shares it, and resolving per file costs disk reads.
  const config = (await prettier.resolveConfig(path.join(outDir, "types.ts"), { editorconfig: true })) ?? {};
  return Promise.all(
    files.map(async (f) => ({
      path: f.path,
      content: await prettier.format(f.content, { ...config, parser: "typescript", filepath: path.join(outDir, f.path) }),
    })),
  );
}
