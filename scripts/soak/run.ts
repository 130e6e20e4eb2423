// npm run soak -- --calls N: runs the soak and prints its report; exit 0 pass, 1 problems found, 2 bad flags or crash.
import { parseArgs } from "node:util";
import { runSoak, SOAK_DEFAULTS, type SoakOptions, type SoakReport } from "./soak.js";

const FLAGS = {
  calls: { type: "string" },
  concurrency: { type: "string" },
  "token-seconds": { type: "string" },
  "renew-margin-ms": { type: "string" },
  "fault-rate": { type: "string" },
  seed: { type: "string" },
  visitors: { type: "string" },
  members: { type: "string" },
  admins: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean" },
} as const;

const USAGE = `Usage: npm run soak -- [--calls 10000] [--concurrency 20] [--token-seconds 6] [--renew-margin-ms 3500]
                       [--fault-rate 0.02] [--seed N] [--visitors 8] [--members 8] [--admins 4] [--json]`;

class FlagError extends Error {}

function number(
  flag: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  integer = true,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (
    raw.trim() === "" ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  )
    throw new FlagError(
      `--${flag} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  return value;
}

export function parseFlags(argv: readonly string[]): SoakOptions & { json: boolean; help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  const d = SOAK_DEFAULTS;
  const tokenSeconds = number("token-seconds", values["token-seconds"], d.tokenSeconds, 2, 86_400);
  return {
    calls: number("calls", values.calls, d.calls, 1, 10_000_000),
    concurrency: number("concurrency", values.concurrency, d.concurrency, 1, 1_000),
    tokenSeconds,
    renewMarginMs: number(
      "renew-margin-ms",
      values["renew-margin-ms"],
      tokenSeconds === d.tokenSeconds ? d.renewMarginMs : tokenSeconds * 500,
      0,
      tokenSeconds * 1000 - 1,
    ),
    faultRate: number("fault-rate", values["fault-rate"], d.faultRate, 0, 0.5, false),
    seed: number("seed", values.seed, d.seed, 0, 2 ** 32 - 1),
    visitors: number("visitors", values.visitors, d.visitors, 0, 1_000),
    members: number("members", values.members, d.members, 0, 1_000),
    admins: number("admins", values.admins, d.admins, 1, 1_000),
    json: values.json === true,
    help: values.help === true,
  };
}

export function formatReport(r: SoakReport): string {
  const o = r.options;
  const t = r.tokens;
  const sum = (k: "expiries" | "refreshGrants" | "anonymousGrants" | "codeGrants") =>
    t.sessions.reduce((n, s) => n + s[k], 0);
  const lines = [
    `soak: ${r.calls} calls in ${(r.durationMs / 1000).toFixed(1)} s (${Math.round(r.calls / (r.durationMs / 1000))} calls/s), concurrency ${o.concurrency}`,
    `sessions: ${o.visitors} visitor, ${o.members} member, ${o.admins} admin; access tokens live ${o.tokenSeconds} s, renewed ${o.renewMarginMs} ms early; fault rate ${o.faultRate}, seed ${o.seed}`,
    `calls: ${r.succeeded} succeeded, ${r.calls - r.succeeded} failed`,
    ...Object.entries(r.failures)
      .sort((a, b) => b[1] - a[1])
      .map(([label, n]) => `  ${String(n).padStart(6)}  ${label}`),
    `token requests: ${t.requests} reached the server = ${t.succeeded} granted + ${t.failedInjected} injected faults + ${t.failedOther} other failures`,
    `  access tokens expired: ${sum("expiries")}; refresh grants: ${sum("refreshGrants")}; anonymous grants: ${sum("anonymousGrants")}; logins (code grants): ${sum("codeGrants")}; unattributed grants: ${t.unattributed}`,
    `  API 401 answers: ${r.apiUnauthorized} (each recovered by one refresh + retry: a retry waited out the token's life)`,
    `secrets: ${r.leaks.length} leaks in ${r.auditedTexts} texts (errors, console, serialized clients) against ${r.credentials} credentials`,
    ...r.unexpected.map((u) => `  ${u}`),
    ...r.leaks.map((l) => `  leak: ${l.preview} in ${l.source}`),
    r.problems.length
      ? `FAIL:\n${r.problems.map((p) => `  - ${p}`).join("\n")}`
      : "PASS: every failed call was an injected fault; token requests = expiries in every session; no secrets leaked",
  ];
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`soak: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (flags.help) return (void process.stdout.write(`${USAGE}\n`), 0);
  const { json, help: _help, ...options } = flags;
  const result = await runSoak(options);
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatReport(result));
  return result.problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(
        `soak crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
