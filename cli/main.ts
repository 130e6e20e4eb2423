// main: the `wix-authz` program (commander). Each command lives in its own module beside this one and loads the
// libraries it runs (generator, emulator, importer) only when it runs. The only module that touches `process`.
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { registerCheck } from "./check.js";
import type { CliContext } from "./context.js";
import { registerEmulate } from "./emulate.js";
import { registerExport } from "./export.js";
import { registerGenerate } from "./generate.js";
import { registerImport } from "./import.js";
import { registerInit } from "./init.js";
import { EXIT, reportFailure } from "./report.js";
import { registerValidate } from "./validate.js";

export type { CliContext } from "./context.js";

function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command("wix-authz")
    .description("Identity-checked TypeScript clients for Wix Headless APIs.")
    .version(packageVersion(), "-V, --version", "print the wix-authz version")
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .showHelpAfterError("(run with --help for usage)");
  registerInit(program, ctx);
  registerGenerate(program, ctx);
  registerCheck(program, ctx, setExit);
  registerValidate(program, ctx);
  registerEmulate(program, ctx);
  registerImport(program, ctx);
  registerExport(program, ctx);
  return program;
}

/** The version of the package the one-file bundle was built from (scripts/bundle/cli.ts); absent elsewhere. */
declare const __wixAuthzVersion: string | undefined;

/** The installed package's version (its own package.json, through the package's export of it). */
function packageVersion(): string {
  // In the bundle, fixed when it was built: resolving the package's own name took ~2 ms of every bundled start.
  if (typeof __wixAuthzVersion === "string") return __wixAuthzVersion;
  return (createRequire(import.meta.url)("wix-authz/package.json") as { version: string }).version;
}

/** Runs the CLI with the given argv (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(ctx, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.user;
    return reportFailure(error, ctx);
  }
}

/** Entry for bin/wix-authz.js. */
export async function runCli(): Promise<void> {
  const waitForStop = () =>
    new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    waitForStop,
    // stdout first: process.stdin makes its stream (~1 ms, and loads node:tty or node:net) in every run that never
    // reads it, and stdout is made anyway to print.
    ...(process.stdout.isTTY && process.stdin.isTTY
      ? { interactive: true, stdin: process.stdin, stdoutStream: process.stdout }
      : {}),
  });
  process.exitCode = code;
}
