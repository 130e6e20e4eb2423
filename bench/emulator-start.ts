// Emulator start (issue 19 goal 4): `wix-authz emulate` in a child process on the catalogue and on the default spec,
// time from spawn to the ready line and peak RSS (VmHWM) at that moment; cold (no model cache) and warm (cached).
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { generationEnv } from "./proc.js";
import { fmt, summarize, table, type Summary } from "./stats.js";
import { makeTempDir, removeDir, REPO, WIX_AUTHZ_BIN } from "./workspace.js";

export interface EmulatorStartRow {
  readonly spec: string;
  readonly methods: number;
  readonly cold: { readonly ms: Summary; readonly rssMb: Summary };
  readonly warm: { readonly ms: Summary; readonly rssMb: Summary };
}

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
  readonly methods: number;
}

/** One start: spawn, wait for the `serving … (N methods)` line, read the peak RSS, stop with SIGINT. */
function startOnce(spec: string, cwd: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [WIX_AUTHZ_BIN, "emulate", "--spec", spec, "--port", "0"], {
      cwd,
      env: generationEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let done = false;
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const ready = /^serving .*\((\d+) methods\)$/m.exec(out);
      if (ready === null || done) return;
      done = true;
      const ms = performance.now() - started;
      readFile(`/proc/${child.pid}/status`, "utf8")
        .then((status) => {
          const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
          child.once("close", () => resolve({ ms, rssMb: kb / 1024, methods: Number(ready[1]) }));
          child.kill("SIGINT");
        })
        .catch((error: unknown) => {
          child.kill("SIGKILL");
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (!done) reject(new Error(`wix-authz emulate --spec ${spec} exited with ${code} before it was ready:\n${err}`));
    });
  });
}

/** Cold runs each start in a fresh folder (no model cache); warm runs reuse one folder after a first start. */
export async function measureEmulatorStart(runs: number, log: (line: string) => void): Promise<EmulatorStartRow[]> {
  const rows: EmulatorStartRow[] = [];
  for (const spec of ["catalogue/spec", "spec"]) {
    const absolute = path.join(REPO, spec);
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    const dirs: string[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const dir = await makeTempDir("emulator-cold");
        dirs.push(dir);
        cold.push(await startOnce(absolute, dir));
      }
      const dir = await makeTempDir("emulator-warm");
      dirs.push(dir);
      await startOnce(absolute, dir); // fills the cache
      for (let i = 0; i < runs; i++) warm.push(await startOnce(absolute, dir));
    } finally {
      await Promise.all(dirs.map(removeDir));
    }
    const pick = (samples: Sample[]) => ({
      ms: summarize(samples.map((s) => s.ms)),
      rssMb: summarize(samples.map((s) => s.rssMb)),
    });
    const row = { spec, methods: cold[0]!.methods, cold: pick(cold), warm: pick(warm) };
    log(`emulator start ${spec}: cold ${fmt(row.cold.ms, "ms")}, warm ${fmt(row.warm.ms, "ms")}`);
    rows.push(row);
  }
  return rows;
}

const verdict = (s: Summary, limit: number) => (s.median <= limit ? "✅" : "❌");

export function emulatorStartTable(rows: readonly EmulatorStartRow[]): string {
  return table(
    ["spec", "methods", "start", "time to listening", "peak RSS", "≤ 1 s / ≤ 100 MB"],
    rows.flatMap((r) =>
      (["cold", "warm"] as const).map((kind) => [
        r.spec,
        String(r.methods),
        kind === "cold" ? "cold (no model cache)" : "warm (model cached)",
        fmt(r[kind].ms, "ms"),
        fmt(r[kind].rssMb, "MB", 1),
        `${verdict(r[kind].ms, 1000)} / ${verdict(r[kind].rssMb, 100)}`,
      ]),
    ),
  );
}

export function emulatorStartSection(tableText: string): string {
  return `## Emulator start (goal 4: ≤ 1 s and ≤ 100 MB on the catalogue)

\`wix-authz emulate --spec <spec> --port 0\` in a child process: time from spawn to the \`serving …\` line (Node's own
start included) and the child's peak RSS (VmHWM) at that moment; median (min–max); without NODE_EXTRA_CA_CERTS, as
the generation benches (this machine sets it; Node parses that CA bundle at every start, ~90 ms and ~2 MB here). Routes and request/response
validators (and ajv) are loaded and built on a method's first request, never at start. A cold start parses each file
with js-yaml (its data detached from the text, so no text stays in memory), validates and normalizes the spec and
writes the model cache in pieces (\`node_modules/.cache/wix-authz/emulator/\`, keyed by the spec files and the loader's
code; ASCII JSON, so the text a warm start reads and parses is one byte per character); a warm start reads that model. Neither loads the position-keeping YAML parser or a generator emit stage
(test/emulator/start-modules.test.ts). js-yaml is the maintained 4.x line (4.3): 5.5 parsed the catalogue's 3 MB 2.9×
slower (518 vs 177 ms in one process) and made this cold start ~1.2 s. The cold load allocates mostly short-lived
data (the parser's), while the 10 MB or so it keeps survive scavenges; V8 grows the new space by what survives, and left alone
it reached its default maximum (two 16 MB semispaces, ~20 MB of peak RSS) before the ready line. The largest size is
fixed when the process starts (\`node --max-semi-space-size=8\`; set later it does nothing), but V8 reads the growth
factor at each growth, so the cold load sets it to 1 once the new space has reached 8 MB, through the cache write, and
back to V8's 2 after (emulator/young-generation.ts, test/emulator/young-generation.test.ts): no cost measured in time.
Building the model in a worker thread with a young-generation limit instead peaked 5–10 MB higher (the worker's own
heap and runtime come on top of the main thread's) and was ready about 0.1 s later.

${tableText}
`;
}
