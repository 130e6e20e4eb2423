#!/usr/bin/env node
// wix-authz command line: runs the compiled CLI from dist/ (built by `npm run build`, run by `npm ci` via prepare).
// `generate` runs dist/bundle/cli.cjs, the same CLI as one script (scripts/bundle/cli.ts), with V8's code cache: a
// fresh process then neither resolves and links some sixty ES modules nor compiles their code again, which is most of
// what an incremental run costs (bench/RESULTS.md). Every other command runs the ES modules, loading only what it
// uses. The cache is V8's data behind its sha256 (checked here: V8 does not check it, and damaged data can crash it; a
// foreign one V8 refuses, and both are made again), named by the Node version and the bundle's stat (any rewrite of
// the bundle changes its change time), kept beside the installed package under node_modules/.cache, and safe to
// delete; a folder that cannot be written only costs the speed-up.
//
// CommonJS (bin/package.json): an ES-module entry costs every start Node's module loader (~5 ms here), before the
// bundle, itself CommonJS, runs; the commands that run the ES modules import them.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const BUNDLED = new Set(["generate"]);
/** The first bytes of a code cache file of this format (then the data's sha256, then the data). */
const MAGIC = Buffer.from("wix-authz-code-1\n");
const command = process.argv.slice(2).find((a) => !a.startsWith("-"));
const bundle = path.join(__dirname, "..", "dist", "bundle", "cli.cjs");
const bundleStat = BUNDLED.has(command ?? "") ? statOf(bundle) : undefined;

// A rejection ends the process as an uncaught one, with its stack and exit code 1, as a top-level await's did.
void (bundleStat ? runBundled(bundle, bundleStat) : import("../dist/cli/main.js").then((m) => m.runCli()));

function statOf(file) {
  try {
    return statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
}

/** Runs the bundle as a CommonJS module, from its code cache when there is one, and makes the cache when not. */
async function runBundled(file, stat) {
  const source = readFileSync(file, "utf8");
  const dir = codeCacheDir();
  const key = [process.version, process.arch, stat.size, stat.ino, stat.mtimeNs, stat.ctimeNs].join("-");
  const name = `${command}-${key}.bin`;
  const cachedData = readCodeCache(path.join(dir, name));
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  // The bundle's packages imported on use (Prettier, prompts) are imported here: a script run from a code cache
  // cannot import by itself.
  globalThis.__wixAuthzImport = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  await module.exports.runCli();
  // Made after the run, so that it holds the code the command compiled on the way, not only the top level; made
  // again after the first run that went another way (a `generate` with nothing changed, or a partial one, compiles
  // code a cold one does not), from the code cached so far and the code this run compiled.
  const way = String(globalThis[Symbol.for("wix-authz.generate-path")] ?? "other");
  const covered = cachedData === undefined || script.cachedDataRejected ? [] : waysOf(path.join(dir, `${name}.ways`));
  if (!covered.includes(way)) saveCodeCache(dir, name, script.createCachedData(), [...covered, way]);
}

/**
 * A cache file's V8 data, when whole: V8 trusts the data it is given (a damaged cache can crash the process), so each
 * file starts with the sha256 of the data after it, checked here.
 */
function readCodeCache(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(MAGIC.length + 32);
  const sum = createHash("sha256").update(data).digest();
  const whole =
    bytes.subarray(0, MAGIC.length).equals(MAGIC) && sum.equals(bytes.subarray(MAGIC.length, MAGIC.length + 32));
  return whole ? data : undefined;
}

/** The ways runs went that the command's cache was made after (a list in a file beside it). */
function waysOf(file) {
  try {
    const ways = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(ways) ? ways.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * node_modules/.cache/wix-authz/code of the node_modules folder the package is installed in (or its own), or the
 * folder WIX_AUTHZ_CODE_CACHE names.
 */
function codeCacheDir() {
  if (process.env.WIX_AUTHZ_CODE_CACHE) return path.resolve(process.env.WIX_AUTHZ_CODE_CACHE);
  const root = path.dirname(__dirname);
  let modules = path.join(root, "node_modules");
  for (let dir = path.dirname(root); dir !== path.dirname(dir); dir = path.dirname(dir))
    if (path.basename(dir) === "node_modules") {
      modules = dir;
      break;
    }
  return path.join(modules, ".cache", "wix-authz", "code");
}

/** Replaces the command's cache atomically (temp file, rename), and removes its caches for other bundles. */
function saveCodeCache(dir, name, data, ways) {
  try {
    mkdirSync(dir, { recursive: true });
    const sum = createHash("sha256").update(data).digest();
    for (const [file, bytes] of [
      [name, Buffer.concat([MAGIC, sum, data])],
      [`${name}.ways`, JSON.stringify(ways)],
    ]) {
      const temp = path.join(dir, `${file}.${process.pid}.tmp`);
      writeFileSync(temp, bytes);
      renameSync(temp, path.join(dir, file));
    }
    for (const other of readdirSync(dir))
      if (other.startsWith(`${command}-`) && !other.startsWith(name)) rmSync(path.join(dir, other), { force: true });
  } catch {
    // A read-only install: every run compiles the bundle, as without a cache.
  }
}
