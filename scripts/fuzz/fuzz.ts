// fuzz: the fuzz loop as a library (used by `npm run fuzz` and by test/robustness/fuzz.test.ts).
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { loadCorpus } from "./corpus.js";
import { DiskHarness } from "./disk.js";
import { minimize } from "./minimize.js";
import { makeCase, type FuzzCase } from "./mutate.js";
import { runInMemory, type Outcome, type Violation } from "./oracle.js";
import { iterationSeed } from "./rng.js";
import { saveCase } from "./save.js";
import { typecheckSamples, type SampledOutput } from "./typecheck.js";

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** First iteration index (to replay one iteration: `from: i, count: 1`). */
  readonly from?: number;
  /** Type-check one successful output per this many iterations (0: never). */
  readonly typecheckEvery?: number;
  /** Run the CLI on disk for every n-th rejected case (1: all; 0: never). */
  readonly diskEvery?: number;
  readonly minimizeBudget?: number;
  /** Where reproducers go (undefined: not saved). */
  readonly crashDir?: string;
  /** Iterations slower than this are reported (not failed). */
  readonly slowMs?: number;
  readonly log?: (line: string) => void;
}

export interface Finding {
  readonly signature: string;
  readonly kind: string;
  count: number;
  readonly iteration: number;
  readonly iterationSeed: number;
  readonly mutations: readonly string[];
  readonly detail: string;
  savedTo?: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  readonly statuses: Record<Outcome["status"], number>;
  readonly findings: Finding[];
  readonly warnings: Finding[];
  readonly slow: { iteration: number; ms: number; mutations: readonly string[] }[];
  typechecked: number;
  readonly elapsedMs: number;
  /** Milliseconds spent per phase, to see where a run's time goes. */
  readonly timings: Record<"mutate" | "inMemory" | "disk" | "sample" | "minimize" | "typecheck", number>;
}

const IN_MEMORY = new Set(["crash", "bad-diagnostic", "not-inert"]);

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const { seed, count, from = 0, typecheckEvery = 500, diskEvery = 1, slowMs = 5000, log = () => {} } = options;
  const corpus = loadCorpus();
  const harness = await DiskHarness.create(corpus.full);
  const statuses: FuzzReport["statuses"] = { valid: 0, "spec-error": 0, crash: 0 };
  const findings = new Map<string, Finding>();
  const warnings = new Map<string, Finding>();
  const slow: FuzzReport["slow"] = [];
  const samples: SampledOutput[] = [];
  const sampledCases = new Map<number, FuzzCase>();
  let rejected = 0;
  let nextSample = from;
  const timings: FuzzReport["timings"] = { mutate: 0, inMemory: 0, disk: 0, sample: 0, minimize: 0, typecheck: 0 };
  const timed = async <T>(phase: keyof typeof timings, work: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      timings[phase] += performance.now() - t;
    }
  };

  const record = async (into: Map<string, Finding>, v: Violation, c: FuzzCase, iteration: number, save: boolean) => {
    const prior = into.get(v.signature);
    if (prior) return void prior.count++;
    const finding: Finding = {
      signature: v.signature,
      kind: v.kind,
      count: 1,
      iteration,
      iterationSeed: c.seed,
      mutations: c.mutations,
      detail: v.detail,
    };
    into.set(v.signature, finding);
    log(`[fuzz] ${v.kind} at iteration ${iteration}: ${v.signature}`);
    if (!save || !options.crashDir) return;
    const minimized = IN_MEMORY.has(v.kind)
      ? await timed("minimize", () =>
          minimize(
            c.files,
            (files) => runInMemory(files).violations.some((w) => w.signature === v.signature),
            options.minimizeBudget ?? 300,
          ),
        )
      : undefined;
    finding.savedTo = await saveCase(options.crashDir, {
      ...finding,
      runSeed: seed,
      files: c.files,
      ...(minimized ? { minimized } : {}),
    });
  };

  try {
    for (let i = from; i < from + count; i++) {
      const c = await timed("mutate", () => makeCase(corpus, iterationSeed(seed, i)));
      const t0 = performance.now();
      const outcome = await timed("inMemory", () => runInMemory(c.files));
      statuses[outcome.status]++;
      const violations = [...outcome.violations];
      if (outcome.status !== "valid" && diskEvery > 0 && rejected++ % diskEvery === 0)
        violations.push(...(await timed("disk", () => harness.checkFailedGenerate(c.files))));
      if (outcome.status === "valid" && typecheckEvery > 0 && i >= nextSample) {
        nextSample = i + typecheckEvery;
        const sample = await timed("sample", () => sampleOutput(harness, c, i));
        if ("violation" in sample) violations.push(sample.violation);
        else {
          samples.push(sample);
          sampledCases.set(i, c);
        }
      }
      const ms = performance.now() - t0;
      if (ms > slowMs) slow.push({ iteration: i, ms: Math.round(ms), mutations: c.mutations });
      for (const v of violations) await record(findings, v, c, i, true);
      for (const w of outcome.warnings)
        await record(warnings, { kind: "bad-diagnostic", signature: w.replace(/: .*$/s, ""), detail: w }, c, i, false);
      if ((i - from + 1) % 500 === 0)
        log(
          `[fuzz] ${i - from + 1}/${count} ${JSON.stringify(statuses)} ${findings.size} finding(s) ${Math.round((performance.now() - started) / 1000)} s`,
        );
    }
    const typeErrors = await timed("typecheck", () => typecheckSamples(`seed-${seed}-from-${from}`, samples));
    for (const [iteration, diags] of typeErrors) {
      const c = sampledCases.get(iteration);
      const first = diags[0]!;
      const signature = `type-error: ${first.code} ${first.message.split("\n")[0]!.replace(/"[^"]*"|'[^']*'/g, "…")}`;
      if (c)
        await record(
          findings,
          {
            kind: "type-error",
            signature,
            detail: diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join("\n"),
          },
          c,
          iteration,
          true,
        );
    }
    return {
      seed,
      from,
      count,
      statuses,
      findings: [...findings.values()],
      warnings: [...warnings.values()],
      slow,
      typechecked: samples.length,
      elapsedMs: performance.now() - started,
      timings,
    };
  } finally {
    await harness.dispose();
  }
}

/** Runs the real `generate` (prettier included) into a fresh folder and reads the files back. */
async function sampleOutput(
  harness: DiskHarness,
  c: FuzzCase,
  iteration: number,
): Promise<SampledOutput | { violation: Violation }> {
  await harness.writeSpec(c.files);
  const out = path.join(harness.root, `sample-${iteration}`);
  const result = await harness.cli(["generate", "--spec", "spec", "--out", out]);
  try {
    if (result.code !== 0) {
      const kind = result.code === 2 ? "format-crash" : "cli-mismatch";
      return {
        violation: {
          kind,
          signature: `${kind}: CLI generate exited ${result.code} on a spec the in-process pipeline accepted`,
          detail: result.stderr.slice(0, 4000),
        },
      };
    }
    const names = (await readdir(out)).filter((n) => n.endsWith(".ts")).sort();
    return {
      iteration,
      files: await Promise.all(
        names.map(async (n) => ({ path: n, content: await readFile(path.join(out, n), "utf8") })),
      ),
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
