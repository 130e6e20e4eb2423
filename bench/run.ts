// Entry of `npm run bench`: runs the six measurements against the peers and writes bench/RESULTS.md.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import * as prettier from "prettier";
import path from "node:path";
import { bundleDetails, bundleTable, measureBundles } from "./bundle.js";
import { callsTable, measureCalls } from "./calls.js";
import { firstCallSection, measureFirstCall } from "./first-call.js";
import { catalogueSection, measureCatalogue } from "./catalogue.js";
import {
  catalogueMethods,
  catalogueTypesSection,
  measureCatalogueTypes,
  prepareCatalogueTypes,
} from "./catalogue-types.js";
import { parseArgs, type BenchArgs } from "./config.js";
import { COLD_TARGET, generationTable, measureGeneration, RERUN_TARGET, type GenerationRow } from "./generation.js";
import { emulatorStartSection, emulatorStartTable, measureEmulatorStart } from "./emulator-start.js";
import { machineReport } from "./machine.js";
import { runNode } from "./proc.js";
import { profileGenerate } from "./profile-summary.js";
import { installSection, measureInstalls } from "./install.js";
import { measureRaces, racesTable } from "./races.js";
import * as notes from "./notes.js";
import { synthesize, writeWorkload } from "../test/support/synth.js";
import { measureTypecheck, prepareTypecheck, typecheckTable, type TypecheckRow } from "./typecheck.js";
import { assertBuilt, makeTempDir, OPENAPI_TS_BIN, removeDir, REPO, WIX_AUTHZ_BIN } from "./workspace.js";

const log = (text: string) => void process.stderr.write(`${text}\n`);

/** Measurements 1 and 2 share one folder per N: the type check reads what generation wrote. */
async function specSections(args: BenchArgs, dirs: string[]): Promise<string[]> {
  const { config, only } = args;
  const maxN = Math.max(...config.sizes);
  const gen: GenerationRow[] = [];
  const tc: TypecheckRow[] = [];
  let maxDir = "";
  for (const n of config.sizes) {
    const dir = await makeTempDir(`n${n}`);
    dirs.push(dir);
    if (n === maxN) maxDir = dir;
    const workload = synthesize(n);
    await writeWorkload(dir, workload);
    log(`N=${n}: workload in ${dir}`);
    if (only.has("generation")) gen.push(await measureGeneration(dir, n, config.generationRuns(n), log));
    else {
      await runNode([WIX_AUTHZ_BIN, "generate", "--spec", "spec", "--out", "out-ours"], dir);
      await runNode([OPENAPI_TS_BIN, "openapi.json", "-o", path.join("out-peer", "schema.d.ts")], dir);
    }
    if (only.has("typecheck")) {
      await prepareTypecheck(dir, workload);
      tc.push(...(await measureTypecheck(dir, n, config.typecheckRuns(n), config.ts7, log)));
    }
  }
  const sections: string[] = [];
  if (only.has("generation")) {
    const top = gen.find((r) => r.methods === maxN)!;
    const coldMissed = top.cold.median > COLD_TARGET * top.peer.median;
    // The missed target's own run: a cold one, or else a no-change rerun.
    const which = coldMissed ? "cold" : top.rerun.median > RERUN_TARGET * top.cold.median ? "rerun" : undefined;
    const profile = which
      ? (log(`profiling one ${which} generate at N=${maxN}…`), await profileGenerate(maxDir, which === "rerun"))
      : undefined;
    sections.push(
      notes.generationSection(
        generationTable(gen, maxN),
        profile === undefined ? undefined : { text: profile, which: which! },
        maxN,
      ),
    );
  }
  if (only.has("typecheck")) sections.push(notes.typecheckSection(typecheckTable(tc, maxN)));
  return sections;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await assertBuilt();
  const started = performance.now();
  const dirs: string[] = [];
  const sections: string[] = [];
  try {
    if (args.only.has("generation") || args.only.has("typecheck")) sections.push(...(await specSections(args, dirs)));
    if (args.only.has("catalogue")) {
      log("the catalogue workload…");
      const dir = await makeTempDir("catalogue");
      dirs.push(dir);
      // Right after the synthetic generation table (section 1), before the type-check one.
      const section = catalogueSection(await measureCatalogue(dir, args.config.catalogueRuns, log));
      sections.splice(args.only.has("generation") ? 1 : 0, 0, section);
    }
    if (args.only.has("calls")) {
      log("per-call overhead…");
      sections.push(
        notes.callsSection(callsTable(await measureCalls(args.config.callRounds, args.config.callsPerRound, log))),
      );
    }
    if (args.only.has("races")) {
      log("token races…");
      sections.push(
        notes.racesSection(racesTable(await measureRaces(args.config.raceConcurrency, args.config.raceRuns, log))),
      );
    }
    if (args.only.has("bundle")) {
      log("bundles…");
      const dir = await makeTempDir("bundle");
      dirs.push(dir);
      const results = await measureBundles(dir);
      sections.push(notes.bundleSection(bundleTable(results), bundleDetails(results)));
    }
    if (args.only.has("editor")) {
      log("the catalogue in the editor…");
      const dir = await makeTempDir("editor");
      dirs.push(dir);
      await prepareCatalogueTypes(dir);
      const methods = await catalogueMethods();
      const result = await measureCatalogueTypes(dir, args.config.typecheckRuns(methods), args.config.ts7, log);
      sections.push(catalogueTypesSection({ methods, ...result }));
    }
    if (args.only.has("first-call")) {
      log("first call of a namespace…");
      const dir = await makeTempDir("first-call");
      dirs.push(dir);
      sections.push(firstCallSection(await measureFirstCall(dir, args.config.mode === "full" ? 15 : 5, log)));
    }
    if (args.only.has("install")) sections.push(installSection(await measureInstalls(log)));
    if (args.only.has("emulator")) {
      log("emulator start…");
      sections.push(
        emulatorStartSection(emulatorStartTable(await measureEmulatorStart(args.config.emulatorStarts, log))),
      );
    }
  } finally {
    if (!args.keep) await Promise.all(dirs.map(removeDir));
  }
  const minutes = (performance.now() - started) / 60_000;
  const out = args.out ?? path.join(REPO, args.config.mode === "full" ? "bench/RESULTS.md" : ".tmp/RESULTS.quick.md");
  const argv = process.argv.slice(2).filter((a) => !a.startsWith("--out=") && a !== "--keep");
  // Formatted with the repository's Prettier config, so the committed file passes `npm run lint` as written.
  const text = notes.document({ machine: machineReport(), mode: args.config.mode, minutes, argv, sections });
  const config = (await prettier.resolveConfig(out)) ?? {};
  await writeFile(out, await prettier.format(text, { ...config, filepath: out }));
  log(`wrote ${path.relative(process.cwd(), out)} (${minutes.toFixed(1)} min)`);
}

if (!existsSync(path.join(REPO, "node_modules", "openapi-typescript"))) {
  log("The peers are not installed: run `npm ci` first.");
  process.exitCode = 1;
} else {
  main().catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
