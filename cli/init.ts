// `wix-authz init`: in a user's project, copies a selection of the shipped catalogue into a spec folder, writes
// wix-authz.config.json naming it, adds the generate and check steps to package.json's scripts and prints the next
// command. Selection by flags, or by a prompt when run in a terminal. Nothing existing is overwritten without
// --force; every file is written to a temporary name first and renamed into place (nothing half-written).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { CONFIG_FILE, type ConfigFile } from "../core/config.js";
import { ConfigError } from "../core/diagnostics.js";
import { displayPath } from "../generator/files.js";
import type { Catalogue } from "./catalogue.js";
import type { CliContext } from "./context.js";

interface InitFlags {
  readonly domain?: string[];
  readonly package?: string[];
  readonly method?: string[];
  readonly dir: string;
  readonly out: string;
  readonly force?: boolean;
  readonly list?: boolean;
}

/** The scripts init adds to package.json (never replacing one the project has). */
export const SCRIPTS = { "wix:generate": "wix-authz generate", "wix:check": "wix-authz check" } as const;

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command("init")
    .description(
      "start a project: copy Wix methods from the shipped catalogue into a spec folder, write wix-authz.config.json, add scripts",
    )
    .option("--domain <name...>", "whole domains, e.g. stores ecom members (first segment of the namespace)")
    .option(
      "--package <name...>",
      "packages, e.g. @wix/auto_sdk_ecom_current-cart-v-2, or their namespace ecom.currentCartV2",
    )
    .option("--method <id...>", "single methods, e.g. stores.productsV3.queryProducts (with the schemas they need)")
    .option("--dir <dir>", "folder the selection is copied to", "spec/wix")
    .option("--out <dir>", "output folder for the generated clients", "generated")
    .option("--force", "replace an existing config file and catalogue folder (e.g. to copy the selection again)")
    .option("--list", "list the catalogue's domains, packages and method counts, and write nothing")
    .action(async (flags: InitFlags) => {
      await runInit(flags, ctx);
    });
}

export async function runInit(flags: InitFlags, ctx: CliContext): Promise<void> {
  const { readCatalogue, selectMethods, copySelection } = await import("./catalogue.js");
  const catalogue = readCatalogue();
  if (flags.list) return ctx.stdout(listing(catalogue));
  const root = ctx.cwd;
  const configFile = path.join(root, CONFIG_FILE);
  const existing = existsSync(configFile) ? await readExistingConfig(configFile) : undefined;
  let select = [...(flags.domain ?? []), ...(flags.package ?? []), ...(flags.method ?? [])];
  if (select.length === 0 && flags.force && existing?.catalogue) select = [...existing.catalogue.select];
  if (select.length === 0) {
    if (!ctx.interactive)
      throw new ConfigError(
        `Say what to copy from the catalogue: --domain ${catalogue.domains.slice(0, 3).join(" ")}, --package <name> or --method <namespace.name> (domains: ${catalogue.domains.join(", ")}; \`wix-authz init --list\` lists packages). Run in a terminal to choose from a list.`,
      );
    select = await prompt(catalogue, ctx);
    if (select.length === 0) throw new ConfigError("Nothing selected: nothing was written.");
  }
  const methods = selectMethods(catalogue, select);
  const dirAbs = path.resolve(root, flags.dir);
  const dirRel = displayPath(dirAbs, root);
  if (!flags.force) {
    const taken = [
      ...(existing ? [CONFIG_FILE] : []),
      ...(existsSync(dirAbs) && (await readdir(dirAbs)).length > 0 ? [`${dirRel}/`] : []),
    ];
    if (taken.length > 0)
      throw new ConfigError(
        `${taken.join(" and ")} ${taken.length === 1 ? "exists" : "exist"} already: nothing was written. Run \`wix-authz init --force\` to replace ${taken.length === 1 ? "it" : "them"} (other settings in ${CONFIG_FILE} are kept).`,
      );
  }
  const { specSchemaRef, configSchemaRef } = await import("./schema-ref.js");
  const version = await ownVersion();
  const note = `Copied from the wix-authz ${version} catalogue by \`wix-authz init\` (${CONFIG_FILE} "catalogue" records the selection; \`wix-authz init --force\` copies it again).`;
  const files = copySelection(catalogue, methods, specSchemaRef(dirAbs), note);
  await checkCopies(files, dirRel);
  const config = nextConfig(existing, dirRel, flags.out, select, configSchemaRef(root));
  const pkg = await packageScripts(root);
  await writeAll(root, dirAbs, files, configFile, `${JSON.stringify(config, null, 2)}\n`, pkg);

  const schemas = files.reduce((n, f) => n + f.schemas, 0);
  ctx.stdout(
    `${existing ? "updated" : "wrote"} ${CONFIG_FILE} and ${dirRel}/ (${files.length} file${files.length === 1 ? "" : "s"}: ${methods.size} method${methods.size === 1 ? "" : "s"}, ${schemas} shared schema${schemas === 1 ? "" : "s"}, from ${select.join(", ")})\n`,
  );
  for (const line of pkg?.report ?? ["no package.json here: run `npx wix-authz generate` to generate the clients"])
    ctx.stdout(`${line}\n`);
  const next = pkg && pkg.added.includes("wix:generate") ? "npm run wix:generate" : "npx wix-authz generate";
  ctx.stdout(`Next: ${next}   (writes the visitor, member and admin clients to ${config.out ?? flags.out}/)\n`);
}

