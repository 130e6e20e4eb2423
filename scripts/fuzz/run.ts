// run: `npm run fuzz -- --count N --seed S` — mutates valid specs, runs the generator on each, reports by outcome.
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./corpus.js";
import { runFuzz, type Finding } from "./fuzz.js";

const USAGE = `usage: npm run fuzz -- [--count 10000] [--seed 1] [--from 0] [--typecheck-every 500] [--disk-every 1]
                        [--minimize-budget 300] [--crash-dir .tmp/fuzz-crashes] [--slow-ms 5000]
Replays iteration I of seed S: npm run fuzz -- --seed S --from I --count 1`;

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

function describe(f: Finding): string {
  return [
    `  ${f.kind} ×${f.count}: ${f.signature}`,
    `    first at iteration ${f.iteration} (iteration seed ${f.iterationSeed}): ${f.mutations.join("; ").slice(0, 300)}`,
    ...(f.savedTo ? [`    reproducer: ${path.relative(ROOT, f.savedTo)}`] : []),
  ].join("\n");
}

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: "string" },
      seed: { type: "string" },
      from: { type: "string" },
      "typecheck-every": { type: "string" },
      "disk-every": { type: "string" },
      "minimize-budget": { type: "string" },
      "crash-dir": { type: "string" },
      "slow-ms": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return (console.log(USAGE), 0);
  const seed = int("seed", values.seed, 1);
  const from = int("from", values.from, 0);
  const report = await runFuzz({
    seed,
    from,
    count: int("count", values.count, 10_000),
    typecheckEvery: int("typecheck-every", values["typecheck-every"], 500),
    diskEvery: int("disk-every", values["disk-every"], 1),
    minimizeBudget: int("minimize-budget", values["minimize-budget"], 300),
    slowMs: int("slow-ms", values["slow-ms"], 5000),
    crashDir: path.resolve(ROOT, values["crash-dir"] ?? ".tmp/fuzz-crashes"),
    log: (line) => console.error(line),
  });
  console.log(
    `\nfuzz: seed ${seed}, iterations ${from}..${from + report.count - 1}, ${(report.elapsedMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `time by phase (s): ${Object.entries(report.timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
      .join(", ")}`,
  );
  console.log(
    `outcomes: ${Object.entries(report.statuses)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}; type-checked outputs: ${report.typechecked}`,
  );
  console.log(
    report.findings.length
      ? `FINDINGS (${report.findings.length}):\n${report.findings.map(describe).join("\n")}`
      : "findings: none",
  );
  if (report.warnings.length) console.log(`warnings (not failures):\n${report.warnings.map(describe).join("\n")}`);
  if (report.slow.length)
    console.log(
      `slow iterations (> threshold):\n${report.slow.map((s) => `  iteration ${s.iteration}: ${s.ms} ms — ${s.mutations.join("; ").slice(0, 200)}`).join("\n")}`,
    );
  return report.findings.length ? 1 : 0;
}

cli(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    // A flag error gets the usage; anything else is a harness failure and gets its stack.
    const flagError = error instanceof Error && /^--|Unknown option|unexpected argument/i.test(error.message);
    console.error(
      error instanceof Error ? (flagError ? error.message : (error.stack ?? error.message)) : String(error),
    );
    if (flagError) console.error(USAGE);
    process.exitCode = 2;
  },
);
