// context: what every command gets from main.ts (output, working directory, a stop signal), the shared options, and
// how flags and wix-authz.config.json combine (flags win; without either, the defaults spec/ and generated/).
import path from "node:path";
import { Option } from "commander";
import type { ProjectConfig } from "../core/config.js";
import { displayPath } from "../generator/files.js";
import { loadProjectConfig } from "./config.js";
import type { Io } from "./report.js";

export interface CliContext extends Io {
  /** Resolves when the user asks a long-running command (watch, emulate) to stop (Ctrl-C, SIGTERM). */
  readonly waitForStop: () => Promise<void>;
  /** True when stdin and stdout are a terminal (then `init` may ask what to select). */
  readonly interactive?: boolean;
  /** The terminal streams, for prompts (set only when interactive). */
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdoutStream?: NodeJS.WritableStream;
}

/** How a command reports a non-zero exit without throwing (e.g. `check` on stale output). */
export type SetExit = (code: number) => void;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `--spec`, repeatable: several sources are merged in order (a folder's subfolders are read too). */
export const specOption = (): Option =>
  new Option(
    "--spec <path>",
    'spec folder (every *.yaml in it and its subfolders) or file; repeat it to merge several (default: the config\'s "spec", else spec)',
  ).argParser(collect);

export const outOption = (): Option =>
  new Option("--out <dir>", 'output folder for the generated clients (default: the config\'s "out", else generated)');

export const strictFactsOption = (): Option =>
  new Option(
    "--strict-facts",
    "fail (exit 1) when a method disagrees with the identities Wix documents (facts/identities); warn otherwise",
  );

export const configOption = (): Option =>
  new Option("--config <file>", "the config file to read (default: the nearest wix-authz.config.json upward)");

export const overrideOption = (): Option =>
  new Option(
    "--override <method>",
    'a method (namespace.name) a later spec source may define again, replacing the earlier one; repeatable (adds to the config\'s "overrides")',
  ).argParser(collect);

export interface SpecFlags {
  readonly spec?: readonly string[];
  readonly out?: string;
  readonly config?: string;
  readonly override?: readonly string[];
  readonly strictFacts?: boolean;
}

/** What a spec command runs on, after the config file and the flags. */
export interface SpecSettings {
  readonly config: ProjectConfig | undefined;
  /**
   * The folder the pipeline runs in: the config file's (so generated headers and messages name paths the same way
   * wherever the command is run from), else the working directory.
   */
  readonly root: string;
  /** Absolute when from the config, as typed when from a flag (resolved against cwd). */
  readonly spec: readonly string[];
  readonly out: string;
  readonly overrides: readonly string[];
  readonly strictFacts: boolean;
  readonly prettier: boolean | string;
  /** The spec sources as they read in messages. */
  readonly specShown: string;
  readonly outShown: string;
  /** The command that regenerates (`npx wix-authz generate`, with flags only when they differ from the config). */
  readonly regenerate: string;
}

export async function specSettings(flags: SpecFlags, ctx: Io): Promise<SpecSettings> {
  const config = await loadProjectConfig(ctx.cwd, flags.config);
  const root = config?.dir ?? ctx.cwd;
  // Flags are paths as typed, relative to where the command runs; config paths are absolute already.
  const fromFlag = (p: string) => (config ? path.resolve(ctx.cwd, p) : p);
  const spec = flags.spec?.map(fromFlag) ?? config?.spec ?? ["spec"];
  const out = flags.out !== undefined ? fromFlag(flags.out) : (config?.out ?? "generated");
  const specShown = spec.map((s) => displayPath(s, root)).join(", ");
  const outShown = displayPath(out, root);
  const args = [
    ...(flags.config ? [`--config ${flags.config}`] : []),
    ...(flags.spec || !config?.spec ? spec.map((s) => `--spec ${displayPath(s, root)}`) : []),
    ...(flags.out || !config?.out ? [`--out ${outShown}`] : []),
  ];
  return {
    config,
    root,
    spec,
    out,
    overrides: [...new Set([...(config?.overrides ?? []), ...(flags.override ?? [])])],
    strictFacts: flags.strictFacts === true || config?.strictFacts === true,
    prettier: config?.prettier ?? true,
    specShown,
    outShown,
    regenerate: ["npx wix-authz generate", ...args].join(" "),
  };
}

/** The line saying which config a command read (nothing without one). */
export function configLine(settings: { readonly config: ProjectConfig | undefined }, ctx: Io): string {
  return settings.config ? `using ${displayPath(settings.config.file, ctx.cwd)}\n` : "";
}

/** The command's output, with paths (warnings' source files) read from the pipeline's folder. */
export function rootIo<T extends Io>(ctx: T, settings: SpecSettings): T {
  return settings.root === ctx.cwd ? ctx : { ...ctx, cwd: settings.root };
}
