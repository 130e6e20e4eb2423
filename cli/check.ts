// `wix-authz check`: exit 1 and list what is stale, missing or extra when the generated files do not match the spec.
import type { Command } from "commander";
import { EXIT, reportWarnings } from "./report.js";
import { outOption, specOption, strictFactsOption, type CliContext, type SetExit } from "./context.js";

export function registerCheck(program: Command, ctx: CliContext, setExit: SetExit): void {
  program
    .command("check")
    .description("exit 1 if the generated files do not match the spec (for CI)")
    .addOption(specOption())
    .addOption(outOption())
    .addOption(strictFactsOption())
    .action(async (opts: { spec: string; out: string; strictFacts?: boolean }) => {
      const { check } = await import("../generator/run.js");
      const drift = await check({
        spec: opts.spec,
        out: opts.out,
        cwd: ctx.cwd,
        strictFacts: opts.strictFacts === true,
      });
      reportWarnings(drift.warnings, ctx);
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
}
