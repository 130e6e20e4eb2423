// schema-ref: what a spec file's `# yaml-language-server: $schema=` comment names, so the editor finds the format
// where it really is: the wix-authz package as the folder's project resolves it (node_modules/wix-authz/…), else
// the running package's own copy. Relative to the folder, posix separators.
import { createRequire } from "node:module";
import path from "node:path";

export function specSchemaRef(folder: string): string {
  const abs = path.resolve(folder);
  let schema: string;
  try {
    schema = createRequire(path.join(abs, "noop.js")).resolve("wix-authz/spec/schema.json");
  } catch {
    schema = createRequire(import.meta.url).resolve("wix-authz/spec/schema.json");
  }
  const rel = path.relative(abs, schema).split(path.sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** The same for wix-authz.config.json's `$schema`. */
export function configSchemaRef(folder: string): string {
  const abs = path.resolve(folder);
  let schema: string;
  try {
    schema = createRequire(path.join(abs, "noop.js")).resolve("wix-authz/config/schema.json");
  } catch {
    schema = createRequire(import.meta.url).resolve("wix-authz/config/schema.json");
  }
  const rel = path.relative(abs, schema).split(path.sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
