// `wix-authz validate`: load and check the spec, print every problem, write nothing.
import type { Command } from "commander";
import { specOption, strictFactsOption, type CliContext } from "./context.js";
import { reportWarnings } from "./report.js";

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check the spec and print every problem; writes nothing")
    .addOption(specOption())
    .addOption(strictFactsOption())
    .action(async (opts: { spec: string; strictFacts?: boolean }) => {
      const { loadCheckedModel } = await import("../generator/load-model.js");
      const { model, warnings } = await loadCheckedModel(opts.spec, ctx.cwd, {
        strictFacts: opts.strictFacts === true,
      });
      reportWarnings(warnings, ctx);
      ctx.stdout(
        `${opts.spec}: ${model.methods.length} methods, ${model.schemas.length} shared schemas in ${model.sources.length} files — valid${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"})` : ""}\n`,
      );
    });
}