function listing(catalogue: Catalogue): string {
  const lines = [`The catalogue (${catalogue.dir}):`];
  for (const domain of catalogue.domains) {
    lines.push(`${domain}`);
    for (const f of catalogue.files.filter((x) => x.namespaces.some((n) => n.split(".")[0] === domain)))
      lines.push(`  ${f.namespaces.join(", ")}  ${f.packageName}@${f.version}  (${f.methods.length} methods)`);
  }
  return `${lines.join("\n")}\n`;
}

async function prompt(catalogue: Catalogue, ctx: CliContext): Promise<string[]> {
  const { default: checkbox, Separator } = await import("@inquirer/checkbox");
  const choices = catalogue.domains.flatMap((domain) => [
    new Separator(`── ${domain}`),
    ...catalogue.files
      .filter((f) => f.namespaces.some((n) => n.split(".")[0] === domain))
      .map((f) => ({
        name: `${f.namespaces.join(", ")} (${f.methods.length} methods)`,
        value: f.namespaces[0] ?? f.packageName,
        description: `${f.packageName}@${f.version}`,
      })),
  ]);
  const picked = await checkbox(
    { message: "Which Wix APIs should the clients have? (space selects, enter confirms)", choices, pageSize: 20 },
    { ...(ctx.stdin && { input: ctx.stdin }), ...(ctx.stdoutStream && { output: ctx.stdoutStream }) },
  );
  // A whole domain reads better in the config than each of its packages.
  return catalogue.domains.flatMap((domain) => {
    const all = catalogue.files.filter((f) => f.namespaces[0]?.split(".")[0] === domain).map((f) => f.namespaces[0]!);
    const chosen = all.filter((n) => picked.includes(n));
    return chosen.length === all.length && all.length > 1 ? [domain] : chosen;
  });
}

async function readExistingConfig(file: string): Promise<ConfigFile> {
  const { readProjectConfig } = await import("./config.js");
  await readProjectConfig(file, path.dirname(file)); // refuses a broken config, naming what is wrong
  return JSON.parse(await readFile(file, "utf8")) as ConfigFile;
}

/** The new config: the existing one's other settings kept, the catalogue folder first among the spec sources. */
function nextConfig(
  existing: ConfigFile | undefined,
  dir: string,
  out: string,
  select: readonly string[],
  schemaRef: string,
): ConfigFile & { out: string } {
  const prior = existing?.spec === undefined ? [] : typeof existing.spec === "string" ? [existing.spec] : existing.spec;
  const norm = (p: string) => path.posix.normalize(p.split(path.sep).join("/")).replace(/\/$/, "");
  const spec = [dir, ...prior.filter((p) => norm(p) !== norm(dir) && norm(p) !== norm(existing?.catalogue?.dir ?? ""))];
  return {
    $schema: schemaRef,
    ...existing,
    spec,
    out: existing?.out ?? out,
    catalogue: { dir, select },
  } as ConfigFile & { out: string };
}

