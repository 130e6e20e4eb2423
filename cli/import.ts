// `wix-authz import`: spec files from installed @wix/auto_sdk_* packages' own metadata.
import type { Command } from "commander";
import { displayPath } from "../generator/files.js";
import type { CliContext } from "./context.js";

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("write spec files from installed @wix/auto_sdk_* packages' own metadata")
    .argument("<package...>", "package names, e.g. @wix/auto_sdk_stores_products")
    .option(
      "--out <dir>",
      "folder for the spec files (keep imported specs apart from hand-written ones)",
      "spec-imported",
    )
    .option("--grants <file>", "grants table (permission id → identities) replacing the default one")
    .option("--include-internal", "also import methods tagged @internal")
    .action(async (packages: string[], opts: { out: string; grants?: string; includeInternal?: boolean }) => {
      const { runImport, formatReport } = await import("../importer/index.js");
      const report = await runImport({
        packages,
        outDir: opts.out,
        cwd: ctx.cwd,
        ...(opts.grants ? { grantsFile: opts.grants } : {}),
        includeInternal: opts.includeInternal === true,
        log: (line) => ctx.stderr(`${line}\n`),
      });
      ctx.stdout(formatReport(report, (file) => displayPath(file, ctx.cwd)));
    });
}
