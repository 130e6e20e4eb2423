// Preload for a child Node process (`node --import <this file> …`): every ES module it loads is logged to stderr as a
// `module <url>` line, and on SIGINT every CommonJS module too, so a test can hold what a command's start loads (its
// module graph, not its timing).
import { writeSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

register(new URL("./module-log-hooks.mjs", import.meta.url));
process.once("SIGINT", () => {
  for (const file of Object.keys(createRequire(import.meta.url).cache))
    writeSync(2, `module ${pathToFileURL(file).href}\n`);
});
