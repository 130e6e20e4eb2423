// `wix-authz check`: exit 1 and list what is stale, missing or extra when the generated files do not match the spec.
// Reads wix-authz.config.json like generate; flags win.
import type { Command } from "commander";
import { EXIT, reportWarnings } from "./report.js";
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
  type SetExit,
  type SpecFlags,
} from "./context.js";

export function registerCheck(program: Command, ctx: CliContext, setExit: SetExit): void {
  program
    .command("check")
    .description("exit 1 if the generated files do not match the spec (for CI)")
    .addOption(specOption())
    .addOption(outOption())
    .addOption(strictFactsOption())
    .addOption(overrideOption())
    .addOption(configOption())
    .action(async (opts: SpecFlags) => {
      const s = await specSettings(opts, ctx);
      ctx.stderr(configLine(s, ctx));
      const { check } = await import("../generator/run.js");
      const drift = await check({
        spec: s.spec,
        out: s.out,
        cwd: s.root,
        strictFacts: s.strictFacts,
        overrides: s.overrides,
        prettier: s.prettier,
      });
      reportWarnings(drift.warnings, rootIo(ctx, s));
      const lines = [
        ...drift.stale.map((f) => `  stale:   ${s.outShown}/${f}`),
        ...drift.missing.map((f) => `  missing: ${s.outShown}/${f}`),
        ...drift.extra.map((f) => `  extra:   ${s.outShown}/${f} (generated earlier, no longer produced)`),
      ];
      if (lines.length === 0) return ctx.stdout(`${s.outShown} is up to date with ${s.specShown}\n`);
      ctx.stderr(`${s.outShown} does not match ${s.specShown}:\n${lines.join("\n")}\nRun: ${s.regenerate}\n`);
      setExit(EXIT.user);
    });
}
