// `wix-authz export openapi`: the spec as an OpenAPI 3.1 document (identities, permissions and provenance as
// `x-wix-*` extensions), on stdout or written atomically to --out.
import path from "node:path";
import { Option, type Command } from "commander";
import { ConfigError } from "../core/diagnostics.js";
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

/** `--out` here is the document file, not the clients' folder: it is read apart from the spec settings. */
interface ExportFlags extends Omit<SpecFlags, "out"> {
  readonly out?: string;
  readonly format?: "json" | "yaml";
  readonly title?: string;
}

export function registerExport(program: Command, ctx: CliContext): void {
  const exportCommand = program.command("export").description("export the spec for other tools");
  exportCommand
    .command("openapi")
    .description("write the spec as an OpenAPI 3.1 document with each operation's identities (x-wix-identities)")
    .addOption(specOption())
    .option("--out <file>", "write the document to this file (atomically) instead of stdout")
    .addOption(
      new Option("--format <format>", "json or yaml (default: from --out's extension, else json)").choices([
        "json",
        "yaml",
      ]),
    )
    .option("--title <title>", "the document's info.title", "Wix Headless API")
    .addOption(strictFactsOption())
    .addOption(overrideOption())
    .addOption(configOption())
    .action(async ({ out, format, title, ...flags }: ExportFlags) => {
      const opts = { out, format, title };
      // The spec sources, overrides and facts setting of wix-authz.config.json, as every spec command reads them.
      const s = await specSettings(flags, ctx);
      ctx.stderr(configLine(s, ctx));
      const [{ exportOpenApi, formatOfFile, serialize, writeAtomically }, { loadCheckedModel }] = await Promise.all([
        import("../exporter/index.js"),
        import("../generator/load-model.js"),
      ]);
      const fromName = opts.out === undefined ? undefined : formatOfFile(opts.out);
      if (opts.format && fromName && opts.format !== fromName)
        throw new ConfigError(`--format ${opts.format} disagrees with --out ${opts.out} (a .${fromName} file).`);
      const { model, warnings } = await loadCheckedModel(s.spec, s.root, {
        strictFacts: s.strictFacts,
        overrides: s.overrides,
      });
      reportWarnings(warnings, rootIo(ctx, s));
      const text = serialize(
        exportOpenApi(model, opts.title === undefined ? {} : { title: opts.title }),
        opts.format ?? fromName ?? "json",
      );
      if (opts.out === undefined) return ctx.stdout(text);
      await writeAtomically(path.resolve(ctx.cwd, opts.out), text);
      ctx.stderr(
        `${opts.out}: OpenAPI 3.1, ${model.methods.length} operations, ${model.schemas.length} shared schemas from ${s.specShown}\n`,
      );
    });
}
