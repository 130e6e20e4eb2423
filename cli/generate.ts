// `wix-authz generate`: validate the spec and write the clients (or, with --watch, keep doing it on every change).
import type { Command } from "commander";
import { outOption, specOption, strictFactsOption, type CliContext } from "./context.js";
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
    .action(async (opts: { spec: string; out: string; watch?: boolean; cache: boolean; strictFacts?: boolean }) => {
      const options = {
        spec: opts.spec,
        out: opts.out,
        cwd: ctx.cwd,
        noCache: !opts.cache,
        strictFacts: opts.strictFacts === true,
      };
      if (opts.watch) {
        const { watchAndGenerate } = await import("./watch.js");
        const watcher = await watchAndGenerate(options, ctx);
        ctx.stdout(`[watch] watching ${opts.spec} (Ctrl-C to stop)\n`);
        await ctx.waitForStop();
        watcher.close();
        return;
      }
      const { generate } = await import("../generator/run.js");
      const report = await generate(options);
      reportWarnings(report.warnings, ctx);
      const unchanged = report.cached ? ", nothing changed since the last run" : "";
      ctx.stdout(
        `${opts.out}: ${summary(report.written.length, report.unchanged.length, report.removed.length)} (${report.methods} methods${unchanged})\n`,
      );
    });
}
