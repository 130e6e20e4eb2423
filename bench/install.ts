// Measurement 6: the production install an app pays for. `npm pack` of @wix-authz/runtime (what generated code
// imports) installed with `npm install --omit=dev` into an empty folder, against the peer's (`@wix/sdk`, at the
// version pinned in package.json) and, for reference, the generator package's (wix-authz, a dev dependency).
import { execFile } from "node:child_process";
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { table } from "./stats.js";
import { REPO } from "./workspace.js";

const exec = promisify(execFile);
/** The goal for the runtime's production install (issue 17): at most 1 MB on disk. */
export const RUNTIME_INSTALL_GOAL = 1024 * 1024;

export interface InstallResult {
  readonly label: string;
  /** What was installed: a tarball name or name@version. */
  readonly spec: string;
  /** Sum of the sizes of every file under node_modules (what the app folder holds). */
  readonly bytes: number;
  /** Disk usage: allocated blocks (what `du` reports; file systems round each file up). */
  readonly diskBytes: number;
  readonly files: number;
  /** Installed packages (folders with a package.json under node_modules, nested ones included). */
  readonly packages: readonly string[];
  /** The goal this install is held to, in bytes (the runtime's: RUNTIME_INSTALL_GOAL). */
  readonly goal?: number;
  /** The peer every other row is compared with. */
  readonly peer?: boolean;
}

export interface Tree {
  bytes: number;
  diskBytes: number;
  files: number;
  packages: string[];
}

/** Walks node_modules: every file's size, and each package folder (scoped and nested ones too). */
export async function measureTree(nodeModules: string): Promise<Tree> {
  const tree: Tree = { bytes: 0, diskBytes: 0, files: 0, packages: [] };
  const count = async (file: string) => {
    const info = await lstat(file);
    tree.bytes += info.size;
    tree.diskBytes += info.blocks * 512;
    tree.files += 1;
  };
  /** A folder's files; a node_modules folder inside it holds packages of its own. */
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (!entry.isDirectory()) await count(file);
      else if (entry.name === "node_modules") await modules(file);
      else await walk(file);
    }
  };
  const modules = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (!entry.isDirectory()) await count(file);
      else if (entry.name === ".bin") await walk(file);
      else if (entry.name.startsWith("@")) {
        for (const scoped of await readdir(file, { withFileTypes: true }))
          if (scoped.isDirectory()) await packageFolder(path.join(file, scoped.name), `${entry.name}/${scoped.name}`);
      } else await packageFolder(file, entry.name);
    }
  };
  const packageFolder = async (dir: string, name: string) => {
    tree.packages.push(name);
    await walk(dir);
  };
  await modules(nodeModules);
  return tree;
}

async function npm(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await exec("npm", [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${e.stderr || e.stdout || e.message}`, { cause: error });
  }
}

/** A tarball by its file name; a registry spec as written. */
const shown = (spec: string) => (path.isAbsolute(spec) ? path.basename(spec) : spec);

/** `npm install --omit=dev <specs>` into an empty folder under dir; measures its node_modules. */
export async function measureInstall(dir: string, label: string, specs: readonly string[]): Promise<InstallResult> {
  const app = await mkdtemp(path.join(dir, "app-"));
  await writeFile(path.join(app, "package.json"), JSON.stringify({ name: "install-size", private: true }));
  // --ignore-scripts: the size of what npm unpacks; no install script of any package runs on the bench machine.
  await npm(
    ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", ...specs],
    app,
  );
  const tree = await measureTree(path.join(app, "node_modules"));
  return { label, spec: specs.map(shown).join(" + "), ...tree, packages: tree.packages.sort() };
}

/** Packs one package of the repository (a workspace or the root) into dir; returns the tarball's path. */
async function pack(dir: string, workspace: string | undefined): Promise<string> {
  const out = await mkdtemp(path.join(dir, "pack-"));
  await npm(["pack", "--silent", "--pack-destination", out, ...(workspace ? ["--workspace", workspace] : [])], REPO);
  const tarball = (await readdir(out)).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack${workspace ? ` --workspace ${workspace}` : ""} wrote no tarball`);
  return path.join(out, tarball);
}

export async function measureInstalls(log: (text: string) => void): Promise<InstallResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-bench-install-"));
  try {
    const manifest = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const peer = `@wix/sdk@${manifest.devDependencies["@wix/sdk"]}`;
    log("install size: packing @wix-authz/runtime and wix-authz…");
    const runtime = await pack(dir, "@wix-authz/runtime");
    const generator = await pack(dir, undefined);
    const results: InstallResult[] = [];
    const installs: { label: string; specs: string[]; goal?: number; peer?: boolean }[] = [
      { label: "@wix-authz/runtime (what generated code imports)", specs: [runtime], goal: RUNTIME_INSTALL_GOAL },
      { label: "@wix/sdk (the peer)", specs: [peer], peer: true },
      // wix-authz needs its peer, the runtime: both, as if the generator were a production dependency.
      {
        label: "wix-authz + @wix-authz/runtime (the generator too; for reference, it is a dev dependency)",
        specs: [runtime, generator],
      },
    ];
    for (const { label, specs, ...rest } of installs) {
      log(`install size: npm install --omit=dev ${specs.map(shown).join(" ")}…`);
      results.push({ ...(await measureInstall(dir, label, specs)), ...rest });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

export function installTable(results: readonly InstallResult[]): string {
  const peer = results.find((r) => r.peer);
  const rows = results.map((r) => [
    r.label,
    `${mb(r.bytes)} (${r.bytes.toLocaleString("en-US")} B)`,
    mb(r.diskBytes),
    String(r.files),
    new Set(r.packages).size === r.packages.length
      ? String(r.packages.length)
      : `${new Set(r.packages).size} (${r.packages.length} copies)`,
    peer && r !== peer ? `${(r.bytes / peer.bytes).toFixed(2)}×` : "",
    r.goal === undefined ? "" : `${r.bytes <= r.goal ? "✅" : "❌"} ≤ ${mb(r.goal)}`,
  ]);
  return table(["package", "bytes (sum of file sizes)", "disk (du)", "files", "packages", "vs @wix/sdk", "goal"], rows);
}

export function installSection(results: readonly InstallResult[]): string {
  // A package installed more than once (nested copies at other versions) is listed once with its count.
  const counted = (names: readonly string[]) =>
    [...new Set(names)].map((n) => {
      const copies = names.filter((m) => m === n).length;
      return copies > 1 ? `${n} ×${copies}` : n;
    });
  const list = results.map((r) => `- ${r.label}: ${counted(r.packages).join(", ")}`);
  return [
    "## 6. Production install size",
    "",
    "`npm install --omit=dev --ignore-scripts <package>` into an empty folder, then every file under `node_modules`",
    "(`bench/install.ts`). @wix-authz/runtime and wix-authz are this checkout packed with `npm pack`; @wix/sdk is the",
    "version pinned in package.json, from the registry. An app that uses the generated clients depends on",
    "@wix-authz/runtime only (wix-authz is a dev dependency). Goal: the runtime's install ≤ 1 MB.",
    "",
    installTable(results),
    "",
    "Installed packages:",
    "",
    ...list,
  ].join("\n");
}
