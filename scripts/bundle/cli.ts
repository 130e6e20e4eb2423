// The command line as one CommonJS file (dist/bundle/cli.cjs), built after tsc from dist/: bin/wix-authz.js runs it
// with V8's code cache, so a `generate` neither resolves and links some sixty ES modules nor compiles their code again
// (bench/RESULTS.md measures both starts). Heavy libraries loaded on use stay outside (Prettier, ts-morph, the careful
// YAML parser) and every package imported on use is imported by the bin; every `import.meta.url` becomes the URL of
// the dist file it was in, so paths resolved from a module's own place (the code hash, package files) are dist/'s.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { codeHash } from "../../generator/cache.js";
import { parserVersions } from "../../generator/spec-cache.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(DIST, "bundle", "cli.cjs");

/**
 * Packages loaded on use: required at run time, never inlined. The runtime's contract and identity table, which the
 * generator reads, are inlined: wix-authz pins @wix-authz/runtime's exact version, the bundle is built with the
 * runtime beside it, and the bundle's code hash covers that copy (resolving the runtime through its exports map took
 * ~3 ms of every start).
 */
const EXTERNAL = ["prettier", "ts-morph", "typescript", "yaml", "esbuild", "vite"];

/** A file's path from the bundle's folder, as `__wixAuthzUrl` takes it (posix separators). */
const fromBundle = (file: string) => path.relative(path.dirname(OUT), file).split(path.sep).join("/");

const packageVersion = async (): Promise<string> =>
  (JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Commander's Command, which requires node:child_process at its top only to run git-style subcommands (we have none). */
const COMMANDER_COMMAND = path.join("node_modules", "commander", "lib", "command.js");
const CHILD_PROCESS = `const childProcess = require('node:child_process');`;

/**
 * Commander's command.js with node:child_process required on first use instead of at load: loading it (and net,
 * dgram and the stream classes it brings) was ~4 ms of every `generate` start. A commander that no longer has that
 * line fails the build, so the bundle never silently keeps the eager require.
 */
async function lazyChildProcess(file: string): Promise<string> {
  const text = await readFile(file, "utf8");
  if (!text.includes(CHILD_PROCESS)) throw new Error(`${file}: no \`${CHILD_PROCESS}\` line to make lazy`);
  return text.replace(
    CHILD_PROCESS,
    `const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };`,
  );
}

await build({
  entryPoints: [path.join(DIST, "cli", "main.js")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: OUT,
  external: EXTERNAL,
  logLevel: "warning",
  banner: {
    js: [
      'const __wixAuthzUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;',
      "const __wixAuthzImport = (specifier) => globalThis.__wixAuthzImport(specifier);",
      // generator/cache.ts ownCodeHash: the code the bundle holds, hashed once here instead of on every run.
      `const __wixAuthzCodeHash = ${JSON.stringify(await codeHash(DIST))};`,
      // generator/spec-cache.ts parserVersions: the js-yaml and ajv the bundle holds, and the spec schema.
      `const __wixAuthzParserVersions = ${JSON.stringify(await parserVersions())};`,
      // cli/main.ts packageVersion: the package the bundle is part of.
      `const __wixAuthzVersion = ${JSON.stringify(await packageVersion())};`,
    ].join("\n"),
  },
  plugins: [
    {
      name: "import-meta-url",
      setup(b) {
        b.onLoad({ filter: /\.js$/ }, async (args) => {
          if (args.path.endsWith(COMMANDER_COMMAND))
            return { contents: await lazyChildProcess(args.path), loader: "js" };
          if (!args.path.startsWith(DIST + path.sep)) return undefined;
          const text = (await readFile(args.path, "utf8"))
            .replaceAll("import.meta.url", `__wixAuthzUrl(${JSON.stringify(fromBundle(args.path))})`)
            // A package imported on use: imported by bin/wix-authz.js (vm scripts run from a code cache have no
            // dynamic import of their own).
            .replace(/\bimport\((["'])([^"'.][^"']*)\1\)/g, "__wixAuthzImport($1$2$1)")
            // The commands the bundle never runs (it runs `generate`): their modules stay dist/'s ES modules, imported
            // by the bin if ever asked for, so the code V8 reads from the cache at each start is generate's alone.
            .replace(
              /\bimport\((["'])(\.\.\/(?:emulator|importer|exporter)\/[^"']+)\1\)/g,
              (_call, _quote, rel: string) =>
                `__wixAuthzImport(__wixAuthzUrl(${JSON.stringify(fromBundle(path.resolve(path.dirname(args.path), rel)))}))`,
            );
          return { contents: text, loader: "js" };
        });
      },
    },
  ],
});
