// `wix-authz export openapi`: the spec as an OpenAPI 3.1 document (identities, permissions and provenance as
// `x-wix-*` extensions), on stdout or written atomically to --out.
import path from "node:path";
import { Option, type Command } from "commander";
import { ConfigError } from "../core/diagnostics.js";
import { strictFactsOption, type CliContext } from "./context.js";
import { reportWarnings } from "./report.js";

interface ExportFlags {
  readonly spec?: string[];
  readonly out?: string;
  readonly format?: "json" | "yaml";
  readonly title?: string;
  readonly strictFacts?: boolean;
}

export function registerExport(program: Command, ctx: CliContext): void {
  const exportCommand = program.command("export").description("export the spec for other tools");
  exportCommand
    .command("openapi")
    .description("write the spec as an OpenAPI 3.1 document with each operation's identities (x-wix-identities)")
    .addOption(
      new Option(
        "--spec <path>",
        "spec folder or file (every *.yaml, subfolders too); repeat to export several folders as one spec (default: spec)",
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .option("--out <file>", "write the document to this file (atomically) instead of stdout")
    .addOption(
      new Option("--format <format>", "json or yaml (default: from --out's extension, else json)").choices([
        "json",
        "yaml",
      ]),
    )
    .option("--title <title>", "the document's info.title", "Wix Headless API")
    .addOption(strictFactsOption())
    .action(async (opts: ExportFlags) => {
      const { exportOpenApi, formatOfFile, loadSpecs, serialize, writeAtomically } =
        await import("../exporter/index.js");
      const specs = opts.spec ?? ["spec"];
      const fromName = opts.out === undefined ? undefined : formatOfFile(opts.out);
      if (opts.format && fromName && opts.format !== fromName)
        throw new ConfigError(`--format ${opts.format} disagrees with --out ${opts.out} (a .${fromName} file).`);
      const { model, warnings } = await loadSpecs(specs, ctx.cwd, { strictFacts: opts.strictFacts === true });
      reportWarnings(warnings, ctx);
      const text = serialize(
        exportOpenApi(model, opts.title === undefined ? {} : { title: opts.title }),
        opts.format ?? fromName ?? "json",
      );
      if (opts.out === undefined) return ctx.stdout(text);
      await writeAtomically(path.resolve(ctx.cwd, opts.out), text);
      ctx.stderr(
        `${opts.out}: OpenAPI 3.1, ${model.methods.length} operations, ${model.schemas.length} shared schemas from ${specs.join(", ")}\n`,
      );
    });
}
