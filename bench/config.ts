// Bench settings: the full run (lead's quiet machine, bounded for 2 cores) and --quick (small N, for debugging).

export interface BenchConfig {
  readonly mode: "full" | "quick";
  /** Synthetic spec sizes (methods) for generation and type-check. */
  readonly sizes: readonly number[];
  readonly generationRuns: (methods: number) => number;
  readonly typecheckRuns: (methods: number) => number;
  /** Also time TypeScript 7 (node_modules/typescript7) next to 5.9. */
  readonly ts7: boolean;
  readonly callRounds: number;
  readonly callsPerRound: number;
  readonly raceConcurrency: readonly number[];
  readonly raceRuns: number;
  /** Rounds of the catalogue workload (cold, rerun, one change, and the peer each). */
  readonly catalogueRuns: number;
  /** Emulator starts per spec and kind (cold, warm). */
  readonly emulatorStarts: number;
}

export const FULL: BenchConfig = {
  mode: "full",
  sizes: [500, 2000, 5000],
  generationRuns: () => 5,
  typecheckRuns: (n) => (n >= 2000 ? 3 : 5),
  ts7: true,
  callRounds: 31,
  callsPerRound: 300,
  raceConcurrency: [100, 1000],
  raceRuns: 3,
  catalogueRuns: 5,
  emulatorStarts: 5,
};

export const QUICK: BenchConfig = {
  mode: "quick",
  sizes: [100, 500],
  generationRuns: () => 3,
  typecheckRuns: () => 3,
  ts7: true,
  callRounds: 5,
  callsPerRound: 50,
  raceConcurrency: [100, 1000],
  raceRuns: 2,
  catalogueRuns: 1,
  emulatorStarts: 3,
};

export const MEASUREMENTS = [
  "generation",
  "catalogue",
  "typecheck",
  "calls",
  "races",
  "bundle",
  "editor",
  "install",
  "emulator",
  "first-call",
] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

export interface BenchArgs {
  readonly config: BenchConfig;
  readonly only: ReadonlySet<Measurement>;
  readonly out: string | undefined;
  readonly keep: boolean;
}

/** `--quick`, `--only=generation,bundle`, `--sizes=500,5000`, `--runs=<n>`, `--out=<file>`, `--keep` (leave .tmp/bench-* folders). */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let config = FULL;
  let only = new Set<Measurement>(MEASUREMENTS);
  let out: string | undefined;
  let keep = false;
  let sizes: number[] | undefined;
  let runs: number | undefined;
  for (const arg of argv) {
    if (arg === "--quick") config = QUICK;
    else if (arg === "--keep") keep = true;
    else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else if (arg.startsWith("--sizes=")) sizes = positiveInts(arg);
    else if (arg.startsWith("--runs=")) runs = positiveInts(arg)[0];
    else if (arg.startsWith("--only=")) {
      const names = arg.slice("--only=".length).split(",");
      const bad = names.filter((n) => !(MEASUREMENTS as readonly string[]).includes(n));
      if (bad.length > 0)
        throw new Error(`--only: unknown measurement ${bad.join(", ")}; expected some of ${MEASUREMENTS.join(", ")}`);
      only = new Set(names as Measurement[]);
    } else
      throw new Error(
        `unknown argument ${JSON.stringify(arg)}; expected --quick, --only=<list>, --sizes=<list>, --runs=<n>, --out=<file>, --keep`,
      );
  }
  if (sizes) config = { ...config, sizes };
  if (runs !== undefined)
    config = {
      ...config,
      generationRuns: () => runs!,
      typecheckRuns: () => runs!,
      raceRuns: runs,
      catalogueRuns: runs,
    };
  return { config, only, out, keep };
}

function positiveInts(arg: string): number[] {
  const [flag, value = ""] = arg.split("=");
  const list = value.split(",").map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`${flag}: expected positive integers, got ${JSON.stringify(value)}`);
  return list;
}
