// Fault injection for robustness tests: latency, 503s, 429 + Retry-After, broken token JSON; seeded, or queued one by one.
import type { FaultOptions } from "./options.js";
import { mulberry32 } from "./prng.js";

export type FaultKind = "server-error" | "rate-limit" | "malformed-token";

export interface QueuedFault {
  readonly kind: FaultKind;
  /** Only requests whose path starts with this take the fault (default: the next matching request). */
  readonly pathPrefix?: string;
  /** How many requests take it (default 1). */
  readonly times?: number;
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly queue: { kind: FaultKind; pathPrefix?: string; left: number }[] = [];

  constructor(private readonly options: FaultOptions) {
    this.random = mulberry32(options.seed ?? 0x5eed);
  }

  get latencyMs(): number {
    return this.options.latencyMs ?? 0;
  }

  get retryAfterSeconds(): number {
    return this.options.retryAfterSeconds ?? 1;
  }

  /** Queue explicit faults; they take precedence over the configured rates. */
  enqueue(fault: QueuedFault): void {
    this.queue.push({
      kind: fault.kind,
      left: fault.times ?? 1,
      ...(fault.pathPrefix !== undefined && { pathPrefix: fault.pathPrefix }),
    });
  }

  /** The fault, if any, for this request. Each call draws from the seeded PRNG exactly once per configured rate. */
  pick(path: string, isTokenEndpoint: boolean): FaultKind | undefined {
    const queued = this.queue.findIndex(
      (q) =>
        (q.pathPrefix === undefined || path.startsWith(q.pathPrefix)) &&
        (q.kind !== "malformed-token" || isTokenEndpoint),
    );
    if (queued >= 0) {
      const entry = this.queue[queued]!;
      entry.left -= 1;
      if (entry.left <= 0) this.queue.splice(queued, 1);
      return entry.kind;
    }
    const prefixes = this.options.pathPrefixes;
    if (prefixes !== undefined && !prefixes.some((p) => path.startsWith(p))) return undefined;
    if (this.draw(this.options.serverErrorRate)) return "server-error";
    if (this.draw(this.options.rateLimitRate)) return "rate-limit";
    if (isTokenEndpoint && this.draw(this.options.malformedTokenRate)) return "malformed-token";
    return undefined;
  }

  private draw(rate: number | undefined): boolean {
    if (rate === undefined || rate <= 0) return false;
    return this.random() < rate;
  }
}
