// Measurement 3: per-call overhead on loopback — generated client vs raw fetch (same headers) vs @wix/sdk, same GET.
import { fmt, ratio, summarize, table, type Summary } from "./stats.js";
import {
  anonymousSession,
  oursClient,
  PRODUCT_ID,
  rawGetProduct,
  rawGetProductWithTimeout,
  redirectWixFetch,
  sdkClient,
  startEmulator,
} from "./peers-env.js";

export interface CallsResult {
  readonly callsPerRound: number;
  readonly raw: Summary;
  readonly rawTimeout: Summary;
  readonly ours: Summary;
  readonly sdk: Summary;
  /** Per round, ours ÷ raw and sdk ÷ raw over the same interleaved calls: paired, so machine drift cancels. */
  readonly oursVsRaw: Summary;
  readonly rawTimeoutVsRaw: Summary;
  readonly sdkVsRaw: Summary;
}

export async function measureCalls(
  rounds: number,
  callsPerRound: number,
  log: (t: string) => void,
): Promise<CallsResult> {
  const emu = await startEmulator({});
  const restore = redirectWixFetch(emu.url);
  try {
    const session = await anonymousSession(emu);
    const ours = oursClient(emu, session);
    const sdk = sdkClient();
    const contenders: Record<"raw" | "rawTimeout" | "ours" | "sdk", () => Promise<unknown>> = {
      raw: () => rawGetProduct(emu, session),
      rawTimeout: () => rawGetProductWithTimeout(emu, session),
      ours: () => ours.stores.products.getProduct({ id: PRODUCT_ID }),
      sdk: () => sdk.products.getProduct(PRODUCT_ID),
    };
    // Warm-up: JIT, keep-alive sockets, and the SDK's own anonymous token (not part of per-call cost).
    for (const call of Object.values(contenders)) for (let i = 0; i < 20; i++) await call();
    const samples: Record<keyof typeof contenders, number[]> = { raw: [], rawTimeout: [], ours: [], sdk: [] };
    const names = Object.keys(contenders) as (keyof typeof contenders)[];
    for (let r = 0; r < rounds; r++) {
      // Interleave call by call, rotating the order each round: every contender sees the same machine state.
      const spent: Record<keyof typeof contenders, number> = { raw: 0, rawTimeout: 0, ours: 0, sdk: 0 };
      for (let i = 0; i < callsPerRound; i++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(r + i + k) % names.length]!;
          const start = performance.now();
          await contenders[name]();
          spent[name] += performance.now() - start;
        }
      }
      for (const name of names) samples[name].push((spent[name] * 1000) / callsPerRound);
      log(
        `  calls round ${r + 1}/${rounds}: raw ${samples.raw.at(-1)!.toFixed(0)} µs, raw + timeout ${samples.rawTimeout.at(-1)!.toFixed(0)} µs, wix-authz ${samples.ours.at(-1)!.toFixed(0)} µs, @wix/sdk ${samples.sdk.at(-1)!.toFixed(0)} µs`,
      );
    }
    if (emu.internalErrors.length > 0)
      throw new Error(`emulator internal errors during the calls bench: ${String(emu.internalErrors[0])}`);
    const paired = (name: "rawTimeout" | "ours" | "sdk") => summarize(samples[name].map((v, i) => v / samples.raw[i]!));
    return {
      callsPerRound,
      raw: summarize(samples.raw),
      rawTimeout: summarize(samples.rawTimeout),
      ours: summarize(samples.ours),
      sdk: summarize(samples.sdk),
      oursVsRaw: paired("ours"),
      rawTimeoutVsRaw: paired("rawTimeout"),
      sdkVsRaw: paired("sdk"),
    };
  } finally {
    restore();
    await emu.close();
  }
}

export function callsTable(r: CallsResult): string {
  const paired = (s: Summary | undefined, target?: number) =>
    s === undefined ? "1.00×" : `${ratio(s.median, 1, target)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
  const row = (name: string, s: Summary, pairedRatio?: Summary, target?: number) => [
    name,
    fmt(s, "µs"),
    paired(pairedRatio, target),
    ratio(s, r.sdk),
    `${(s.median - r.raw.median).toFixed(0)} µs`,
  ];
  return table(
    [
      "client",
      "time per call (median, min–max of rounds)",
      "vs raw fetch (median of per-round paired ratios, range)",
      "vs @wix/sdk",
      "overhead over raw",
    ],
    [
      row("raw fetch (same headers)", r.raw),
      row("raw fetch + a per-request timeout signal (as wix-authz's transport)", r.rawTimeout, r.rawTimeoutVsRaw),
      row("wix-authz generated client", r.ours, r.oursVsRaw, 1.1),
      row("@wix/sdk + @wix/stores", r.sdk, r.sdkVsRaw),
    ],
  );
}
