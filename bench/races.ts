// Measurement 4: token requests made when N concurrent calls start with no token / an expired token, wix-authz vs @wix/sdk.
import { summarize, table, type Summary } from "./stats.js";
import {
  anonymousSession,
  oursClient,
  PRODUCT_ID,
  redirectWixFetch,
  sdkClient,
  sdkExpiredTokens,
  startEmulator,
  type RunningEmulator,
} from "./peers-env.js";

type Start = "no token" | "expired token";
type Who = "wix-authz" | "@wix/sdk";

export interface RaceRow {
  readonly who: Who;
  readonly start: Start;
  readonly concurrency: number;
  readonly tokenRequests: Summary;
  readonly failedCalls: Summary;
  readonly wallMs: Summary;
  /** Grant types of those token requests, e.g. `refresh_token ×100`. */
  readonly grants: string;
}

async function oneRace(
  emu: RunningEmulator,
  who: Who,
  start: Start,
  n: number,
): Promise<{ tokens: number; failed: number; ms: number; grants: string }> {
  const session = start === "expired token" ? await anonymousSession(emu) : undefined;
  const before = emu.requests.length;
  const call =
    who === "wix-authz"
      ? (
          (c) => () =>
            c.stores.products.getProduct({ id: PRODUCT_ID })
        )(oursClient(emu, session, true))
      : (
          (c) => () =>
            c.products.getProduct(PRODUCT_ID)
        )(sdkClient(session ? sdkExpiredTokens(session) : undefined));
  const t0 = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: n }, () => call()));
  const ms = performance.now() - t0;
  const tokenRequests = emu.requests.slice(before).filter((e) => e.path === "/oauth2/token");
  const counts = new Map<string, number>();
  for (const e of tokenRequests) counts.set(e.grantType ?? "?", (counts.get(e.grantType ?? "?") ?? 0) + 1);
  const grants = [...counts].map(([g, c]) => `${g} ×${c}`).join(", ");
  return { tokens: tokenRequests.length, failed: settled.filter((s) => s.status === "rejected").length, ms, grants };
}

export async function measureRaces(
  concurrencies: readonly number[],
  runs: number,
  log: (t: string) => void,
): Promise<RaceRow[]> {
  const emu = await startEmulator({});
  const restore = redirectWixFetch(emu.url);
  const rows: RaceRow[] = [];
  try {
    for (const n of concurrencies) {
      for (const start of ["no token", "expired token"] as const) {
        for (const who of ["wix-authz", "@wix/sdk"] as const) {
          const results = [];
          for (let r = 0; r < runs; r++) results.push(await oneRace(emu, who, start, n));
          log(
            `  race ${who}, ${start}, ${n} concurrent: token requests ${results.map((x) => x.tokens).join(", ")}; failed calls ${results.map((x) => x.failed).join(", ")}`,
          );
          rows.push({
            who,
            start,
            concurrency: n,
            tokenRequests: summarize(results.map((x) => x.tokens)),
            failedCalls: summarize(results.map((x) => x.failed)),
            wallMs: summarize(results.map((x) => x.ms)),
            grants: results.at(-1)!.grants,
          });
        }
      }
    }
    return rows;
  } finally {
    restore();
    await emu.close();
  }
}

export function racesTable(rows: readonly RaceRow[]): string {
  const range = (s: Summary) => (s.min === s.max ? `${s.median}` : `${s.median} (${s.min}–${s.max})`);
  return table(
    [
      "concurrent calls",
      "start",
      "client",
      "POST /oauth2/token requests",
      "vs wix-authz",
      "grants (last run)",
      "failed calls",
      "wall time",
    ],
    rows.map((r) => {
      const ours = rows.find((o) => o.who === "wix-authz" && o.start === r.start && o.concurrency === r.concurrency)!;
      const verdict =
        r.who === "wix-authz"
          ? r.tokenRequests.max === 1 && r.tokenRequests.min === 1
            ? " ✅ (target exactly 1)"
            : " ❌ (target exactly 1)"
          : "";
      return [
        r.concurrency.toLocaleString("en-US"),
        r.start,
        r.who,
        `${range(r.tokenRequests)}${verdict}`,
        `${(r.tokenRequests.median / Math.max(ours.tokenRequests.median, 1)).toFixed(0)}×`,
        r.grants,
        range(r.failedCalls),
        `${r.wallMs.median.toFixed(0)} ms`,
      ];
    }),
  );
}
