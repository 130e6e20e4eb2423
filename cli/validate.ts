// `wix-authz validate`: load and check the spec, print every problem, write nothing.
import type { Command } from "commander";
import { specOption, type CliContext } from "./context.js";

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check the spec and print every problem; writes nothing")
    .addOption(specOption())
    .action(async (opts: { spec: string }) => {
      const { loadApiModel } = await import("../generator/load-model.js");
      const model = await loadApiModel(opts.spec, ctx.cwd);
      ctx.stdout(
        `${opts.spec}: ${model.methods.length} methods, ${model.schemas.length} shared schemas in ${model.sources.length} files — valid\n`,
      );
    });
}
