// Loader hooks of module-log.mjs: one `module <url>` line on stderr per ES module loaded.
import { writeSync } from "node:fs";

export async function load(url, context, next) {
  writeSync(2, `module ${url}\n`);
  return next(url, context);
}
