// The packed packages installed as users install them: `npm pack` of the runtime and of the generator, then a temp
// folder outside the repo with both tarballs and the pinned frameworks (pins.json) installed from the npm registry, and
// one app folder per framework.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PINS = JSON.parse(readFileSync(new URL("./pins.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
};

/** An app's files by path (test/e2e/frameworks/apps.ts and the others). */
export type AppFiles = Record<string, string>;

export interface Run {
  readonly ok: boolean;
  readonly output: string;
  readonly seconds: number;
}

/** Runs a command; never throws: a failed build is a result the tests read. */
export async function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const start = performance.now();
  const options = { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 };
  const done = (ok: boolean, stdout = "", stderr = "") => ({
    ok,
    output: `${stdout}\n${stderr}`,
    seconds: Math.round((performance.now() - start) / 100) / 10,
  });
  return exec(cmd, args, options).then(
    (r) => done(true, r.stdout, r.stderr),
    (e: { stdout?: string; stderr?: string }) => done(false, e.stdout, e.stderr),
  );
}

async function must(cmd: string, args: string[], cwd: string): Promise<Run> {
  const r = await run(cmd, args, cwd);
  if (!r.ok) throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${r.output}`);
  return r;
}

export interface InstallOptions {
  /** Pinned packages to install beside wix-authz, by name (default: every pin: the frameworks). */
  readonly only?: readonly string[];
  /** Temp folder name prefix. */
  readonly prefix?: string;
}

/** The exact pinned version of a package the e2e tests install (pins.json). */
export function pinned(name: string): string {
  const version = PINS.dependencies[name];
  if (!version) throw new Error(`${name} is not pinned in test/e2e/frameworks/pins.json`);
  return version;
}

/** The tarballs `npm pack` wrote: the runtime (`@wix-authz/runtime`, what generated code imports) and the generator. */
export interface Tarballs {
  readonly runtime: string;
  readonly generator: string;
}

async function pack(root: string): Promise<{ tarballs: Tarballs; seconds: number }> {
  const args = ["pack", "--silent", "--pack-destination", root];
  // The runtime first: the generator's build (its `prepare`) compiles against the runtime's declarations.
  const runtime = await must("npm", [...args, "--workspace", "@wix-authz/runtime"], REPO);
  const generator = await must("npm", args, REPO);
  const written = await readdir(root);
  const find = (pattern: RegExp, r: Run) => {
    const file = written.find((f) => pattern.test(f));
    if (!file) throw new Error(`npm pack wrote no tarball matching ${pattern} in ${root}:\n${r.output}`);
    return file;
  };
  return {
    tarballs: {
      runtime: find(/^wix-authz-runtime-.+\.tgz$/, runtime),
      generator: find(/^wix-authz-\d.*\.tgz$/, generator),
    },
    seconds: Math.round((runtime.seconds + generator.seconds) * 10) / 10,
  };
}

/**
 * Packs both packages and installs them as a user does (`npm i @wix-authz/runtime`, `npm i -D wix-authz`) with the
 * pinned frameworks (pins.json; `only` installs a subset of them); returns the folder apps are created in.
 */
export async function installPacked(
  options: InstallOptions = {},
): Promise<{ root: string; tarballs: Tarballs; timings: Record<string, number> }> {
  const root = await mkdtemp(join(tmpdir(), options.prefix ?? "wix-authz-frameworks-"));
  const { tarballs, seconds } = await pack(root);
  const pins = options.only ? Object.fromEntries(options.only.map((name) => [name, pinned(name)])) : PINS.dependencies;
  const manifest = {
    name: "wix-authz-framework-apps",
    private: true,
    type: "module",
    dependencies: { ...pins, "@wix-authz/runtime": `file:./${tarballs.runtime}` },
    devDependencies: { "wix-authz": `file:./${tarballs.generator}` },
  };
  await writeFile(join(root, "package.json"), JSON.stringify(manifest, null, 2));
  const install = await must("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], root);
  // One runtime for the app and the generator: wix-authz's peer dependency is the app's own copy, never a nested one.
  const nested = join(root, "node_modules/wix-authz/node_modules/@wix-authz/runtime");
  if (existsSync(nested)) throw new Error(`npm installed a second @wix-authz/runtime under ${nested}`);
  return { root, tarballs, timings: { "npm pack": seconds, "npm install": install.seconds } };
}

/** Writes an app's files under root/name and generates its clients with the installed CLI from the packed spec. */
export async function createApp(root: string, name: string, files: AppFiles): Promise<string> {
  const dir = join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const cli = join(root, "node_modules/wix-authz/bin/wix-authz.js");
  const spec = join(root, "node_modules/wix-authz/spec");
  await must(process.execPath, [cli, "generate", "--spec", spec, "--out", "generated", "--no-cache"], dir);
  return dir;
}

/** The text of every file under dir whose name ends with one of the extensions (for chunk contents). */
export function readTree(dir: string, extensions: readonly string[]): string {
  let out = "";
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out += readTree(file, extensions);
    else if (extensions.some((e) => name.endsWith(e))) out += readFileSync(file, "utf8");
  }
  return out;
}
