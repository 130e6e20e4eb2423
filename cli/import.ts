// `wix-authz import`: spec files from installed @wix/auto_sdk_* packages' own metadata.
import path from "node:path";
import { Option, type Command } from "commander";
import type { UnverifiedDefault } from "../importer/policy.js";
import { displayPath } from "../generator/files.js";
import type { CliContext } from "./context.js";

interface ImportFlags {
  readonly out?: string;
  readonly config?: string;
  readonly grants?: string;
  readonly includeInternal?: boolean;
  readonly unverified: UnverifiedDefault;
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("write spec files from installed @wix/auto_sdk_* packages' own metadata")
    .argument("<package...>", "package names, e.g. @wix/auto_sdk_stores_products")
    .option(
      "--out <dir>",
      'folder for the spec files, kept apart from hand-written ones (default: the config\'s "import.out", else spec-imported)',
    )
    .option("--config <file>", "the config file to read (default: the nearest wix-authz.config.json)")
    .option("--grants <file>", "grants table (permission id → identities) replacing the default one")
    .option("--include-internal", "also import methods tagged @internal")
    .addOption(
      new Option("--unverified <default>", "identities for methods the identity facts do not cover (POLICY.md)")
        .choices(["admin", "heuristics", "wix-default"])
        .default("admin"),
    )
    .action(async (packages: string[], opts: ImportFlags) => {
      const { loadProjectConfig } = await import("./config.js");
      const config = await loadProjectConfig(ctx.cwd, opts.config);
      const outDir = opts.out ?? config?.importOut ?? "spec-imported";
      const { runImport, formatReport } = await import("../importer/index.js");
      const { specSchemaRef } = await import("./schema-ref.js");
      const report = await runImport({
        packages,
        outDir,
        schemaRef: specSchemaRef(path.resolve(ctx.cwd, outDir)),
        cwd: ctx.cwd,
        ...(opts.grants ? { grantsFile: opts.grants } : {}),
        includeInternal: opts.includeInternal === true,
        unverified: opts.unverified,
        log: (line) => ctx.stderr(`${line}\n`),
      });
      ctx.stdout(formatReport(report, (file) => displayPath(file, ctx.cwd)));
      const absOut = path.resolve(ctx.cwd, outDir);
      if (config && !(config.spec ?? []).some((s) => s === absOut))
        ctx.stderr(
          `note: ${displayPath(absOut, ctx.cwd)} is not among the spec sources of ${displayPath(config.file, ctx.cwd)}: add it to "spec" for generate, check and emulate to read it.\n`,
        );
    });
}
