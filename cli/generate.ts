// `wix-authz generate`: validate the spec and write the clients (or, with --watch, keep doing it on every change).
// Reads wix-authz.config.json (spec sources, overrides, output folder, Prettier); flags win.
import type { Command } from "commander";
import {
  configLine,
  configOption,
  outOption,
  overrideOption,
  rootIo,
  specOption,
  specSettings,
  strictFactsOption,
  type CliContext,
  type SpecFlags,
} from "./context.js";
import { reportWarnings, summary } from "./report.js";

export function registerGenerate(program: Command, ctx: CliContext): void {
  program
    .command("generate")
    .description("validate the spec and write the visitor, member and admin clients")
    .addOption(specOption())
    .addOption(outOption())
    .option("--watch", "regenerate on every spec change; report errors without exiting")
    .option("--no-cache", "always run the whole pipeline (by default an unchanged spec is not regenerated)")
    .addOption(strictFactsOption())
    .addOption(overrideOption())
    .addOption(configOption())
    .action(async (opts: SpecFlags & { watch?: boolean; cache: boolean }) => {
      const s = await specSettings(opts, ctx);
      ctx.stderr(configLine(s, ctx));
      const options = {
        spec: s.spec,
        out: s.out,
        cwd: s.root,
        noCache: !opts.cache,
        strictFacts: s.strictFacts,
        overrides: s.overrides,
        prettier: s.prettier,
      };
      if (opts.watch) {
        const { watchAndGenerate } = await import("./watch.js");
        const watcher = await watchAndGenerate(options, rootIo(ctx, s));
        ctx.stdout(`[watch] watching ${s.specShown} (Ctrl-C to stop)\n`);
        await ctx.waitForStop();
        watcher.close();
        return;
      }
      const { generate } = await import("../generator/run.js");
      const report = await generate(options);
      // For bin/wix-authz.js: its code cache is made again once for each way a run can go (each compiles other code).
      (globalThis as Record<symbol, unknown>)[Symbol.for("wix-authz.generate-path")] = report.path;
      reportWarnings(report.warnings, rootIo(ctx, s));
      const unchanged = report.cached ? ", nothing changed since the last run" : "";
      ctx.stdout(
        `${s.outShown}: ${summary(report.written.length, report.unchanged.length, report.removed.length)} (${report.methods} methods${unchanged})\n`,
      );
    });
}
