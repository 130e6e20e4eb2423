// write: spec text → file, atomically (temp file in the same folder, then rename), skipping unchanged files.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ImportError } from "./errors.js";

/** Returns whether the file changed. A reader never sees a half-written spec file. */
export async function writeAtomic(file: string, text: string): Promise<boolean> {
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current === text) return false;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
    return true;
  } catch (err) {
    await rm(temp, { force: true });
    throw new ImportError(
      "IMPORT_WRITE_FAILED",
      `Cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
