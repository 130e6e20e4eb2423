// `wix-authz import`: spec files from installed @wix/auto_sdk_* packages' own metadata.
import { Option, type Command } from "commander";
import type { UnverifiedDefault } from "../importer/policy.js";
import { displayPath } from "../generator/files.js";
import type { CliContext } from "./context.js";

interface ImportFlags {
  readonly out: string;
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
      "folder for the spec files (keep imported specs apart from hand-written ones)",
      "spec-imported",
    )
    .option("--grants <file>", "grants table (permission id → identities) replacing the default one")
    .option("--include-internal", "also import methods tagged @internal")
    .addOption(
      new Option("--unverified <default>", "identities for methods the identity facts do not cover (POLICY.md)")
        .choices(["admin", "heuristics", "wix-default"])
        .default("admin"),
    )
    .action(async (packages: string[], opts: ImportFlags) => {
      const { runImport, formatReport } = await import("../importer/index.js");
      const report = await runImport({
        packages,
        outDir: opts.out,
        cwd: ctx.cwd,
        ...(opts.grants ? { grantsFile: opts.grants } : {}),
        includeInternal: opts.includeInternal === true,
        unverified: opts.unverified,
        log: (line) => ctx.stderr(`${line}\n`),
      });
      ctx.stdout(formatReport(report, (file) => displayPath(file, ctx.cwd)));
    });
}