/** The copies must make a valid spec on their own (every $ref resolved); a failure here is a bug, not the user's. */
async function checkCopies(files: readonly { name: string; text: string }[], dir: string): Promise<void> {
  const [{ parseSpecTexts }, { checkedFromLoaded }] = await Promise.all([
    import("../generator/load.js"),
    import("../generator/load-model.js"),
  ]);
  checkedFromLoaded(parseSpecTexts(files.map((f) => ({ file: `${dir}/${f.name}`, text: f.text }))), undefined);
}

interface PackageUpdate {
  readonly file: string;
  readonly text: string | undefined;
  readonly added: readonly string[];
  readonly report: readonly string[];
}

/** package.json with the scripts added (an existing script of the same name is kept and reported). */
async function packageScripts(root: string): Promise<PackageUpdate | undefined> {
  const file = path.join(root, "package.json");
  if (!existsSync(file)) return undefined;
  const before = await readFile(file, "utf8");
  let pkg: { scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(before) as typeof pkg;
  } catch (error) {
    throw new ConfigError(`package.json is not valid JSON (${(error as Error).message}): nothing was written.`);
  }
  const scripts = { ...(pkg.scripts ?? {}) };
  const added: string[] = [];
  const report: string[] = [];
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (scripts[name] === undefined) {
      scripts[name] = command;
      added.push(name);
    } else if (scripts[name] !== command)
      report.push(
        `package.json already has a "${name}" script (${JSON.stringify(scripts[name])}): kept it; \`${command}\` is the step to run.`,
      );
    else added.push(name);
  }
  if (added.length > 0) report.unshift(`package.json scripts: ${added.map((a) => `"${a}"`).join(", ")}`);
  const indent = /^[ \t]+(?=")/m.exec(before)?.[0] ?? "  ";
  const text = `${JSON.stringify({ ...pkg, scripts }, null, indent)}\n`;
  return { file, text: text === before ? undefined : text, added, report };
}

/**
 * Every file is written under a temporary name first; then the spec folder is swapped in (the old one kept aside
 * until the end) and the config and package.json are renamed into place. A failure undoes what was moved.
 */
async function writeAll(
  root: string,
  dirAbs: string,
  files: readonly { name: string; text: string }[],
  configFile: string,
  configText: string,
  pkg: PackageUpdate | undefined,
): Promise<void> {
  await mkdir(path.dirname(dirAbs), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(dirAbs), ".wix-authz-init-"));
  const undo: (() => Promise<void>)[] = [];
  try {
    const specStage = path.join(staging, "spec");
    await mkdir(specStage);
    for (const f of files) await writeFile(path.join(specStage, f.name), f.text);
    const singles = [
      { target: configFile, text: configText },
      ...(pkg?.text !== undefined ? [{ target: pkg.file, text: pkg.text }] : []),
    ].map((s, i) => ({ ...s, temp: path.join(root, `.wix-authz-init-${process.pid}-${i}.tmp`) }));
    for (const s of singles) await writeFile(s.temp, s.text);
    undo.push(() => Promise.all(singles.map((s) => rm(s.temp, { force: true }))).then(() => undefined));
    if (existsSync(dirAbs)) {
      const aside = path.join(staging, "previous");
      await rename(dirAbs, aside);
      undo.push(() => rename(aside, dirAbs));
    }
    await rename(specStage, dirAbs);
    undo.push(() => rm(dirAbs, { recursive: true, force: true }));
    for (const s of singles) {
      const backup = existsSync(s.target) ? await readFile(s.target) : undefined;
      await rename(s.temp, s.target);
      undo.push(() => (backup === undefined ? rm(s.target, { force: true }) : writeFile(s.target, backup)));
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function ownVersion(): Promise<string> {
  const { createRequire } = await import("node:module");
  return (createRequire(import.meta.url)("wix-authz/package.json") as { version: string }).version;
}
