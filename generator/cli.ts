// cli: the `wix-authz` command (commander). The only module that touches `process`.
import { Command, CommanderError, Option } from "commander";
import { EMULATE_FLAGS, type EmulateFlags } from "../emulator/flags.js";
import { displayPath } from "./files.js";
import { EXIT, reportFailure, type Io } from "./report.js";

export interface CliContext extends Io {
  /** Resolves when the user asks a long-running command (watch, emulate) to stop (Ctrl-C, SIGTERM). */
  readonly waitForStop: () => Promise<void>;
}

function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command("wix-authz")
    .description("Identity-checked TypeScript clients for Wix Headless APIs.")
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .showHelpAfterError("(run with --help for usage)");
  const specOption = () =>
    new Option("--spec <path>", "spec folder (all *.yaml in it) or a single spec file").default("spec");
  const outOption = () => new Option("--out <dir>", "output folder for the generated clients").default("generated");

  program
    .command("generate")
    .description("validate the spec and write the visitor, member and admin clients")
    .addOption(specOption())
    .addOption(outOption())
    .option("--watch", "regenerate on every spec change; report errors without exiting")
    .option("--no-cache", "always run the whole pipeline (by default an unchanged spec is not regenerated)")
    .action(async (opts: { spec: string; out: string; watch?: boolean; cache: boolean }) => {
      const options = { spec: opts.spec, out: opts.out, cwd: ctx.cwd, noCache: !opts.cache };
      const { generate } = await import("./run.js");
      const { summary, watchAndGenerate } = await import("./watch.js");
      if (opts.watch) {
        const watcher = await watchAndGenerate(options, ctx);
        ctx.stdout(`[watch] watching ${opts.spec} (Ctrl-C to stop)\n`);
        await ctx.waitForStop();
        watcher.close();
        return;
      }
      const report = await generate(options);
      ctx.stdout(
        `${opts.out}: ${summary(report.written.length, report.unchanged.length, report.removed.length)} (${report.methods} methods${report.cached ? ", nothing changed since the last run" : ""})\n`,
      );
    });

  program
    .command("check")
    .description("exit 1 if the generated files do not match the spec (for CI)")
    .addOption(specOption())
    .addOption(outOption())
    .action(async (opts: { spec: string; out: string }) => {
      const { check } = await import("./run.js");
      const drift = await check({ spec: opts.spec, out: opts.out, cwd: ctx.cwd });
      const lines = [
        ...drift.stale.map((f) => `  stale:   ${opts.out}/${f}`),
        ...drift.missing.map((f) => `  missing: ${opts.out}/${f}`),
        ...drift.extra.map((f) => `  extra:   ${opts.out}/${f} (generated earlier, no longer produced)`),
      ];
      if (lines.length === 0) return ctx.stdout(`${opts.out} is up to date with ${opts.spec}\n`);
      ctx.stderr(
        `${opts.out} does not match ${opts.spec}:\n${lines.join("\n")}\nRun: npx wix-authz generate --spec ${opts.spec} --out ${opts.out}\n`,
      );
      setExit(EXIT.user);
    });

  program
    .command("validate")
    .description("check the spec and print every problem; writes nothing")
    .addOption(specOption())
    .action(async (opts: { spec: string }) => {
      const { loadApiModel } = await import("./load-model.js");
      const model = await loadApiModel(opts.spec, ctx.cwd);
      ctx.stdout(
        `${opts.spec}: ${model.methods.length} methods, ${model.schemas.length} shared schemas in ${model.sources.length} files — valid\n`,
      );
    });

  registerExtraCommands(program, ctx);
  return program;
}

/** Commands implemented outside generator/ (emulator, importer); their modules load only when the command runs. */
function registerExtraCommands(program: Command, ctx: CliContext): void {
  const emulate = program
    .command("emulate")
    .description("run the local Wix API emulator (OAuth, login, redirect sessions, the spec's methods) until Ctrl-C");
  for (const f of EMULATE_FLAGS) emulate.option(f.flags, f.description);
  emulate.action(async (flags: EmulateFlags) => {
    const { runEmulateCommand } = await import("../emulator/cli.js");
    const emulator = await runEmulateCommand(flags, {
      out: (l) => ctx.stdout(`${l}\n`),
      err: (l) => ctx.stderr(`${l}\n`),
    });
    await ctx.waitForStop();
    await emulator.close();
  });

  program
    .command("import")
    .description("write spec files from installed @wix/auto_sdk_* packages' own metadata")
    .argument("<package...>", "package names, e.g. @wix/auto_sdk_stores_products")
    .option(
      "--out <dir>",
      "folder for the spec files (keep imported specs apart from hand-written ones)",
      "spec-imported",
    )
    .option("--grants <file>", "grants table (permission id → identities) replacing the default one")
    .option("--include-internal", "also import methods tagged @internal")
    .action(async (packages: string[], opts: { out: string; grants?: string; includeInternal?: boolean }) => {
      const { runImport, formatReport } = await import("../importer/index.js");
      const report = await runImport({
        packages,
        outDir: opts.out,
        cwd: ctx.cwd,
        ...(opts.grants ? { grantsFile: opts.grants } : {}),
        includeInternal: opts.includeInternal === true,
        log: (line) => ctx.stderr(`${line}\n`),
      });
      ctx.stdout(formatReport(report, (file) => displayPath(file, ctx.cwd)));
    });
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
  });
  process.exitCode = code;
}
