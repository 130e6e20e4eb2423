// `wix-authz validate`: load and check the spec (the config's sources, or --spec), print every problem, write nothing.
import type { Command } from "commander";
import {
  configLine,
  configOption,
  overrideOption,
  rootIo,
  specOption,
  specSettings,
  strictFactsOption,
  type CliContext,
  type SpecFlags,
} from "./context.js";
import { reportWarnings } from "./report.js";

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check the spec and print every problem; writes nothing")
    .addOption(specOption())
    .addOption(strictFactsOption())
    .addOption(overrideOption())
    .addOption(configOption())
    .action(async (opts: SpecFlags) => {
      const s = await specSettings(opts, ctx);
      ctx.stderr(configLine(s, ctx));
      const { loadCheckedModel } = await import("../generator/load-model.js");
      const { model, warnings } = await loadCheckedModel(s.spec, s.root, {
        strictFacts: s.strictFacts,
        overrides: s.overrides,
      });
      reportWarnings(warnings, rootIo(ctx, s));
      const facts = warnings.filter((w) => w.code !== "SPEC_METHOD_OVERRIDE").length;
      const overrides = warnings.length - facts;
      ctx.stdout(
        `${s.specShown}: ${model.methods.length} methods, ${model.schemas.length} shared schemas in ${model.sources.length} files — valid${facts ? ` (${facts} warning${facts === 1 ? "" : "s"})` : ""}${overrides ? ` (${overrides} override${overrides === 1 ? "" : "s"})` : ""}\n`,
      );
    });
}
