// Measurement 3: per-call overhead on loopback — generated client vs raw fetch (same headers) vs @wix/sdk, same GET.
import { fmt, ratio, summarize, table, type Summary } from "./stats.js";
import { anonymousSession, oursClient, PRODUCT_ID, rawGetProduct, redirectWixFetch, sdkClient, startEmulator } from "./peers-env.js";

export interface CallsResult {
  readonly callsPerRound: number;
  readonly raw: Summary;
  readonly ours: Summary;
  readonly sdk: Summary;
}

/** Microseconds per call for `calls` sequential awaited calls. */
async function perCall(calls: number, call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return ((performance.now() - start) * 1000) / calls;
}

export async function measureCalls(rounds: number, callsPerRound: number, log: (t: string) => void): Promise<CallsResult> {
  const emu = await startEmulator({});
  const restore = redirectWixFetch(emu.url);
  try {
    const session = await anonymousSession(emu);
    const ours = oursClient(emu, session);
    const sdk = sdkClient();
    const contenders: Record<"raw" | "ours" | "sdk", () => Promise<unknown>> = {
      raw: () => rawGetProduct(emu, session),
      ours: () => ours.stores.products.getProduct({ id: PRODUCT_ID }),
      sdk: () => sdk.products.getProduct(PRODUCT_ID),
    };
    // Warm-up: JIT, keep-alive sockets, and the SDK's own anonymous token (not part of per-call cost).
    for (const call of Object.values(contenders)) for (let i = 0; i < 20; i++) await call();
    const samples: Record<keyof typeof contenders, number[]> = { raw: [], ours: [], sdk: [] };
    const names = Object.keys(contenders) as (keyof typeof contenders)[];
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round so no contender always runs on a warmer or busier machine.
      for (let k = 0; k < names.length; k++) {
        const name = names[(r + k) % names.length]!;
        samples[name].push(await perCall(callsPerRound, contenders[name]));
      }
      log(`  calls round ${r + 1}/${rounds}: raw ${samples.raw.at(-1)!.toFixed(0)} µs, wix-authz ${samples.ours.at(-1)!.toFixed(0)} µs, @wix/sdk ${samples.sdk.at(-1)!.toFixed(0)} µs`);
    }
    if (emu.internalErrors.length > 0) throw new Error(`emulator internal errors during the calls bench: ${String(emu.internalErrors[0])}`);
    return { callsPerRound, raw: summarize(samples.raw), ours: summarize(samples.ours), sdk: summarize(samples.sdk) };
  } finally {
    restore();
    await emu.close();
  }
}

export function callsTable(r: CallsResult): string {
  const row = (name: string, s: Summary, target?: number) => [name, fmt(s, "µs"), ratio(s, r.raw, target), ratio(s, r.sdk), `${(s.median - r.raw.median).toFixed(0)} µs`];
  return table(
    ["client", "time per call (median, min–max of rounds)", "vs raw fetch", "vs @wix/sdk", "overhead over raw"],
    [row("raw fetch (same headers)", r.raw), row("wix-authz generated client", r.ours, 1.1), row("@wix/sdk + @wix/stores", r.sdk)],
  );
}
