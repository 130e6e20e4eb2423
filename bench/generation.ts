// Measurement 1: `wix-authz generate` (cold, and a rerun with no spec change) vs `openapi-typescript`, at each N.
import path from "node:path";
import { generationEnv, runNode } from "./proc.js";
import { fmt, kb, ratio, summarize, table, type Summary } from "./stats.js";
import { folderBytes, OPENAPI_TS_BIN, removeDir, WIX_AUTHZ_BIN } from "./workspace.js";

export interface GenerationRow {
  readonly methods: number;
  readonly cold: Summary;
  readonly rerun: Summary;
  readonly peer: Summary;
  readonly oursBytes: number;
  readonly peerBytes: number;
}

/** Generates into `<dir>/out-ours` and `<dir>/out-peer/schema.d.ts`, leaving both there for the type-check bench. */
export async function measureGeneration(
  dir: string,
  methods: number,
  runs: number,
  log: (t: string) => void,
): Promise<GenerationRow> {
  const cold: number[] = [];
  const rerun: number[] = [];
  const peer: number[] = [];
  const ours = ["generate", "--spec", "spec", "--out", "out-ours"];
  const theirs = [OPENAPI_TS_BIN, "openapi.json", "-o", path.join("out-peer", "schema.d.ts")];
  const run = (args: readonly string[]) => runNode(args, dir, { env: generationEnv() });
  for (let r = 0; r < runs; r++) {
    // Alternate who goes first so drift in machine load does not favour one side.
    const order = r % 2 === 0 ? ["ours", "peer"] : ["peer", "ours"];
    for (const who of order) {
      if (who === "ours") {
        await removeDir(path.join(dir, "out-ours"));
        cold.push((await run([WIX_AUTHZ_BIN, ...ours])).ms);
        const again = await run([WIX_AUTHZ_BIN, ...ours]);
        if (!/nothing changed/i.test(again.stdout))
          log(`  note: the rerun did not report a cache hit: "${again.stdout.trim()}"`);
        rerun.push(again.ms);
      } else {
        await removeDir(path.join(dir, "out-peer"));
        peer.push((await run(theirs)).ms);
      }
    }
    log(
      `  generation N=${methods} run ${r + 1}/${runs}: cold ${cold.at(-1)!.toFixed(0)} ms, rerun ${rerun.at(-1)!.toFixed(0)} ms, openapi-typescript ${peer.at(-1)!.toFixed(0)} ms`,
    );
  }
  return {
    methods,
    cold: summarize(cold),
    rerun: summarize(rerun),
    peer: summarize(peer),
    oursBytes: await folderBytes(path.join(dir, "out-ours")),
    peerBytes: await folderBytes(path.join(dir, "out-peer")),
  };
}

/** Issue 19 goal 3: cold generation at the largest N at most half the peer's time. */
export const COLD_TARGET = 0.5;
/** Issue 6: a rerun with nothing changed at most a tenth of a cold run. */
export const RERUN_TARGET = 0.1;

export function generationTable(rows: readonly GenerationRow[], maxN: number): string {
  return table(
    [
      "methods",
      "wix-authz generate (cold)",
      "openapi-typescript",
      "cold / peer",
      "rerun, no change",
      "rerun / cold",
      "output size (ours / peer)",
    ],
    rows.map((r) => [
      r.methods.toLocaleString("en-US"),
      fmt(r.cold, "ms"),
      fmt(r.peer, "ms"),
      ratio(r.cold, r.peer, r.methods === maxN ? COLD_TARGET : undefined),
      fmt(r.rerun, "ms"),
      ratio(r.rerun, r.cold, r.methods === maxN ? RERUN_TARGET : undefined),
      `${kb(r.oursBytes)} / ${kb(r.peerBytes)}`,
    ]),
  );
}
