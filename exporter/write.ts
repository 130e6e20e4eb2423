// write: an OpenAPI document → text (JSON or YAML) → a file, atomically: a temp file beside the target, then one
// rename, so the target holds either the old document or the whole new one.
import { randomBytes } from "node:crypto";
import { rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { ConfigError } from "../core/diagnostics.js";

export type ExportFormat = "json" | "yaml";

export const EXPORT_FORMATS: readonly ExportFormat[] = ["json", "yaml"];

export function serialize(document: unknown, format: ExportFormat): string {
  if (format === "json") return `${JSON.stringify(document, null, 2)}\n`;
  // No anchors or aliases: a shared object written twice stays two plain copies, as in the JSON.
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** The format `--out`'s extension names (`.json`, `.yaml`, `.yml`), or undefined for any other name. */
export function formatOfFile(file: string): ExportFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === ".json" ? "json" : ext === ".yaml" || ext === ".yml" ? "yaml" : undefined;
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ConfigError(`Cannot write ${file}: the folder ${dir} does not exist.`);
  if ((await stat(file).catch(() => undefined))?.isDirectory())
    throw new ConfigError(`Cannot write ${file}: it is a folder; --out names the document's file.`);
  const temp = path.join(dir, `.${path.basename(file)}.wix-authz-${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new ConfigError(`Cannot write ${file} (${reason}). Nothing was written.`);
  }
}
