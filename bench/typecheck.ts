// Measurement 2: `tsc --noEmit --extendedDiagnostics` over generated clients + usage, vs openapi-typescript + openapi-fetch.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runNode } from "./proc.js";
import { fmt, ratio, summarize, table, type Summary } from "./stats.js";
import type { SynthWorkload } from "../test/support/synth.js";
import { oursUsage, peerUsage, pickCalls } from "./usage.js";
import { TSC7_BIN, TSC_BIN } from "./workspace.js";

export interface TscStats {
  readonly wallMs: number;
  readonly checkMs: number;
  readonly memoryKb: number;
  readonly instantiations: number;
  readonly types: number;
  readonly errors: readonly string[];
}

/** Reads the `--extendedDiagnostics` block (TS 5.x and TS 7 print the same labels). */
export function parseDiagnostics(output: string): Omit<TscStats, "wallMs" | "errors"> & { errors: string[] } {
  const num = (label: string): number => {
    const m = new RegExp(`^${label}:\\s+([\\d.,]+)(K|s|ms)?`, "m").exec(output);
    if (!m) return Number.NaN;
    const n = Number(m[1]!.replace(/,/g, ""));
    return m[2] === "s" ? Math.round(n * 1000) : n;
  };
  const errors = [...output.matchAll(/error (TS\d+): ([^\n]*)/g)].map((m) => `${m[1]}: ${m[2]}`);
  return {
    checkMs: num("Check time"),
    memoryKb: num("Memory used"),
    instantiations: num("Instantiations"),
    types: num("Types"),
    errors,
  };
}

/** The compiler options of both bench projects (ours and the peer's). */
export const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023", "DOM"],
  types: [],
  strict: true,
  // The common default (tsc --init); it skips checking the peer's schema.d.ts body, which only favours the peer.
  skipLibCheck: true,
  noEmit: true,
};

/** Writes `tsconfig.ours.json` / `tsconfig.peer.json` and their usage files next to out-ours/ and out-peer/. */
export async function prepareTypecheck(dir: string, workload: SynthWorkload): Promise<void> {
  const calls = pickCalls(workload);
  await writeFile(path.join(dir, "usage-ours.ts"), oursUsage(calls, "out-ours"));
  await writeFile(path.join(dir, "usage-peer.ts"), peerUsage(calls, "out-peer/schema.js"));
  const config = (include: string[]) => JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include }, null, 2);
  await writeFile(path.join(dir, "tsconfig.ours.json"), config(["usage-ours.ts", "out-ours/*.ts"]));
  await writeFile(path.join(dir, "tsconfig.peer.json"), config(["usage-peer.ts", "out-peer/*.ts"]));
}

export async function runTsc(bin: string, dir: string, project: "ours" | "peer"): Promise<TscStats> {
  const r = await runNode([bin, "-p", `tsconfig.${project}.json`, "--extendedDiagnostics"], dir, {
    allowFailure: true,
  });
  const parsed = parseDiagnostics(r.stdout + r.stderr);
  if (Number.isNaN(parsed.checkMs))
    throw new Error(
      `no --extendedDiagnostics output from ${bin} (${project}, exit ${r.code}):\n${(r.stdout + r.stderr).slice(0, 2000)}`,
    );
  return { wallMs: r.ms, ...parsed };
}

export interface TypecheckRow extends TscPair {
  readonly methods: number;
}

/** One compiler's runs over `tsconfig.ours.json` and `tsconfig.peer.json`, alternating who goes first. */
export interface TscPair {
  readonly compiler: string;
  readonly ours: Record<"wallMs" | "checkMs" | "memoryKb" | "instantiations", Summary>;
  readonly peer: Record<"wallMs" | "checkMs" | "memoryKb" | "instantiations", Summary>;
  readonly oursErrors: readonly string[];
  readonly peerErrors: readonly string[];
}

/** Runs both projects `runs` times under TS 5.9 (and TS 7 when `ts7`); `label` names the workload in the log. */
export async function measureTscPairs(
  dir: string,
  label: string,
  runs: number,
  ts7: boolean,
  log: (t: string) => void,
): Promise<TscPair[]> {
  const pairs: TscPair[] = [];
  for (const [compiler, bin] of [["TypeScript 5.9", TSC_BIN], ...(ts7 ? [["TypeScript 7", TSC7_BIN]] : [])] as [
    string,
    string,
  ][]) {
    const samples: Record<"ours" | "peer", TscStats[]> = { ours: [], peer: [] };
    for (let r = 0; r < runs; r++) {
      for (const project of r % 2 === 0 ? (["ours", "peer"] as const) : (["peer", "ours"] as const))
        samples[project].push(await runTsc(bin, dir, project));
      log(
        `  type-check ${compiler} ${label} run ${r + 1}/${runs}: ours ${samples.ours.at(-1)!.wallMs.toFixed(0)} ms, peer ${samples.peer.at(-1)!.wallMs.toFixed(0)} ms`,
      );
    }
    const sum = (list: TscStats[]) => ({
      wallMs: summarize(list.map((s) => s.wallMs)),
      checkMs: summarize(list.map((s) => s.checkMs)),
      memoryKb: summarize(list.map((s) => s.memoryKb)),
      instantiations: summarize(list.map((s) => s.instantiations)),
    });
    pairs.push({
      compiler,
      ours: sum(samples.ours),
      peer: sum(samples.peer),
      oursErrors: samples.ours[0]!.errors,
      peerErrors: samples.peer[0]!.errors,
    });
  }
  return pairs;
}

export async function measureTypecheck(
  dir: string,
  methods: number,
  runs: number,
  ts7: boolean,
  log: (t: string) => void,
): Promise<TypecheckRow[]> {
  const pairs = await measureTscPairs(dir, `N=${methods}`, runs, ts7, log);
  return pairs.map((p) => ({ methods, ...p }));
}

export function typecheckTable(rows: readonly TypecheckRow[], maxN: number): string {
  const target = (r: TypecheckRow) => (r.methods === maxN && r.compiler.includes("5.9") ? 0.5 : undefined);
  const errs = (list: readonly string[]) =>
    list.length === 0 ? "0" : `${list.length} (${[...new Set(list.map((e) => e.slice(0, 6)))].join(", ")})`;
  return table(
    [
      "methods",
      "compiler",
      "tsc wall time: ours / peer",
      "ratio",
      "check time: ours / peer",
      "memory: ours / peer",
      "ratio",
      "instantiations: ours / peer",
      "errors ours / peer (TS2589?)",
    ],
    rows.map((r) => [
      r.methods.toLocaleString("en-US"),
      r.compiler,
      `${fmt(r.ours.wallMs, "ms")} / ${fmt(r.peer.wallMs, "ms")}`,
      ratio(r.ours.wallMs, r.peer.wallMs, target(r)),
      `${fmt(r.ours.checkMs, "ms")} / ${fmt(r.peer.checkMs, "ms")}`,
      `${(r.ours.memoryKb.median / 1024).toFixed(0)} MB / ${(r.peer.memoryKb.median / 1024).toFixed(0)} MB`,
      ratio(r.ours.memoryKb, r.peer.memoryKb, target(r)),
      `${r.ours.instantiations.median.toLocaleString("en-US")} / ${r.peer.instantiations.median.toLocaleString("en-US")}`,
      `${errs(r.oursErrors)} / ${errs(r.peerErrors)}${[...r.oursErrors, ...r.peerErrors].some((e) => e.startsWith("TS2589")) ? " ⚠️ TS2589" : ""}`,
    ]),
  );
}
