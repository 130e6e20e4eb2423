// The soak: thousands of calls across visitor, member and admin sessions, short-lived tokens, injected faults, then
// failure classes, token accounting (requests vs expiries) and a secret audit of everything the run produced.
import { startEmulator } from "../../emulator/index.js";
import type { AdminClient } from "../../generated/admin.js";
import { accountTokens, tokenProblems, type TokenTotals } from "./accounting.js";
import { SecretAudit, type Leak } from "../../test/support/secret-audit.js";
import { Classifier, type FailedCall } from "./classify.js";
import { CALL_HEADER, startFaultProxy } from "../../test/support/fault-proxy.js";
import {
  adminSession,
  fillCart,
  memberSession,
  operations,
  persist,
  visitorSession,
  type Fixtures,
  type SoakSession,
} from "./sessions.js";

export interface SoakOptions {
  readonly calls: number;
  readonly concurrency: number;
  readonly tokenSeconds: number;
  readonly renewMarginMs: number;
  /** Share of API and token requests answered 503 by the emulator; 429s, resets and broken token JSON scale from it. */
  readonly faultRate: number;
  readonly seed: number;
  readonly visitors: number;
  readonly members: number;
  readonly admins: number;
}

export const SOAK_DEFAULTS: SoakOptions = {
  calls: 10_000,
  concurrency: 20,
  tokenSeconds: 6,
  // Renew halfway: leaves room for a call's retries (Retry-After 1 s, twice) before the server-side expiry.
  renewMarginMs: 3_500,
  faultRate: 0.02,
  seed: 20_260_105,
  visitors: 8,
  members: 8,
  admins: 4,
};

export interface SoakReport {
  readonly options: SoakOptions;
  readonly calls: number;
  readonly succeeded: number;
  readonly durationMs: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly unexpected: readonly string[];
  readonly tokens: TokenTotals;
  readonly apiUnauthorized: number;
  readonly leaks: readonly Leak[];
  readonly auditedTexts: number;
  readonly credentials: number;
  readonly problems: readonly string[];
}

const FAULT_PATHS = ["/oauth2/token", "/stores", "/stores-reader", "/ecom", "/members"];

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const r = options.faultRate;
  const em = await startEmulator({
    tokens: { accessTokenSeconds: options.tokenSeconds },
    faults: {
      serverErrorRate: r,
      rateLimitRate: r / 2,
      malformedTokenRate: r / 4,
      retryAfterSeconds: 1,
      seed: options.seed,
      pathPrefixes: FAULT_PATHS,
    },
  });
  const proxy = await startFaultProxy(em.url, { resetRate: r / 2, seed: options.seed });
  const audit = new SecretAudit();
  const restoreConsole = audit.captureConsole();
  try {
    const settings = { baseUrl: proxy.url, renewMarginMs: options.renewMarginMs };
    const sessions: SoakSession[] = [
      ...Array.from({ length: options.visitors }, (_, i) => visitorSession(`visitor-${i + 1}`, settings)),
      ...(await Promise.all(
        Array.from({ length: options.members }, (_, i) => memberSession(`member-${i + 1}`, settings)),
      )),
      ...Array.from({ length: options.admins }, (_, i) => adminSession(`admin-${i + 1}`, settings)),
    ];
    for (const s of sessions) {
      audit.recordObject(s.client, `object ${s.label} client`);
      audit.recordObject(s.store, "object store");
    }
    const fixtures = await setupFixtures(sessions);
    await Promise.all(sessions.map((s) => fillCart(s, fixtures.productId)));
    const started = performance.now();
    const failed = await drive(sessions, fixtures, options);
    const durationMs = performance.now() - started;
    return report(options, { sessions, failed, durationMs, audit, em, proxy });
  } finally {
    restoreConsole();
    await proxy.close();
    await em.close();
  }
}

async function setupFixtures(sessions: readonly SoakSession[]): Promise<Fixtures> {
  const admin = sessions.find((s) => s.identity === "admin")?.client as AdminClient | undefined;
  if (!admin) throw new Error("soak setup failed: at least one admin session is needed (--admins 1)");
  const { products } = await persist("first product", () =>
    admin.stores.products.queryProducts({ query: { paging: { limit: 1 } } }),
  );
  const productId = products[0]?.id;
  if (!productId) throw new Error("soak setup failed: the emulator has no products");
  return { productId, created: [] };
}

/** Call i goes to session i mod S, and cycles through that identity's operations: a fixed, reproducible mix. */
async function drive(
  sessions: readonly SoakSession[],
  fixtures: Fixtures,
  options: SoakOptions,
): Promise<FailedCall[]> {
  const ops = new Map(sessions.map((s) => [s.identity, operations(s.identity, fixtures)]));
  const failed: FailedCall[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.calls) {
      const i = next++;
      const session = sessions[i % sessions.length]!;
      const list = ops.get(session.identity)!;
      const op = list[Math.floor(i / sessions.length) % list.length]!;
      const callId = String(i);
      try {
        await op.run(session.client, { headers: { [CALL_HEADER]: callId } });
      } catch (error) {
        failed.push({ callId, operation: op.name, verb: op.verb, error });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return failed;
}

interface RunData {
  sessions: readonly SoakSession[];
  failed: readonly FailedCall[];
  durationMs: number;
  audit: SecretAudit;
  em: Awaited<ReturnType<typeof startEmulator>>;
  proxy: Awaited<ReturnType<typeof startFaultProxy>>;
}

function report(options: SoakOptions, d: RunData): SoakReport {
  const classifier = new Classifier(d.em.requests, d.proxy.log);
  const failures: Record<string, number> = {};
  const unexpected: string[] = [];
  for (const call of d.failed) {
    d.audit.recordError(call.error);
    const { label, injected } = classifier.classify(call);
    const key = injected ? label : "unexpected";
    failures[key] = (failures[key] ?? 0) + 1;
    if (!injected) unexpected.push(`call ${call.callId}: ${label}`);
  }
  const tokens = accountTokens(d.sessions, d.proxy.grants, d.em.requests);
  const apiUnauthorized = d.em.requests.filter((r) => r.status === 401).length;
  const credentials = new Set(d.proxy.secrets);
  for (const code of d.em.state.codes.keys()) credentials.add(code);
  const leaks = d.audit.findLeaks(credentials);
  const problems = [
    ...(unexpected.length ? [`${unexpected.length} calls failed without an injected fault`] : []),
    ...tokenProblems(tokens),
    ...(leaks.length ? [`${leaks.length} credential leaks in errors, logs or serialized clients`] : []),
    ...(d.em.internalErrors.length ? [`${d.em.internalErrors.length} emulator internal errors`] : []),
  ];
  return {
    options,
    calls: options.calls,
    succeeded: options.calls - d.failed.length,
    durationMs: d.durationMs,
    failures,
    unexpected: unexpected.slice(0, 20),
    tokens,
    apiUnauthorized,
    leaks: leaks.slice(0, 20),
    auditedTexts: d.audit.size,
    credentials: credentials.size,
    problems,
  };
}
